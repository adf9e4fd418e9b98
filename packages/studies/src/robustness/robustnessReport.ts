import {
  type BacktestConfigInput,
  fillSensitivity,
  type SensitivityResult,
  STRATEGY_NAMES,
} from "@quantkit/backtest";
import { type Bars, parseWith, QuantkitError, sliceBars } from "@quantkit/core";
import { type TradeMonteCarloResult, tradeMonteCarlo } from "@quantkit/risk-mc";
import { z } from "zod";
import { splitBoundaries } from "../cv/combinations.js";
import { RunPool } from "../pool/runPool.js";
import { runTask, type TaskItem, type TaskResult } from "../pool/runTask.js";
import { loadDataRef } from "../run/dataRef.js";
import { defaultPeriodsPerYear, type RunMetrics, rangeIndices } from "../run/executeRun.js";
import { IndicatorCache } from "../run/indicatorCache.js";
import { dataRefSchema, runKey, runOptionsSchema } from "../run/runSpec.js";
import { getStudyStrategy } from "../run/studyStrategies.js";
import { spaceDescriptionSchema } from "../space/dimension.js";
import { grid, gridValues, type Params, paramSpace, randomSearch } from "../space/paramSpace.js";
import { engineSchema, searchSchema } from "../space/searchSchema.js";
import { OBJECTIVES, sweepRunSpec } from "../sweep/sweepConfig.js";
import { objectiveSense } from "../walkforward/walkForward.js";
import { type DeflatedSharpeOverTrials, deflatedSharpeOverTrials } from "./deflatedSharpe.js";
import { type PboResult, probabilityOfBacktestOverfitting } from "./pbo.js";
import { type SurfaceStability, surfaceStability } from "./surfaceStability.js";

/**
 * A robustness study: the sweep whose winner is examined (strategy, engine, space, data, objective) and the settings
 * of each check.
 *
 * @example
 * robustnessConfigSchema.parse({ strategy: "sma-cross", data: { kind: "synthetic", seed: 1, length: 5000 } }).pbo.partitions // → 16
 */
export const robustnessConfigSchema = z
  .object({
    strategy: z.string().min(1),
    engine: engineSchema,
    /** Parameter space; default the strategy's own. */
    space: spaceDescriptionSchema.optional(),
    /** `{ kind: "grid" }` (needed for the surface check) or `{ kind: "random", n, seed }`. @default grid */
    search: searchSchema,
    data: dataRefSchema,
    /** Half-open range of bar open times (UTC ms) every run covers. Default all bars. */
    range: z.object({ start: z.number(), end: z.number() }).strict().optional(),
    objective: z.enum(OBJECTIVES).default("sharpe"),
    options: runOptionsSchema.prefault({}),
    seed: z.number().int().default(0),
    workers: z.number().int().min(0).default(0),
    pbo: z
      .object({
        /** CSCV blocks S (even). @default 16 */
        partitions: z.number().int().min(2).default(16),
        /** Per-bar returns are compounded into this many equal periods (rows of the CSCV matrix). @default min(bars, 1000) */
        periods: z.number().int().min(4).optional(),
      })
      .strict()
      .prefault({}),
    monteCarlo: z
      .object({
        method: z.enum(["shuffle", "bootstrap"]).default("bootstrap"),
        simulations: z.number().int().min(1).default(2000),
        seed: z.number().int().default(0),
      })
      .strict()
      .prefault({}),
    surface: z
      .object({
        neighbourhood: z.enum(["box", "axis"]).default("box"),
        sharpness: z.number().positive().default(0.25),
      })
      .strict()
      .prefault({}),
    /** Run backtest's fillSensitivity on the winner (event engine; built-in strategies only). @default true */
    fillSensitivity: z.boolean().default(true),
  })
  .strict();

/** Input form of {@link robustnessConfigSchema}. */
export type RobustnessConfigInput = z.input<typeof robustnessConfigSchema>;
/** A validated robustness config. */
export type RobustnessConfig = z.output<typeof robustnessConfigSchema>;

/** A check that could not run, and why. */
export interface Skipped {
  readonly skipped: string;
}

/** Summary of the trade-level Monte Carlo on the winner's round trips. */
export interface MonteCarloSummary {
  readonly trades: number;
  readonly result: TradeMonteCarloResult;
  /** 5 %, 50 %, 95 % quantiles (type 7) of final equity (initial 1) and of maximum drawdown. */
  readonly finalEquity: readonly [number, number, number];
  readonly maxDrawdown: readonly [number, number, number];
  /** P(final equity < 1): the chance the same trades in another order/sample lose money. */
  readonly probabilityOfLoss: number;
}

