import { backtestSignals, crossSignals, randomBars } from "@quantkit/backtest";
import type { Bars } from "@quantkit/core";
import { sma } from "@quantkit/indicators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equityMetrics, executeRun, type RunMetrics } from "./executeRun.js";
import { type FusedCosts, signalsRunMetrics, smaCrossRunMetrics } from "./fusedRun.js";
import type { RunSpecInput } from "./runSpec.js";

// The general column path the fused kernels replace, composed from independent pieces: indicators' sma, backtest's
// crossSignals and backtestSignals (equity column), then equityMetrics over that column.
function columnSmaCross(bars: Bars, fast: number, slow: number, costs: FusedCosts, ppy: number) {
  const { entries, exits } = crossSignals(
    sma(bars.close, { period: fast }),
    sma(bars.close, { period: slow }),
  );
  return columnSignals(bars, entries, exits, costs, ppy);
}
function columnSignals(bars: Bars, entries: Uint8Array, exits: Uint8Array, costs: FusedCosts, ppy: number) {
  const r = backtestSignals(bars, entries, exits, costs);
  return {
    metrics: equityMetrics(r.equity, costs.initialCash, ppy, r.fills, r.trades),
    finalPosition: r.finalPosition,
  };
}

// equityMetrics as it was before its downside sum became branch-free: the reference the rewrite must equal exactly.
function equityMetricsBefore(
  equity: Float64Array,
  initialCash: number,
  periodsPerYear: number,
  fills: number,
  trades: number,
): RunMetrics {
  const n = equity.length;
  let s1 = 0;
  let s2 = 0;
  let down2 = 0;
  let peak = initialCash;
  let mdd = 0;
  let floor = peak;
  let prev = initialCash;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (e === prev) continue;
    const r = e / prev - 1;
    s1 += r;
    s2 += r * r;
    if (r < 0) {
      down2 += r * r;
      if (e < floor) {
        mdd = 1 - e / peak;
        floor = peak * (1 - mdd);
      }
    } else if (e > peak) {
      peak = e;
      floor = peak * (1 - mdd);
    }
    prev = e;
  }
  const mean = n > 0 ? s1 / n : Number.NaN;
  const m2 = Math.max(0, s2 - s1 * mean);
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN;
  const dd = n > 0 ? Math.sqrt(down2 / n) : Number.NaN;
  const ann = Math.sqrt(periodsPerYear);
  const finalEquity = n > 0 ? equity[n - 1]! : initialCash;
  return {
    totalReturn: finalEquity / initialCash - 1,
    sharpe: sd > 0 ? (mean / sd) * ann : Number.NaN,
    sortino: dd > 0 ? (mean / dd) * ann : mean > 0 ? Number.POSITIVE_INFINITY : Number.NaN,
    maxDrawdown: n > 0 ? mdd : Number.NaN,
    volatility: sd * ann,
    trades,
    fills,
    finalEquity,
    bars: n,
  };
}

const costsArb: fc.Arbitrary<FusedCosts> = fc.record({
  // mostly ordinary cash; a denormal one makes the first return after a fill ±∞ (the kernels' fallback case)
  initialCash: fc.oneof(
    { weight: 20, arbitrary: fc.double({ min: 1_000, max: 1e6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.MIN_VALUE, 1e-300) },
  ),
  qty: fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.double({ min: 0.001, max: 50, noNaN: true })),
  commission: fc.record({
    perShare: fc.constantFrom(0, 0.005, 0.01),
    bps: fc.constantFrom(0, 1, 2.5),
    flat: fc.constantFrom(0, 1),
    minimum: fc.constantFrom(0, 1, 2),
  }),
  slippageBps: fc.constantFrom(0, 1, 5, 12.5),
});

/**
 * Random bars, optionally on whole-number prices (the SMAs then tie exactly, fast − slow = 0, so the crossing's
 * ≤ / ≥ edges matter) and optionally with one NaN close (the SMAs stay NaN after it) or an infinite close.
 */
const barsArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1e6 }),
    n: fc.integer({ min: 0, max: 700 }),
    ticks: fc.boolean(),
    bad: fc.option(
      fc.record({ at: fc.nat(), value: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY) }),
      { freq: 5 },
    ),
  })
  .map(({ seed, n, ticks, bad }) => {
    const bars = randomBars(n, seed, "SYN");
    if (ticks)
      for (let i = 0; i < n; i++) {
        bars.open[i] = Math.round(bars.open[i]!);
        bars.close[i] = Math.round(bars.close[i]!);
      }
    if (bad !== null && n > 0) bars.close[bad.at % n] = bad.value;
    return bars;
  });

const windowsArb = fc
  .record({ fast: fc.integer({ min: 2, max: 60 }), gap: fc.integer({ min: 1, max: 400 }) })
  .map(({ fast, gap }) => ({ fast, slow: fast + gap }));

const ppyArb = fc.constantFrom(252, 525_960, 8_766);

