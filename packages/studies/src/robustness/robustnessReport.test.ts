import { fillSensitivity, randomBars } from "@quantkit/backtest";
import { describe, expect, it } from "vitest";
import { executeRun } from "../run/executeRun.js";
import { deflatedSharpeOverTrials } from "./deflatedSharpe.js";
import { probabilityOfBacktestOverfitting } from "./pbo.js";
import { type RobustnessConfigInput, robustnessReport } from "./robustnessReport.js";

const length = 4000;
const bars = randomBars(length, 21, "SYN");
const cfg: RobustnessConfigInput = {
  strategy: "sma-cross",
  data: { kind: "synthetic", seed: 21, length },
  space: { fast: { int: [4, 16], step: 4 }, slow: { int: [20, 60], step: 10 } },
  pbo: { partitions: 8, periods: 200 },
  monteCarlo: { simulations: 500, seed: 3 },
};

describe("robustnessReport", () => {
  it("composes surface, DSR over the trials run, PBO, fill sensitivity and trade Monte Carlo — each equal to the piece run on its own", async () => {
    const r = await robustnessReport(cfg, { bars });
    expect(r.trials.length).toBe(20);
    // independent recomputation from one-by-one runs
    const runs = r.trials.map((t) =>
      executeRun({ strategy: "sma-cross", params: t.params, data: cfg.data }, bars, { returns: true }),
    );
    let best = 0;
    for (let i = 1; i < runs.length; i++) if (runs[i]!.metrics.sharpe > runs[best]!.metrics.sharpe) best = i;
    expect(r.best).toBe(best);
    if ("skipped" in r.surface) throw new Error(r.surface.skipped);
    expect(r.surface.best.value).toBe(runs[best]!.metrics.sharpe);
    // DSR
    const ppy = 365.25 * 24 * 60;
    const srs = runs.map((x) => x.metrics.sharpe / Math.sqrt(ppy));
    const dsr = deflatedSharpeOverTrials(runs[best]!.returns!, srs);
    if ("skipped" in r.deflatedSharpe) throw new Error(r.deflatedSharpe.skipped);
    expect(r.deflatedSharpe.deflatedSharpe).toBe(dsr.deflatedSharpe);
    expect(r.deflatedSharpe.trials).toBe(20);
    // PBO on period returns compounded by hand (20 bars per period)
    const m = new Float64Array(200 * 20);
    for (let n = 0; n < 20; n++) {
      for (let p = 0; p < 200; p++) {
        let g = 1;
        for (let t = p * 20; t < (p + 1) * 20; t++) g *= 1 + runs[n]!.returns![t]!;
        m[p * 20 + n] = g - 1;
      }
    }
    const pbo = probabilityOfBacktestOverfitting({ values: m, rows: 200, cols: 20 }, { partitions: 8 });
    if ("skipped" in r.pbo) throw new Error(r.pbo.skipped);
    expect(r.pbo.pbo).toBe(pbo.pbo);
    expect(Array.from(r.pbo.logits)).toEqual(Array.from(pbo.logits));
    // fill sensitivity of the winner
    if ("skipped" in r.fillSensitivity) throw new Error(r.fillSensitivity.skipped);
    const fs = fillSensitivity(
      {
        strategy: "sma-cross",
        params: { ...r.trials[best]!.params, sizing: { qty: 1 } },
        periodsPerYear: ppy,
      },
      { bars: [bars] },
    );
    expect(r.fillSensitivity.rows).toEqual(fs.rows);
    // the neutral event run agrees with the vectorized winner (same engine contract)
    expect(fs.results.neutral.metrics.finalEquity).toBeCloseTo(runs[best]!.metrics.finalEquity, 6);
    // Monte Carlo: one return per round trip of the neutral run, seeded
    if ("skipped" in r.monteCarlo) throw new Error(r.monteCarlo.skipped);
    expect(r.monteCarlo.trades).toBe(fs.results.neutral.trades.length);
    expect(r.monteCarlo.result.finalEquity.length).toBe(500);
    const again = await robustnessReport(cfg, { bars });
    if ("skipped" in again.monteCarlo) throw new Error("skipped");
    expect(Array.from(again.monteCarlo.result.maxDrawdown)).toEqual(
      Array.from(r.monteCarlo.result.maxDrawdown),
    );
    // prints and serializes
    const text = String(r);
    for (const h of ["Parameter surface", "Deflated Sharpe", "CSCV", "Fill-assumption", "Monte Carlo"]) {
      expect(text).toContain(h);
    }
    const json = JSON.parse(JSON.stringify(r));
    expect(json.pbo.pbo).toBe(pbo.pbo);
    expect(json.surface.neighbourMean.length).toBe(4 * 5);
  });

  it("a worker pool gives the same report as in-thread execution", async () => {
    const small: RobustnessConfigInput = {
      ...cfg,
      space: { fast: { int: [4, 12], step: 4 }, slow: { int: [20, 40], step: 10 } },
      fillSensitivity: false,
    };
    const a = await robustnessReport(small, { bars });
    const b = await robustnessReport({ ...small, workers: 2 }, { bars });
    expect(b.best).toBe(a.best);
    expect(b.trials).toEqual(a.trials);
    expect(JSON.stringify(b)).toBe(
      JSON.stringify({ ...JSON.parse(JSON.stringify(a)), config: { ...a.config, workers: 2 } }),
    );
  });

  it("reports the checks it cannot run instead of leaving them out", async () => {
    const r = await robustnessReport(
      {
        ...cfg,
        search: { kind: "random", n: 8, seed: 1 },
        fillSensitivity: false,
        pbo: { partitions: 4, periods: 100 },
      },
      { bars },
    );
    expect(r.surface).toEqual({ skipped: "random search: the objective is not on a grid" });
    expect(r.fillSensitivity).toHaveProperty("skipped");
    expect(r.monteCarlo).toHaveProperty("skipped");
    expect(String(r)).toMatch(/skipped: random search/);
    expect("pbo" in r.pbo).toBe(true);
  });
});
