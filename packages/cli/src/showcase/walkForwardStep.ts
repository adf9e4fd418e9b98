import type { Bars } from "@quantkit/core";
import type { WalkForwardConfigInput, WalkForwardResult } from "@quantkit/studies";
import { walkForward } from "@quantkit/studies";
import type { Figure } from "@quantkit/viz";
import { walkForwardFigure } from "@quantkit/viz";

/** What the walk-forward step found. */
export interface WalkForwardStepResult {
  readonly result: WalkForwardResult;
  readonly figures: readonly { name: string; shows: string; figure: Figure }[];
  readonly lines: readonly string[];
}

/**
 * The showcase's walk-forward: the SMA crossover of the backtest step, re-optimized by Sharpe on 4 years of daily
 * bars and traded the following year, rolling yearly (the same study as `packages/studies/examples/walk-forward.yaml`).
 */
export const SHOWCASE_WALK_FORWARD: WalkForwardConfigInput = {
  strategy: "sma-cross",
  engine: "vectorized",
  data: { kind: "store", symbol: "ORCL", timeframe: "1d" },
  space: { fast: { int: [5, 30], step: 5 }, slow: { int: [40, 200], step: 40 } },
  objective: "sharpe",
  folds: { mode: "rolling", train: "1461d", test: "365d" },
  options: { initialCash: 100_000, qty: 2000, commission: { perShare: 0.005, minimum: 1 }, slippageBps: 2 },
  warmup: 200,
};

/**
 * Runs {@link SHOWCASE_WALK_FORWARD} on the already loaded daily bars: the in-sample choice per fold, the stitched
 * out-of-sample equity and how much of the in-sample Sharpe survives out of sample.
 */
export async function walkForwardStep(daily: Bars): Promise<WalkForwardStepResult> {
  const config: WalkForwardConfigInput = {
    ...SHOWCASE_WALK_FORWARD,
    data: { kind: "store", symbol: daily.symbol, timeframe: daily.timeframe },
  };
  const result = await walkForward(config, { bars: daily });
  const { folds, summary, stability, oos } = result;
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const common = Object.entries(stability.mostCommon.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  return {
    result,
    figures: [
      {
        name: "walk-forward-folds",
        shows: `Rolling walk-forward of the SMA crossover on ${daily.symbol}: ${folds.length} folds (4 years in-sample, 1 year out of sample) and the stitched out-of-sample equity`,
        figure: walkForwardFigure(folds, {
          title: `Walk-forward of SMA crossover on ${daily.symbol} (re-optimized yearly by Sharpe)`,
          objective: "Sharpe",
          equity: { ts: oos.ts, equity: oos.equity },
        }),
      },
    ],
    lines: [
      `Walk-forward: ${folds.length} rolling folds × ${folds[0]?.trials ?? 0} SMA pairs, chosen by in-sample Sharpe: mean in-sample Sharpe ${fmt(summary.inSample)}, out of sample ${fmt(summary.outOfSample)} (efficiency ${fmt(summary.efficiency)})`,
      `  parameters changed in ${stability.changes} of ${Math.max(0, folds.length - 1)} folds (most common ${common}, ${pct(stability.mostCommon.share)}); stitched out-of-sample return ${pct(oos.metrics.totalReturn)}, max drawdown ${pct(oos.metrics.maxDrawdown)}`,
    ],
  };
}
