import { randomBars } from "@quantkit/backtest";
import { type Bars, Rng } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { executeRun } from "../run/executeRun.js";
import { type CpcvBacktestConfigInput, cpcvBacktest } from "./cpcvBacktest.js";

const space: CpcvBacktestConfigInput["space"] = {
  fast: { int: [3, 9], step: 3 },
  slow: { int: [12, 30], step: 6 },
};

function garbage(bars: Bars, ranges: readonly (readonly [number, number])[], seed: number): Bars {
  const rng = new Rng(seed, 9);
  const b = {
    ...bars,
    open: bars.open.slice(),
    high: bars.high.slice(),
    low: bars.low.slice(),
    close: bars.close.slice(),
  };
  for (const [lo, hi] of ranges) {
    for (let i = lo; i < hi; i++) {
      const p = 10 ** (rng.next() * 9 - 3);
      b.open[i] = p;
      b.close[i] = p * (0.5 + rng.next());
      b.high[i] = Math.max(b.open[i]!, b.close[i]!) * 1.1;
      b.low[i] = Math.min(b.open[i]!, b.close[i]!) * 0.9;
    }
  }
  return b;
}

describe("cpcvBacktest", () => {
  it("chooses by the training ranges only, and every path is the concatenation of its groups' out-of-sample runs", async () => {
    const length = 1800;
    const bars = randomBars(length, 4, "SYN");
    const data = { kind: "synthetic" as const, seed: 4, length };
    const r = await cpcvBacktest(
      { strategy: "sma-cross", data, space, cv: { groups: 6, testGroups: 2, purge: 3, embargo: 2 } },
      { bars },
    );
    expect(r.splits.length).toBe(15);
    expect(r.paths.length).toBe(5);
    // the last split tests groups 4 and 5: its training is one range [0, 1200 − purge): a plain argmax over executeRun
    const last = r.splits[14]!;
    expect(last.testGroups).toEqual([4, 5]);
    expect(last.train).toEqual([[0, 1197]]);
    let best = Number.NEGATIVE_INFINITY;
    let bestParams: unknown;
    for (let fast = 3; fast <= 9; fast += 3) {
      for (let slow = 12; slow <= 30; slow += 6) {
        const m = executeRun(
          {
            strategy: "sma-cross",
            params: { fast, slow },
            data,
            range: { start: bars.ts[0]!, end: bars.ts[1197]! },
          },
          bars,
        ).metrics;
        if (Number.isFinite(m.sharpe) && m.sharpe > best) {
          best = m.sharpe;
          bestParams = { fast, slow };
        }
      }
    }
    expect(last.params).toEqual(bestParams);
    expect(last.inSample).toBeCloseTo(best, 12);
    // path 2: group g's returns are executeRun(split params, group range) returns
    const path = r.paths[2]!;
    let j = 0;
    for (let g = 0; g < 6; g++) {
      const s = r.splits[path.splits[g]!]!;
      expect(s.testGroups).toContain(g);
      const lo = g * 300;
      const run = executeRun(
        {
          strategy: "sma-cross",
          params: s.params,
          data,
          range: { start: bars.ts[lo]!, end: g === 5 ? bars.ts[length - 1]! + 60_000 : bars.ts[lo + 300]! },
        },
        bars,
        { returns: true },
      );
      for (const x of run.returns!) expect(path.returns[j++]).toBe(x);
    }
    expect(j).toBe(length);
    expect(r.pathObjective[2]).toBe(path.metrics.sharpe);
    expect(String(r)).toMatch(/5 paths/);
  });

  it("property: garbage in a split's test groups and purge/embargo zones never changes that split's choice", async () => {
    const length = 900;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 6 }),
        async (seed, pick, purge) => {
          const bars = randomBars(length, seed, "SYN");
          const cfg: CpcvBacktestConfigInput = {
            strategy: "sma-cross",
            data: { kind: "synthetic", seed, length },
            space,
            cv: { groups: 5, testGroups: 2, purge, embargo: 3 },
          };
          const clean = await cpcvBacktest(cfg, { bars });
          const s = clean.splits[pick]!;
          // complement of the training ranges = test groups + purged/embargoed bars
          const outside: [number, number][] = [];
          let cur = 0;
          for (const [a, b] of s.train) {
            if (a > cur) outside.push([cur, a]);
            cur = b;
          }
          if (cur < length) outside.push([cur, length]);
          const dirty = await cpcvBacktest(cfg, { bars: garbage(bars, outside, seed) });
          expect(dirty.splits[pick]!.params).toEqual(s.params);
          expect(dirty.splits[pick]!.inSample).toBe(s.inSample);
        },
      ),
      { numRuns: 8 },
    );
  });
});
