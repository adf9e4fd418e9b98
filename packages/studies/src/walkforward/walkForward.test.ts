import { randomBars } from "@quantkit/backtest";
import { type Bars, Rng } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RunPool } from "../pool/runPool.js";
import { executeRun } from "../run/executeRun.js";
import { type WalkForwardConfigInput, walkForward } from "./walkForward.js";

const space: WalkForwardConfigInput["space"] = {
  fast: { int: [3, 9], step: 3 },
  slow: { int: [12, 30], step: 6 },
};

function config(
  seed: number,
  length: number,
  folds: WalkForwardConfigInput["folds"],
): WalkForwardConfigInput {
  return { strategy: "sma-cross", data: { kind: "synthetic", seed, length }, space, folds };
}

/** A copy of `bars` with every bar from `from` on replaced by garbage (extreme random prices and volumes). */
function poison(bars: Bars, from: number, seed: number): Bars {
  const rng = new Rng(seed, 7);
  const copy = (a: Float64Array) => a.slice();
  const b = {
    ...bars,
    open: copy(bars.open),
    high: copy(bars.high),
    low: copy(bars.low),
    close: copy(bars.close),
    volume: copy(bars.volume),
  };
  for (let i = from; i < bars.length; i++) {
    const p = 10 ** (rng.next() * 9 - 3); // 1e-3 … 1e6
    const q = 10 ** (rng.next() * 9 - 3);
    b.open[i] = p;
    b.close[i] = q;
    b.high[i] = Math.max(p, q) * (1 + rng.next());
    b.low[i] = Math.min(p, q) * rng.next();
    b.volume[i] = rng.next() < 0.5 ? 0 : 1e12 * rng.next();
  }
  return b;
}