describe("smaCrossRunMetrics", () => {
  it("equals sma + crossSignals + backtestSignals + equityMetrics bit for bit on random bars, windows and costs (property)", () => {
    let noTrades = 0;
    let openAtEnd = 0;
    let traded = 0;
    fc.assert(
      fc.property(barsArb, windowsArb, costsArb, ppyArb, (bars, { fast, slow }, costs, ppy) => {
        const fused = smaCrossRunMetrics(bars.open, bars.close, fast, slow, costs, ppy);
        const col = columnSmaCross(bars, fast, slow, costs, ppy);
        expect(fused).toEqual(col.metrics);
        if (col.metrics.fills === 0) noTrades++;
        else traded++;
        if (col.finalPosition !== 0) openAtEnd++;
      }),
      { numRuns: 300 },
    );
    // the generator reaches the edge cases (no trade at all, a position still open at the end) and ordinary runs
    expect(noTrades).toBeGreaterThan(0);
    expect(openAtEnd).toBeGreaterThan(0);
    expect(traded).toBeGreaterThan(50);
  });

  it("edge cases: empty bars, slow window longer than the bars (all-NaN warm-up), a position open at the end", () => {
    const costs: FusedCosts = {
      initialCash: 100_000,
      qty: 10,
      commission: { perShare: 0.005, bps: 0, flat: 0, minimum: 1 },
      slippageBps: 1,
    };
    const empty = randomBars(0, 1, "SYN");
    expect(smaCrossRunMetrics(empty.open, empty.close, 5, 20, costs, 252)).toEqual(
      columnSmaCross(empty, 5, 20, costs, 252).metrics,
    );
    const short = randomBars(30, 2, "SYN");
    for (const slow of [30, 31, 200]) {
      const m = smaCrossRunMetrics(short.open, short.close, 5, slow, costs, 252);
      expect(m).toEqual(columnSmaCross(short, 5, slow, costs, 252).metrics);
      expect([m.fills, m.totalReturn, m.finalEquity, m.maxDrawdown]).toEqual([0, 0, 100_000, 0]);
    }
    // find runs that end long (odd fills) and runs whose last bar signals (an unfilled order): both must agree
    const bars = randomBars(400, 3, "SYN");
    let endsLong = 0;
    for (let fast = 2; fast < 12; fast++) {
      const col = columnSmaCross(bars, fast, 25, costs, 252);
      expect(smaCrossRunMetrics(bars.open, bars.close, fast, 25, costs, 252)).toEqual(col.metrics);
      if (col.finalPosition !== 0) endsLong++;
    }
    expect(endsLong).toBeGreaterThan(0);
  });
});

describe("signalsRunMetrics", () => {
  it("equals backtestSignals + equityMetrics bit for bit on random signal columns (property)", () => {
    const signalsArb = fc
      .record({ seed: fc.integer({ min: 1, max: 1e6 }), density: fc.constantFrom(0, 0.01, 0.1, 0.5, 1) })
      .map(({ seed, density }) => ({ seed, density }));
    fc.assert(
      fc.property(barsArb, signalsArb, costsArb, ppyArb, (bars, { seed, density }, costs, ppy) => {
        const n = bars.length;
        const entries = new Uint8Array(n);
        const exits = new Uint8Array(n);
        // a deterministic hash stream, so shrinking keeps the same columns for the same seed
        let h = seed >>> 0;
        for (let i = 0; i < n; i++) {
          h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
          entries[i] = h / 2 ** 32 < density ? 1 : 0;
          h = (Math.imul(h ^ (h >>> 13), 0x297a2d39) + 0x7f4a7c15) >>> 0;
          exits[i] = h / 2 ** 32 < density ? 1 : 0;
        }
        const fused = signalsRunMetrics(bars.open, bars.close, entries, exits, costs, ppy);
        expect(fused).toEqual(columnSignals(bars, entries, exits, costs, ppy).metrics);
      }),
      { numRuns: 300 },
    );
  });
});

describe("equityMetrics", () => {
  it("its branch-free downside sum equals the branching one bit for bit, special values included (property)", () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -2e5, max: 2e5, noNaN: true }) },
      { weight: 6, arbitrary: fc.constantFrom(100_000, 99_000, 101_000) }, // repeats: flat runs
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          0,
          -0,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          Number.NEGATIVE_INFINITY,
          Number.MIN_VALUE,
          -Number.MIN_VALUE,
          1e300,
          -1e300,
        ),
      },
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.constantFrom(100_000, 1, 1e-300, 0, -5),
        (xs, initialCash) => {
          const eq = Float64Array.from(xs);
          expect(equityMetrics(eq, initialCash, 252, 3, 1)).toEqual(
            equityMetricsBefore(eq, initialCash, 252, 3, 1),
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("executeRun fused fast path", () => {
  it("a vectorized run without returns equals the same run through the equity column (returns: true), both strategies, with ranges (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 50, max: 600 }),
        windowsArb,
        fc.record({ period: fc.integer({ min: 2, max: 30 }), oversold: fc.integer({ min: 10, max: 45 }) }),
        fc.option(fc.record({ a: fc.nat(), b: fc.nat() }), { freq: 3 }),
        (seed, n, { fast, slow }, rsi, cut) => {
          const bars = randomBars(n, seed, "SYN");
          const data = { kind: "synthetic", seed, length: n } as const;
          const range =
            cut === null
              ? undefined
              : {
                  start: bars.ts[Math.min(cut.a, cut.b) % n]!,
                  end: bars.ts[Math.min(cut.a, cut.b) % n]! + 60_000 * (1 + (Math.max(cut.a, cut.b) % n)),
                };
          const options = { qty: 7, commission: { perShare: 0.005, minimum: 1 }, slippageBps: 2 };
          const specs: RunSpecInput[] = [
            { strategy: "sma-cross", params: { fast, slow }, data, options, ...(range ? { range } : {}) },
            {
              strategy: "rsi-reversion",
              params: { period: rsi.period, oversold: rsi.oversold, exit: rsi.oversold + 20 },
              data,
              options,
              ...(range ? { range } : {}),
            },
          ];
          for (const spec of specs) {
            const fused = executeRun(spec, bars);
            const column = executeRun(spec, bars, { returns: true });
            expect(fused.returns).toBeUndefined();
            expect(fused.metrics).toEqual(column.metrics);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
