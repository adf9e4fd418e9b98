import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tradeMonteCarlo } from "./trade-monte-carlo.js";

const trades = [0.05, -0.03, 0.02, -0.04, 0.06, -0.01, 0.03, -0.05, 0.04, -0.02, 0.01, 0.02];

/** Brute-force drawdown statistics of one sequence (independent re-implementation). */
function stats(seq: number[]) {
  const eq = [1];
  for (const r of seq) eq.push(eq.at(-1)! * (1 + r));
  let mdd = 0;
  let longest = 0;
  for (let j = 1; j < eq.length; j++) {
    const peak = Math.max(...eq.slice(0, j + 1));
    mdd = Math.max(mdd, 1 - eq[j]! / peak);
    let run = 0;
    for (let k = j; k >= 1 && eq[k]! < Math.max(...eq.slice(0, k)); k--) run++;
    longest = Math.max(longest, run);
  }
  return { final: eq.at(-1)!, mdd, longest };
}

describe("tradeMonteCarlo", () => {
  it("shuffle: every sequence is a permutation, so final equity is the product; drawdowns vary", async () => {
    const mc = await tradeMonteCarlo(trades, { method: "shuffle", simulations: 2000, seed: 1 });
    const product = trades.reduce((a, r) => a * (1 + r), 1);
    for (const v of mc.finalEquity) expect(v).toBeCloseTo(product, 12);
    expect(new Set(mc.maxDrawdown).size).toBeGreaterThan(50);
    expect(mc.probabilityFinalEquityBelow(product * 0.999)).toBe(0);
  });

  it("max drawdown and time under water match a brute-force computation for the identity ordering", async () => {
    // one trade repeated: shuffling is the identity
    const mc = await tradeMonteCarlo([-0.1, -0.1, -0.1], { method: "shuffle", simulations: 3, seed: 0 });
    const s = stats([-0.1, -0.1, -0.1]);
    expect(mc.maxDrawdown[0]).toBeCloseTo(s.mdd, 14);
    expect(mc.timeUnderWater[0]).toBe(3);
  });

  it("property: bootstrap statistics agree with a brute-force recomputation from the sequence's own equity", () => {
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 2, maxLength: 12 }),
        async (xs) => {
          const mc = await tradeMonteCarlo(xs, { method: "shuffle", simulations: 5, seed: 2 });
          for (let i = 0; i < 5; i++) {
            expect(mc.maxDrawdown[i]).toBeGreaterThanOrEqual(0);
            expect(mc.maxDrawdown[i]).toBeLessThanOrEqual(1);
            expect(mc.timeUnderWater[i]).toBeLessThanOrEqual(xs.length);
          }
          const p = mc.probabilityMaxDrawdownExceeds(0.1);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("bootstrap: mean final equity ≈ (1 + mean r)^n; P(maxDD > x) is decreasing in x", async () => {
    const mc = await tradeMonteCarlo(trades, { simulations: 50_000, seed: 3, trades: 24 });
    const m = trades.reduce((a, b) => a + b, 0) / trades.length;
    let s = 0;
    for (const v of mc.finalEquity) s += v;
    const mean = s / 50_000;
    expect(Math.abs(mean / (1 + m) ** 24 - 1)).toBeLessThan(0.01);
    const ps = [0.02, 0.05, 0.1, 0.2].map((x) => mc.probabilityMaxDrawdownExceeds(x));
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeLessThanOrEqual(ps[i - 1]!);
  });

  it("identical distributions on 1 and 2 workers", async () => {
    const one = await tradeMonteCarlo(trades, { simulations: 3000, seed: 9 });
    const two = await tradeMonteCarlo(trades, { simulations: 3000, seed: 9, workers: 2 });
    expect(Array.from(two.maxDrawdown)).toEqual(Array.from(one.maxDrawdown));
    expect(Array.from(two.timeUnderWater)).toEqual(Array.from(one.timeUnderWater));
  });
});
