// %% [markdown]
// # Walk-forward and robustness: is the best backtest real?
// A parameter sweep always finds a winner. This notebook asks whether the winner is worth anything: it sweeps an
// SMA crossover on the bundled ORCL daily bars, runs a rolling walk-forward (optimize in-sample, trade the next
// year out of sample, stitch), and then measures overfitting directly — parameter-surface stability, the deflated
// Sharpe ratio over the trials actually run, and the probability of backtest overfitting (PBO, via CSCV).
// %%
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openResults, robustnessReport, runSweep, walkForward } from "@quantkit/studies";
import { distributionFigure, heatmapFigure, show, walkForwardFigure } from "@quantkit/viz";

const orcl = { kind: "store" as const, symbol: "ORCL", timeframe: "1d" as const };
const costs = { initialCash: 100_000, qty: 2000, commission: { perShare: 0.005, minimum: 1 }, slippageBps: 2 };
const smaGrid = { fast: { int: [5, 30] as [number, number], step: 5 }, slow: { int: [40, 200] as [number, number], step: 40 } };
// %% [markdown]
// ## A sweep, streamed to Parquet
// Every run's metrics go to Parquet part files as they finish (never all in memory) and a rerun skips the runs
// already done, so a sweep interrupted by Ctrl-C resumes where it stopped. DuckDB reads the table back.
// %%
const out = mkdtempSync(join(tmpdir(), "qk-sweep-"));
const sweep = await runSweep({ study: "orcl-sma", strategy: "sma-cross", data: orcl, space: smaGrid, options: costs, objective: "sharpe", out, workers: 0 });
console.log(String(sweep));
const again = await runSweep({ study: "orcl-sma", strategy: "sma-cross", data: orcl, space: smaGrid, options: costs, objective: "sharpe", out, workers: 0 });
console.log(`rerun: ${again.skipped} runs skipped as already done, ${again.executed} executed`);
const con = await openResults(out);
const rows = (await con.runAndReadAll("SELECT p_fast AS fast, p_slow AS slow, sharpe FROM results ORDER BY fast, slow")).getRowObjectsJS() as { fast: number; slow: number; sharpe: number }[];
const fasts = [...new Set(rows.map((r) => r.fast))];
const slows = [...new Set(rows.map((r) => r.slow))];
const surface = fasts.map((f) => slows.map((s) => rows.find((r) => r.fast === f && r.slow === s)?.sharpe ?? Number.NaN));
show(heatmapFigure(surface, { title: "Sharpe ratio by SMA pair (ORCL daily, full sample)", xLabels: slows, yLabels: fasts, xTitle: "Slow SMA (bars)", yTitle: "Fast SMA (bars)", colorTitle: "Sharpe", digits: 2 }));
// %% [markdown]
// ## Walk-forward: choose in-sample, judge out of sample
// Each fold sweeps the same grid on four years, keeps the best Sharpe, and trades it for the following year. The
// out-of-sample windows are stitched into one equity curve. A property test in `@quantkit/studies` poisons every
// bar after a fold's in-sample end and checks the fold's choice does not change: no look-ahead into the choice.
// %%
const wf = await walkForward({
  strategy: "sma-cross", data: orcl, space: smaGrid, options: costs, objective: "sharpe",
  folds: { mode: "rolling", train: "1461d", test: "365d" },
  warmup: 200,
});
console.log(String(wf));
show(walkForwardFigure(wf.folds, { title: "Rolling walk-forward of SMA crossover on ORCL", objective: "Sharpe", equity: wf.oos }));
// %% [markdown]
// ## Robustness: surface, deflated Sharpe, PBO
// The deflated Sharpe ratio asks how likely the best Sharpe is to beat the maximum expected from this many tries
// of luck; PBO asks how often the in-sample winner lands in the bottom half out of sample over all
// combinatorially symmetric splits of the history. A PBO near 0.5 means the winner is a coin flip.
// %%
const robust = await robustnessReport({ strategy: "sma-cross", data: orcl, space: smaGrid, options: costs, objective: "sharpe", monteCarlo: { simulations: 2000 } });
console.log(String(robust));
if ("logits" in robust.pbo) {
  show(distributionFigure(robust.pbo.logits, { title: "CSCV logits λ of the in-sample winner's out-of-sample rank", xTitle: "λ = ln(ω / (1 − ω)) (λ ≤ 0: winner in the bottom half)", bins: 40 }));
}