describe("walkForward", () => {
  it("property (poisoned future): garbage from a fold's in-sample end onward never changes that fold's chosen parameters", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 260, max: 700 }),
        fc.integer({ min: 60, max: 160 }),
        fc.integer({ min: 30, max: 90 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom("rolling" as const, "anchored" as const),
        fc.nat(),
        fc.constantFrom("vectorized" as const, "event" as const),
        async (seed, length, train, test, purge, mode, pick, engine) => {
          const cfg = { ...config(seed, length, { train, test, purge, mode }), engine };
          const bars = randomBars(length, seed, "SYN");
          const clean = await walkForward(cfg, { bars });
          const k = pick % clean.folds.length;
          const fold = clean.folds[k]!;
          const dirty = await walkForward(cfg, { bars: poison(bars, fold.train[1], seed) });
          expect(dirty.folds[k]!.params).toEqual(fold.params);
          expect(dirty.folds[k]!.inSampleMetrics).toEqual(fold.inSampleMetrics);
          // earlier folds saw no garbage at all (their test windows end before it): identical too
          for (let j = 0; j < k; j++)
            if (clean.folds[j]!.test[1] <= fold.train[1]) {
              expect(dirty.folds[j]!.params).toEqual(clean.folds[j]!.params);
              expect(dirty.folds[j]!.outOfSampleMetrics).toEqual(clean.folds[j]!.outOfSampleMetrics);
            }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("the poison is real: garbage inside the in-sample window does change the choice (the property can fail)", async () => {
    const bars = randomBars(600, 3, "SYN");
    const cfg = config(3, 600, { train: 200, test: 100 });
    const clean = await walkForward(cfg, { bars });
    let changed = 0;
    for (let s = 0; s < 5; s++) {
      const dirty = await walkForward(cfg, { bars: poison(bars, clean.folds[1]!.train[0] + 20, 100 + s) });
      if (JSON.stringify(dirty.folds[1]!.params) !== JSON.stringify(clean.folds[1]!.params)) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });

  it("stitched OOS equity equals running each fold's chosen params on its test range, and choices are the in-sample argmax", async () => {
    const length = 1500;
    const bars = randomBars(length, 11, "SYN");
    const wf = await walkForward(config(11, length, { train: 400, test: 200, purge: 2 }), { bars });
    expect(wf.folds.length).toBe(5);
    let j = 0;
    let start = 100_000;
    for (const f of wf.folds) {
      const spec = {
        strategy: "sma-cross",
        params: f.params,
        data: { kind: "synthetic" as const, seed: 11, length },
        range: { start: f.testStart, end: f.testEnd },
      };
      const run = executeRun(spec, bars, { returns: true });
      expect(run.key).toBe(f.outOfSampleKey);
      expect(run.ts!.length).toBe(f.test[1] - f.test[0]);
      // the run's equity is initialCash·Π(1+r); the stitched segment is the same curve rescaled to the running equity
      let e = 100_000;
      for (let i = 0; i < run.returns!.length; i++) {
        e *= 1 + run.returns![i]!;
        expect(wf.oos.ts[j]).toBe(run.ts![i]);
        expect(wf.oos.equity[j]! / start).toBeCloseTo(e / 100_000, 12);
        j++;
      }
      start = wf.oos.equity[j - 1]!;
      expect(run.metrics.totalReturn).toBeCloseTo(f.outOfSampleMetrics.totalReturn, 14);
      // argmax by hand over the grid, one run at a time
      let best = Number.NEGATIVE_INFINITY;
      let bestParams: unknown;
      for (let fast = 3; fast <= 9; fast += 3) {
        for (let slow = 12; slow <= 30; slow += 6) {
          const m = executeRun(
            { ...spec, params: { fast, slow }, range: { start: f.trainStart, end: f.trainEnd } },
            bars,
          ).metrics;
          if (Number.isFinite(m.sharpe) && m.sharpe > best) {
            best = m.sharpe;
            bestParams = { fast, slow };
          }
        }
      }
      expect(f.params).toEqual(bestParams);
      expect(f.inSample).toBe(best);
    }
    expect(j).toBe(wf.oos.equity.length);
    expect(wf.untestedBars).toBe(400 + (length - 400 - 5 * 200));
    const json = JSON.parse(JSON.stringify(wf));
    expect(json.oos.equity.length).toBe(wf.oos.equity.length);
    expect(wf.table()).toMatch(/\| fold \| in-sample \| out-of-sample \| params \|/);
    expect(String(wf)).toMatch(/stitched OOS \(1000 bars, 500 untested\)/);
  });

  it("warmup: the same choices, and each fold's OOS returns are the tail of a run started `warmup` bars earlier", async () => {
    const length = 1200;
    const bars = randomBars(length, 13, "SYN");
    const cold = await walkForward(config(13, length, { train: 300, test: 150 }), { bars });
    const warm = await walkForward(
      { ...config(13, length, { train: 300, test: 150 }), warmup: 40 },
      { bars },
    );
    expect(warm.folds.map((f) => f.params)).toEqual(cold.folds.map((f) => f.params));
    let j = 0;
    for (const f of warm.folds) {
      const run = executeRun(
        {
          strategy: "sma-cross",
          params: f.params,
          data: { kind: "synthetic", seed: 13, length },
          range: { start: bars.ts[f.test[0] - 40]!, end: f.testEnd },
        },
        bars,
        { returns: true },
      );
      expect(run.key).toBe(f.outOfSampleKey);
      for (let i = 40; i < run.returns!.length; i++) expect(warm.oos.returns[j++]).toBe(run.returns![i]);
    }
    expect(j).toBe(warm.oos.returns.length);
  });

  it("parameter stability counts changes and dispersion of the chosen values", async () => {
    const bars = randomBars(2000, 5, "SYN");
    const wf = await walkForward(config(5, 2000, { train: 300, test: 150, mode: "anchored" }), { bars });
    const chosen = wf.folds.map((f) => f.params);
    let changes = 0;
    for (let k = 1; k < chosen.length; k++)
      if (JSON.stringify(chosen[k]) !== JSON.stringify(chosen[k - 1])) changes++;
    expect(wf.stability.changes).toBe(changes);
    expect(wf.stability.distinct).toBe(new Set(chosen.map((p) => JSON.stringify(p))).size);
    const fast = chosen.map((p) => p.fast as number);
    const mean = fast.reduce((s, v) => s + v, 0) / fast.length;
    expect(wf.stability.perParameter.fast!.mean).toBeCloseTo(mean, 12);
    expect(wf.stability.perParameter.fast!.values).toEqual(fast);
    for (const f of wf.folds) expect(f.train[0]).toBe(0);
  });

  it("2 worker threads, or a caller's pool, give the same folds as in-thread execution", async () => {
    const bars = randomBars(900, 8, "SYN");
    const cfg = config(8, 900, { train: 300, test: 150 });
    const a = await walkForward(cfg, { bars });
    const b = await walkForward({ ...cfg, workers: 2 }, { bars });
    expect(b.folds.map((f) => [f.params, f.outOfSampleMetrics])).toEqual(
      a.folds.map((f) => [f.params, f.outOfSampleMetrics]),
    );
    expect(Array.from(b.oos.equity)).toEqual(Array.from(a.oos.equity));
    // a caller's pool is used (and left open for reuse)
    const pool = await RunPool.create({ workers: 1 });
    try {
      const c = await walkForward(cfg, { bars, pool });
      expect(Array.from(c.oos.equity)).toEqual(Array.from(a.oos.equity));
      expect(pool.size).toBe(1);
      const again = await walkForward(cfg, { bars, pool });
      expect(again.folds.map((f) => f.params)).toEqual(a.folds.map((f) => f.params));
    } finally {
      await pool.close();
    }
  });

  it("duration windows on bar times and config errors naming the field", async () => {
    const bars = randomBars(3000, 2, "SYN"); // 1m bars
    const wf = await walkForward(config(2, 3000, { train: "12h", test: "6h" }), { bars });
    expect(wf.folds[0]!.train).toEqual([0, 720]);
    expect(wf.folds[0]!.test).toEqual([720, 1080]);
    await expect(walkForward(config(2, 3000, { train: 5000, test: 100 }), { bars })).rejects.toThrow(
      /no complete fold/,
    );
    await expect(
      walkForward({ ...config(2, 3000, { train: 100, test: 10 }), objective: "alpha" } as never),
    ).rejects.toThrow(/objective/);
  });
});
