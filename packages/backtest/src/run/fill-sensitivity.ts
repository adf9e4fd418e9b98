import type { FillModel } from "../emulator/fill-model.js";
import type { BasicMetrics } from "./basic-metrics.js";
import { type BacktestConfig, type BacktestConfigInput, parseBacktestConfig } from "./config.js";
import { type BacktestResult, type RunOptions, runBacktest } from "./run-backtest.js";

/** The three fill assumptions {@link fillSensitivity} compares. */
export type FillAssumption = "optimistic" | "neutral" | "pessimistic";

/** One metric under the three assumptions, and how far the extremes move from neutral. */
export interface SensitivityRow {
  readonly metric: keyof BasicMetrics;
  readonly optimistic: number;
  readonly neutral: number;
  readonly pessimistic: number;
  /** optimistic − neutral. */
  readonly upside: number;
  /** pessimistic − neutral. */
  readonly downside: number;
}

/** Result of {@link fillSensitivity}. */
export interface SensitivityResult {
  readonly results: Readonly<Record<FillAssumption, BacktestResult>>;
  readonly rows: readonly SensitivityRow[];
  /** A Markdown table of the rows. */
  toString(): string;
}

/**
 * The fill models of the three assumptions, derived from the config's own (neutral) fill model:
 * - optimistic: favorable intrabar path, limits fill on touch, no slippage, no volume cap;
 * - neutral: the config as written;
 * - pessimistic: adverse intrabar path, limits must trade through, slippage at least `pessimisticBps` (default 5)
 *   and a volume cap of at most `pessimisticParticipation` (default 10 %) of each bar.
 * @example
 * fillAssumptions(fillModelSchema.parse({})).pessimistic.intrabar // → "pessimistic"
 */
export function fillAssumptions(
  neutral: FillModel,
  pessimisticBps = 5,
  pessimisticParticipation = 0.1,
): Record<FillAssumption, FillModel> {
  return {
    optimistic: {
      ...neutral,
      intrabar: "optimistic",
      limitFill: "touch",
      slippage: { model: "none" },
      volumeParticipation: undefined,
    },
    neutral,
    pessimistic: {
      ...neutral,
      intrabar: "pessimistic",
      limitFill: "through",
      // "at least pessimisticBps": a weaker fixed-bps or no slippage is raised to it; other models are kept.
      slippage:
        neutral.slippage.model === "none" ||
        (neutral.slippage.model === "fixed-bps" && neutral.slippage.bps < pessimisticBps)
          ? { model: "fixed-bps", bps: pessimisticBps }
          : neutral.slippage,
      volumeParticipation: Math.min(neutral.volumeParticipation ?? 1, pessimisticParticipation),
    },
  };
}

/**
 * Runs the same backtest under optimistic, neutral and pessimistic fill assumptions and reports how much each
 * headline metric moves: the answer to "are my fills realistic?". If the strategy's edge disappears under the
 * pessimistic row, it lives in the fill model, not in the market.
 *
 * @example
 * const s = fillSensitivity({ strategy: "sma-cross", params: {...} }, { bars: [orcl] });
 * console.log(String(s)); // | metric | optimistic | neutral | pessimistic | upside | downside |
 */
export function fillSensitivity(
  config: BacktestConfigInput | BacktestConfig,
  options: RunOptions & { pessimisticBps?: number; pessimisticParticipation?: number } = {},
): SensitivityResult {
  const c = parseBacktestConfig(config);
  const models = fillAssumptions(c.fill, options.pessimisticBps, options.pessimisticParticipation);
  const run = (a: FillAssumption) =>
    runBacktest({ ...c, fill: models[a] }, { bars: options.bars, log: "off" });
  const results = { optimistic: run("optimistic"), neutral: run("neutral"), pessimistic: run("pessimistic") };
  const keys = Object.keys(results.neutral.metrics) as (keyof BasicMetrics)[];
  const rows = keys.map((metric) => {
    const o = results.optimistic.metrics[metric];
    const n = results.neutral.metrics[metric];
    const p = results.pessimistic.metrics[metric];
    return { metric, optimistic: o, neutral: n, pessimistic: p, upside: o - n, downside: p - n };
  });
  const f = (x: number) => (Number.isFinite(x) ? x.toPrecision(5) : String(x));
  return {
    results,
    rows,
    toString: () =>
      [
        "| metric | optimistic | neutral | pessimistic | upside | downside |",
        "|---|---|---|---|---|---|",
        ...rows.map(
          (r) =>
            `| ${r.metric} | ${f(r.optimistic)} | ${f(r.neutral)} | ${f(r.pessimistic)} | ${f(r.upside)} | ${f(r.downside)} |`,
        ),
      ].join("\n"),
  };
}
