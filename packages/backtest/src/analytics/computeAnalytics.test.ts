import { readFileSync } from "node:fs";
import { ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buyAndHold } from "./benchmarkStats.js";
import { computeAnalytics } from "./computeAnalytics.js";
import { maxDrawdown, maxDrawdownDuration, underwater } from "./drawdown.js";
import { simpleReturns } from "./returns.js";
import { historicalCVaR, historicalVaR } from "./tailRisk.js";
import type { TradeRecord } from "./types.js";

interface Golden {
  source: string;
  ts: number[];
  equity: number[];
  benchmark: number[];
  trades: TradeRecord[];
  cases: {
    name: string;
    periodsPerYear: number;
    riskFreeRate: number;
    mar: number;
    level: number;
    expected: Record<string, number | boolean | number[] | null>;
  }[];
}
// Inputs AND expected values come from golden_analytics.py (pandas/numpy) on ORCL 1995–2014.
const golden: Golden = JSON.parse(
  readFileSync(new URL("../../test-data/analytics/golden_analytics.json", import.meta.url), "utf8"),
);
const curve = { ts: Float64Array.from(golden.ts), equity: Float64Array.from(golden.equity) };
const bench = Float64Array.from(golden.benchmark);

describe("computeAnalytics matches pandas/numpy golden values (ORCL SMA-cross vs buy-and-hold)", () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const a = computeAnalytics(curve, golden.trades, bench, {
        periodsPerYear: c.periodsPerYear,
        riskFreeRate: c.riskFreeRate,
        mar: c.mar,
        varLevel: c.level,
      }) as unknown as Record<string, unknown>;
      let checked = 0;
      for (const [k, want] of Object.entries(c.expected)) {
        if (k === "underwater") {
          const uw = a.underwater as Float64Array;
          (want as number[]).forEach((w, i) => {
            expect(uw[i]).toBeCloseTo(w, 12);
          });
        } else if (typeof want === "boolean") expect(a[k], k).toBe(want);
        else if (want === null) expect(Number.isNaN(a[k] as number), k).toBe(true);
        else {
          const got = a[k] as number;
          const w = want as number;
          expect(Math.abs(got - w) <= 1e-9 * Math.max(1, Math.abs(w)), `${k}: ${got} vs ${w}`).toBe(true);
        }
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(32);
    });
  }

  it("the fixture's benchmark is the buy-and-hold of the Adj Close in the raw file", () => {
    const lines = readFileSync(
      new URL("../../test-data/analytics/orcl-1995-2014.txt", import.meta.url),
      "utf8",
    )
      .trim()
      .split("\n")
      .slice(1);
    const adj = Float64Array.from(lines, (l) => Number(l.split(",")[5]));
    const bh = buyAndHold(adj, 100_000);
    expect(bh.length).toBe(bench.length);
    for (let i = 0; i < bh.length; i++) expect(bh[i]).toBeCloseTo(bench[i]!, 6);
  });
});

describe("analytics properties and edge cases", () => {
  const curveArb = fc
    .array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 2, maxLength: 200 })
    .map((rs) => {
      const eq = new Float64Array(rs.length + 1);
      eq[0] = 100;
      for (let i = 0; i < rs.length; i++) eq[i + 1] = eq[i]! * (1 + rs[i]!);
      return eq;
    });

  it("underwater ≤ 0, is 0 at running highs, and its minimum is −maxDrawdown", () => {
    fc.assert(
      fc.property(curveArb, (eq) => {
        const uw = underwater(eq);
        let peak = -Infinity;
        let min = 0;
        eq.forEach((e, i) => {
          expect(uw[i]).toBeLessThanOrEqual(0);
          if (e >= peak) expect(uw[i]).toBe(0);
          peak = Math.max(peak, e);
          min = Math.min(min, uw[i]!);
        });
        expect(maxDrawdown(eq)).toBeCloseTo(-min, 14);
      }),
    );
  });

  it("the longest drawdown spell equals the longest run below the running high, peak → recovery (or → end)", () => {
    fc.assert(
      fc.property(curveArb, (eq) => {
        const ts = Float64Array.from(eq, (_, i) => i * 1000);
        const uw = underwater(eq);
        let want = 0;
        let wantRecovered = true;
        for (let a = 0; a < uw.length; a++) {
          if (!(uw[a]! < 0) || (a > 0 && uw[a - 1]! < 0)) continue;
          let b = a;
          while (b + 1 < uw.length && uw[b + 1]! < 0) b++;
          const recovered = b + 1 < uw.length;
          const len = (recovered ? b + 1 : b) - (a - 1);
          if (len > want) {
            want = len;
            wantRecovered = recovered;
          }
        }
        const spell = maxDrawdownDuration(ts, eq);
        expect(spell.durationBars).toBe(want);
        expect(spell.durationMs).toBe(want * 1000);
        if (want > 0) expect(spell.recovered).toBe(wantRecovered);
      }),
    );
  });

  it("CVaR ≥ VaR and both are invariant to the order of returns", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 100 }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        (rs, lvl) => {
          const r = Float64Array.from(rs);
          const rev = Float64Array.from(rs).reverse();
          expect(historicalCVaR(r, lvl)).toBeGreaterThanOrEqual(historicalVaR(r, lvl) - 1e-15);
          expect(historicalVaR(rev, lvl)).toBe(historicalVaR(r, lvl));
        },
      ),
    );
  });

  it("the strategy measured against itself has beta 1, alpha 0 and an undefined information ratio", () => {
    const a = computeAnalytics(curve, [], curve.equity);
    expect(a.beta).toBeCloseTo(1, 12);
    expect(a.alpha).toBeCloseTo(0, 12);
    expect(Number.isNaN(a.informationRatio)).toBe(true);
    expect(a.tradeCount).toBe(0);
    expect(Number.isNaN(a.winRate)).toBe(true);
    expect(a.exposure).toBe(0);
  });

  it("simple returns compound back to the total return", () => {
    const r = simpleReturns(curve.equity);
    let g = 1;
    for (const x of r) g *= 1 + x;
    expect(g - 1).toBeCloseTo(curve.equity.at(-1)! / curve.equity[0]! - 1, 8);
  });

  it("rejects bad input naming the index", () => {
    const ts = Float64Array.of(0, 1, 1);
    expect(() => computeAnalytics({ ts, equity: Float64Array.of(1, 2, 3) })).toThrow(/curve\.ts\[2\]/);
    expect(() => computeAnalytics({ ts: Float64Array.of(0, 1), equity: Float64Array.of(1, -2) })).toThrow(
      /curve\.equity\[1\]/,
    );
    expect(() =>
      computeAnalytics({ ts: Float64Array.of(0, 1), equity: Float64Array.of(1, 2) }, [], Float64Array.of(1)),
    ).toThrow(ValidationError);
    expect(() =>
      computeAnalytics({ ts: Float64Array.of(0, 1), equity: Float64Array.of(1, 2) }, [], undefined, {
        varLevel: 1.5,
      }),
    ).toThrow(/varLevel/);
  });
});
