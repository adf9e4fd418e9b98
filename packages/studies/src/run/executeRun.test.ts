import { maxDrawdown, randomBars, sharpeRatio, sortinoRatio } from "@quantkit/backtest";
import { sliceBars } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadDataRef } from "./dataRef.js";
import { equityMetrics, executeRun, rangeIndices } from "./executeRun.js";
import { IndicatorCache } from "./indicatorCache.js";
import { parseRunSpec, runKey } from "./runSpec.js";

const orclRef = { kind: "store", symbol: "ORCL", timeframe: "1d" } as const;
const orcl = await loadDataRef(orclRef);
const costs = { qty: 100, commission: { perShare: 0.005, bps: 1, minimum: 1 }, slippageBps: 5 };

describe("executeRun", () => {
  it("loads the bundled ORCL daily bars through a store DataRef", () => {
    expect(orcl.length).toBe(5036);
    expect(orcl.symbol).toBe("ORCL");
  });

  it("vectorized and event engines give identical metrics on SMA crossover, ORCL 1995-2014 (real data, costs)", () => {
    const spec = { strategy: "sma-cross", params: { fast: 10, slow: 30 }, data: orclRef, options: costs };
    const v = executeRun(spec, orcl);
    const e = executeRun({ ...spec, engine: "event" }, orcl);
    expect(v.metrics.fills).toBeGreaterThan(100);
    expect(e.metrics).toEqual(v.metrics);
    expect(v.key).toBe(runKey(spec));
    expect(e.key).not.toBe(v.key);
  });

  it("vectorized and event engines agree on RSI reversion for random data and params (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 10, max: 45 }),
        fc.integer({ min: 1, max: 40 }),
        (seed, period, oversold, gap) => {
          const data = { kind: "synthetic", seed, length: 600 } as const;
          const bars = randomBars(600, seed, "SYN");
          const spec = {
            strategy: "rsi-reversion",
            params: { period, oversold, exit: oversold + gap },
            data,
            options: costs,
          };
          const v = executeRun(spec, bars);
          const e = executeRun({ ...spec, engine: "event" }, bars);
          expect(e.metrics).toEqual(v.metrics);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("metrics match backtest's sharpeRatio, sortinoRatio and maxDrawdown on the returned per-bar returns", () => {
    const r = executeRun(
      { strategy: "sma-cross", params: { fast: 20, slow: 50 }, data: orclRef, options: costs },
      orcl,
      { returns: true },
    );
    const ret = r.returns!;
    expect(ret.length).toBe(orcl.length);
    expect(r.ts).toEqual(orcl.ts);
    expect(r.metrics.sharpe).toBeCloseTo(sharpeRatio(ret, 252), 10);
    expect(r.metrics.sortino).toBeCloseTo(sortinoRatio(ret, 252), 10);
    const eq = new Float64Array(ret.length + 1);
    eq[0] = 100_000;
    for (let i = 0; i < ret.length; i++) eq[i + 1] = eq[i]! * (1 + ret[i]!);
    expect(r.metrics.maxDrawdown).toBeCloseTo(maxDrawdown(eq), 10);
    expect(r.metrics.finalEquity).toBeCloseTo(eq[ret.length]!, 6);
    expect(r.metrics.totalReturn).toBeCloseTo(r.metrics.finalEquity / 100_000 - 1, 12);
  });

  it("range [start, end) selects the same bars as slicing them (half-open on open times)", () => {
    const [lo, hi] = rangeIndices(orcl.ts, orcl.ts[1000]!, orcl.ts[3000]!);
    expect([lo, hi]).toEqual([1000, 3000]);
    const spec = { strategy: "sma-cross", params: { fast: 5, slow: 40 }, data: orclRef, options: costs };
    const ranged = executeRun({ ...spec, range: { start: orcl.ts[1000]!, end: orcl.ts[3000]! } }, orcl);
    const sliced = executeRun(spec, sliceBars(orcl, 1000, 3000));
    expect(ranged.metrics).toEqual(sliced.metrics);
    expect(ranged.metrics.bars).toBe(2000);
  });

  it("is deterministic and the indicator cache does not change results", () => {
    const cache = new IndicatorCache();
    // rsi-reversion goes through the cache (sma-cross's fused kernel computes its SMAs inline and needs none)
    const spec = parseRunSpec({ strategy: "rsi-reversion", params: { period: 10 }, data: orclRef });
    const a = executeRun(spec, orcl);
    const b = executeRun(spec, orcl, { cache });
    const c = executeRun(spec, orcl, { cache, scratch: new Float64Array(orcl.length) });
    const d = executeRun(spec, orcl, { cache, returns: true });
    expect(b.metrics).toEqual(a.metrics);
    expect(c.metrics).toEqual(a.metrics);
    expect(d.metrics).toEqual(a.metrics);
    expect(cache.hits).toBe(2);
    expect(cache.misses).toBe(1);
    const sma = parseRunSpec({ strategy: "sma-cross", params: { fast: 5, slow: 40 }, data: orclRef });
    expect(executeRun(sma, orcl, { cache }).metrics).toEqual(executeRun(sma, orcl).metrics);
  });

  it("rejects invalid strategy params, naming the field", () => {
    expect(() =>
      executeRun({ strategy: "sma-cross", params: { fast: 30, slow: 10 }, data: orclRef }, orcl),
    ).toThrow(/fast/);
    expect(() => executeRun({ strategy: "nope", data: orclRef }, orcl)).toThrow(/sma-cross/);
  });

  it("equityMetrics matches backtest's sharpeRatio, sortinoRatio and maxDrawdown on random curves with flat runs (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: -0.05, max: 0.05, noNaN: true })), {
          minLength: 2,
          maxLength: 300,
        }),
        (steps) => {
          const eq = new Float64Array(steps.length);
          let e = 1000;
          steps.forEach((r, i) => {
            e *= 1 + r;
            eq[i] = e;
          });
          const ret = new Float64Array(eq.length);
          const m = equityMetrics(eq, 1000, 252, 0, 0, ret);
          const withStart = new Float64Array(eq.length + 1);
          withStart[0] = 1000;
          withStart.set(eq, 1);
          expect(m.maxDrawdown).toBeCloseTo(maxDrawdown(withStart), 12);
          const sr = sharpeRatio(ret, 252);
          if (Number.isFinite(sr) && Math.abs(sr) < 1e6) expect(m.sharpe).toBeCloseTo(sr, 8);
          const so = sortinoRatio(ret, 252);
          if (Number.isFinite(so)) expect(m.sortino).toBeCloseTo(so, 8);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("equityMetrics: drawdown counts from the initial cash; no losing bar gives sortino +Infinity", () => {
    expect(equityMetrics(Float64Array.of(100, 110, 99), 100, 252, 2, 1).maxDrawdown).toBeCloseTo(0.1, 15);
    expect(equityMetrics(Float64Array.of(90, 95), 100, 252, 0, 0).maxDrawdown).toBeCloseTo(0.1, 15);
    expect(equityMetrics(Float64Array.of(101, 102), 100, 252, 0, 0).sortino).toBe(Number.POSITIVE_INFINITY);
  });
});
