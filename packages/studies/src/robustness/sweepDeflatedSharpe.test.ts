import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBars } from "@quantkit/backtest";
import { afterAll, describe, expect, it } from "vitest";
import { executeRun } from "../run/executeRun.js";
import { runSweep } from "../sweep/runSweep.js";
import { deflatedSharpeOverTrials } from "./deflatedSharpe.js";
import { sweepDeflatedSharpe } from "./sweepDeflatedSharpe.js";

const dir = mkdtempSync(join(tmpdir(), "qk-sweep-dsr-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sweepDeflatedSharpe", () => {
  it("deflates the best run of a sweep's results table by the trials in it (equal to one-by-one runs)", async () => {
    const length = 3000;
    const bars = randomBars(length, 17, "SYN");
    const data = { kind: "synthetic" as const, seed: 17, length };
    const out = join(dir, "s");
    await runSweep(
      {
        strategy: "sma-cross",
        data,
        space: { fast: { int: [3, 12], step: 3 }, slow: { int: [20, 60], step: 20 } },
        workers: 0,
        out,
        partSize: 5, // several parquet parts
      },
      { bars },
    );
    const d = await sweepDeflatedSharpe(out, bars);
    // independent: every parameter set run on its own
    const runs = [];
    for (let fast = 3; fast <= 12; fast += 3) {
      for (let slow = 20; slow <= 60; slow += 20) {
        runs.push(
          executeRun({ strategy: "sma-cross", params: { fast, slow }, data }, bars, { returns: true }),
        );
      }
    }
    const ok = runs.filter((r) => Number.isFinite(r.metrics.sharpe));
    let best = ok[0]!;
    for (const r of ok) if (r.metrics.sharpe > best.metrics.sharpe) best = r;
    const ppy = 365.25 * 1440;
    const e = deflatedSharpeOverTrials(
      best.returns!,
      ok.map((r) => r.metrics.sharpe / Math.sqrt(ppy)),
    );
    expect(d.best.key).toBe(best.key);
    expect(d.trials).toBe(ok.length);
    expect(d.excluded).toBe(runs.length - ok.length);
    expect(d.trialsVariance).toBeCloseTo(e.trialsVariance, 15);
    expect(d.deflatedSharpe).toBeCloseTo(e.deflatedSharpe, 12);
  });
});