/** Result of {@link robustnessReport}. */
export interface RobustnessReport {
  readonly config: RobustnessConfig;
  /** Every trial run: params, metrics (null when the run failed) and error. */
  readonly trials: readonly { params: Params; metrics: RunMetrics | null; error: string | null }[];
  /** Index of the winner in `trials` (best objective; first on ties). */
  readonly best: number;
  readonly surface: SurfaceStability | Skipped;
  readonly deflatedSharpe: (DeflatedSharpeOverTrials & { readonly excluded: number }) | Skipped;
  readonly pbo: PboResult | Skipped;
  readonly fillSensitivity: SensitivityResult | Skipped;
  readonly monteCarlo: MonteCarloSummary | Skipped;
  /** Plain JSON of the numbers (no typed arrays, no backtest results). */
  toJSON(): Record<string, unknown>;
  toString(): string;
}

function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function labelOf(p: Params): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

function skipped(e: unknown): Skipped {
  return { skipped: e instanceof Error ? e.message : String(e) };
}

const isSkipped = (x: object): x is Skipped => "skipped" in x;

/**
 * One robustness report on a sweep's winner: runs every parameter set of the space (keeping each trial's per-bar
 * returns compounded into `pbo.periods` periods), then composes parameter-surface stability (grid search), the
 * deflated Sharpe ratio over the trials actually run (N = trials with a finite Sharpe, V = variance of their
 * per-bar Sharpe ratios), PBO by CSCV over the trials' period returns, backtest's `fillSensitivity` of the winner
 * (optimistic/neutral/pessimistic fills) and risk-mc's `tradeMonteCarlo` on the winner's round-trip returns (from
 * the neutral fill run: pnl / equity before entry). A check that cannot run is reported with its reason, never
 * silently left out.
 *
 * @param config - see {@link robustnessConfigSchema}.
 * @param run - `bars` instead of loading `config.data`.
 * @example
 * const r = await robustnessReport({ strategy: "sma-cross", data: { kind: "store", symbol: "ORCL", timeframe: "1d" } });
 * console.log(String(r)); // surface, DSR, PBO, fill sensitivity, Monte Carlo sections
 * @see https://doi.org/10.21314/JCF.2016.322 (PBO); https://doi.org/10.3905/jpm.2014.40.5.094 (DSR)
 */
export async function robustnessReport(
  config: RobustnessConfigInput | RobustnessConfig,
  run: { readonly bars?: Bars } = {},
): Promise<RobustnessReport> {
  const c = parseWith(robustnessConfigSchema, config, "robustness config");
  const strategy = getStudyStrategy(c.strategy);
  const bars = run.bars ?? (await loadDataRef(c.data));
  const space = paramSpace(c.space ?? strategy.space, strategy.constraint);
  const sets: Params[] =
    c.search.kind === "grid" ? [...grid(space)] : randomSearch(space, c.search.n, c.search.seed);
  if (sets.length < 2)
    throw new QuantkitError("robustness report: the parameter space needs at least 2 points");
  const [lo, hi] =
    c.range === undefined ? [0, bars.length] : rangeIndices(bars.ts, c.range.start, c.range.end);
  const T = hi - lo;
  const P = c.pbo.periods ?? Math.min(T, 1000);
  if (P > T) {
    throw new QuantkitError(`robustness report: pbo.periods (${P}) exceeds the ${T} bars of the range`);
  }
  const bounds = splitBoundaries(T, P);
  const N = sets.length;
  const matrix = new Float64Array(P * N);
  const trials: { params: Params; metrics: RunMetrics | null; error: string | null }[] = [];
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestReturns: Float64Array | undefined;
  const items: TaskItem[] = sets.map((params) => {
    const spec = sweepRunSpec(c, params);
    return { key: runKey(spec), spec };
  });
  const absorb = (offset: number, results: TaskResult[]) => {
    for (let i = 0; i < results.length; i++) {
      const n = offset + i;
      const r = results[i]!;
      trials[n] = { params: sets[n]!, metrics: r.metrics, error: r.error };
      if (r.metrics === null || r.returns === undefined) continue; // the matrix column stays 0: reported in trials
      for (let p = 0; p < P; p++) {
        let g = 1;
        for (let t = bounds[p]!; t < bounds[p + 1]!; t++) g *= 1 + r.returns[t]!;
        matrix[p * N + n] = g - 1;
      }
      const v = r.metrics[c.objective];
      const s = Number.isFinite(v) ? objectiveSense(c.objective) * v : Number.NEGATIVE_INFINITY;
      if (best < 0 || s > bestScore) {
        best = n;
        bestScore = s;
        bestReturns = r.returns;
      }
    }
  };
  const pool = c.workers > 0 ? await RunPool.create({ workers: c.workers }) : undefined;
  try {
    if (pool) {
      pool.setData("robustness", bars);
      // small jobs: each result carries a full per-bar return column until it is compounded into periods
      const batch = Math.max(1, Math.min(8, Math.ceil(N / (4 * pool.size))));
      const jobs: Promise<void>[] = [];
      for (let i = 0; i < N; i += batch) {
        const off = i;
        jobs.push(pool.run("robustness", items.slice(i, i + batch), true).then((r) => absorb(off, r)));
      }
      await Promise.all(jobs);
    } else {
      const state = { cache: new IndicatorCache(), scratch: new Float64Array(bars.length) };
      for (let i = 0; i < N; i += 8) absorb(i, runTask(bars, items.slice(i, i + 8), state, true));
    }
  } finally {
    await pool?.close();
  }
  if (best < 0 || trials[best]!.metrics === null) {
    throw new QuantkitError(`robustness report: every run failed, e.g. ${trials[0]?.error}`);
  }
  const winner = trials[best]!;
  const ppy = c.options.periodsPerYear ?? defaultPeriodsPerYear(bars.timeframe);

  // 1. parameter surface (grid search only)
  let surface: SurfaceStability | Skipped;
  if (c.search.kind !== "grid") surface = { skipped: "random search: the objective is not on a grid" };
  else {
    try {
      const axes = space.dimensions.map((d, j) => gridValues(d, space.names[j]));
      const shape = axes.map((a) => a.length);
      const strides = shape.map((_, j) => shape.slice(j + 1).reduce((s, v) => s * v, 1));
      const values = new Float64Array(shape.reduce((s, v) => s * v, 1)).fill(Number.NaN);
      for (const t of trials) {
        if (t.metrics === null) continue;
        let idx = 0;
        for (let j = 0; j < axes.length; j++)
          idx += axes[j]!.indexOf(t.params[space.names[j]!]!) * strides[j]!;
        values[idx] = t.metrics[c.objective];
      }
      surface = surfaceStability(
        { values, shape, axes: axes.map((v, j) => ({ name: space.names[j]!, values: v })) },
        {
          neighbourhood: c.surface.neighbourhood,
          sharpness: c.surface.sharpness,
          direction: objectiveSense(c.objective) > 0 ? "maximize" : "minimize",
        },
      );
    } catch (e) {
      surface = skipped(e);
    }
  }

  // 2. deflated Sharpe over the trials run (per-bar Sharpe = annualized / √periodsPerYear)
  let deflated: (DeflatedSharpeOverTrials & { excluded: number }) | Skipped;
  try {
    const srs: number[] = [];
    for (const t of trials)
      if (t.metrics !== null && Number.isFinite(t.metrics.sharpe))
        srs.push(t.metrics.sharpe / Math.sqrt(ppy));
    const d = deflatedSharpeOverTrials(bestReturns!, srs);
    deflated = Object.assign(d, { excluded: N - srs.length });
  } catch (e) {
    deflated = skipped(e);
  }

  // 3. PBO by CSCV over the trials' period returns
  let pbo: PboResult | Skipped;
  try {
    pbo = probabilityOfBacktestOverfitting(
      { values: matrix, rows: P, cols: N },
      { partitions: c.pbo.partitions },
    );
  } catch (e) {
    pbo = skipped(e);
  }

  // 4. fill sensitivity and 5. trade Monte Carlo, on the winner (event engine)
  let fill: SensitivityResult | Skipped;
  let monteCarlo: MonteCarloSummary | Skipped;
  if (!c.fillSensitivity) {
    fill = { skipped: "disabled (fillSensitivity: false)" };
    monteCarlo = { skipped: "needs the fill-sensitivity run's trades (fillSensitivity: false)" };
  } else if (!(STRATEGY_NAMES as readonly string[]).includes(c.strategy)) {
    fill = { skipped: `"${c.strategy}" is not a built-in backtest strategy (${STRATEGY_NAMES.join(", ")})` };
    monteCarlo = { skipped: "needs the fill-sensitivity run's trades" };
  } else {
    const o = c.options;
    const view = lo === 0 && hi === bars.length ? bars : sliceBars(bars, lo, hi);
    try {
      const cfg: BacktestConfigInput = {
        strategy: c.strategy as (typeof STRATEGY_NAMES)[number],
        params: { ...winner.params, sizing: { qty: o.qty } },
        initialCash: o.initialCash,
        commission: o.commission,
        fill: {
          slippage: o.slippageBps > 0 ? { model: "fixed-bps", bps: o.slippageBps } : { model: "none" },
        },
        seed: c.seed,
        periodsPerYear: ppy,
      };
      fill = fillSensitivity(cfg, { bars: [view] });
    } catch (e) {
      fill = skipped(e);
    }
    if (isSkipped(fill)) monteCarlo = { skipped: `fill-sensitivity run failed: ${fill.skipped}` };
    else {
      try {
        const neutral = fill.results.neutral;
        const rets = neutral.trades.map((t) => {
          // equity just before the entry bar (initial cash before the first sample)
          let k = 0;
          while (k < neutral.equityTs.length && neutral.equityTs[k]! < t.entryTs) k++;
          const e = k === 0 ? o.initialCash : neutral.equity[k - 1]!;
          return t.pnl / e;
        });
        if (rets.length === 0) throw new QuantkitError("the winner made no round-trip trade");
        const mc = await tradeMonteCarlo(rets, { ...c.monteCarlo });
        const fe = mc.finalEquity.slice().sort();
        const dd = mc.maxDrawdown.slice().sort();
        monteCarlo = {
          trades: rets.length,
          result: mc,
          finalEquity: [quantile(fe, 0.05), quantile(fe, 0.5), quantile(fe, 0.95)],
          maxDrawdown: [quantile(dd, 0.05), quantile(dd, 0.5), quantile(dd, 0.95)],
          probabilityOfLoss: mc.probabilityFinalEquityBelow(1),
        };
      } catch (e) {
        monteCarlo = skipped(e);
      }
    }
  }

  const f4 = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));
  const section = (title: string, body: object) =>
    `## ${title}\n${isSkipped(body) ? `skipped: ${body.skipped}` : String(body)}`;
  const mcText = (m: MonteCarloSummary | Skipped) =>
    isSkipped(m)
      ? m
      : {
          toString: () =>
            [
              `${m.trades} round trips, ${m.result.finalEquity.length} ${c.monteCarlo.method} sequences (seed ${c.monteCarlo.seed})`,
              `final equity (×initial) 5/50/95 %: ${m.finalEquity.map(f4).join(" / ")}; P(loss) ${m.probabilityOfLoss.toFixed(4)}`,
              `max drawdown 5/50/95 %: ${m.maxDrawdown.map((x) => `${(100 * x).toFixed(2)}%`).join(" / ")}`,
            ].join("\n"),
        };
  const plain = (x: object) =>
    isSkipped(x)
      ? x
      : JSON.parse(
          JSON.stringify(x, (_k, v) =>
            ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : typeof v === "function" ? undefined : v,
          ),
        );
  return {
    config: c,
    trials,
    best,
    surface,
    deflatedSharpe: deflated,
    pbo,
    fillSensitivity: fill,
    monteCarlo,
    toJSON: () => ({
      config: c,
      best: { index: best, params: winner.params, metrics: winner.metrics },
      trials: trials.length,
      surface: plain(surface),
      deflatedSharpe: plain(deflated),
      pbo: plain(pbo),
      fillSensitivity: isSkipped(fill) ? fill : { rows: fill.rows },
      monteCarlo: isSkipped(monteCarlo)
        ? monteCarlo
        : {
            trades: monteCarlo.trades,
            finalEquity: monteCarlo.finalEquity,
            maxDrawdown: monteCarlo.maxDrawdown,
            probabilityOfLoss: monteCarlo.probabilityOfLoss,
          },
    }),
    toString: () =>
      [
        `# Robustness of ${c.strategy} ${labelOf(winner.params)} (best ${c.objective} ${f4(winner.metrics![c.objective])} of ${N} trials, ${T} bars)`,
        section("Parameter surface", surface),
        section("Deflated Sharpe over the trials run", deflated),
        section("Probability of backtest overfitting (CSCV)", pbo),
        section("Fill-assumption sensitivity", fill),
        section("Trade-level Monte Carlo", mcText(monteCarlo)),
      ].join("\n\n"),
  };
}
