import { type Bars, parseWith, QuantkitError, timeframeMs } from "@quantkit/core";
import { z } from "zod";
import { RunPool } from "../pool/runPool.js";
import { runTask, type TaskItem, type TaskResult } from "../pool/runTask.js";
import { loadDataRef } from "../run/dataRef.js";
import { defaultPeriodsPerYear, equityMetrics, type RunMetrics } from "../run/executeRun.js";
import { IndicatorCache } from "../run/indicatorCache.js";
import { dataRefSchema, parseRunSpec, runKey, runOptionsSchema } from "../run/runSpec.js";
import { getStudyStrategy } from "../run/studyStrategies.js";
import { spaceDescriptionSchema } from "../space/dimension.js";
import { grid, type Params, paramSpace, randomSearch } from "../space/paramSpace.js";
import { engineSchema, searchSchema } from "../space/searchSchema.js";
import { OBJECTIVES } from "../sweep/sweepConfig.js";
import { objectiveSense } from "../walkforward/walkForward.js";
import type { IndexRange } from "../walkforward/walkForwardFolds.js";
import { cpcv, cpcvOptions } from "./cpcv.js";

/**
 * A combinatorial purged cross-validation of a strategy's parameter choice: strategy, engine, space, data,
 * objective and the CPCV layout (`groups`, `testGroups`, `purge`, `embargo`; `length` is the number of bars).
 *
 * @example
 * cpcvBacktestConfigSchema.parse({ strategy: "sma-cross", data: { kind: "synthetic", seed: 1, length: 3000 },
 *   cv: { groups: 6, testGroups: 2 } }).objective // → "sharpe"
 */
export const cpcvBacktestConfigSchema = z
  .object({
    strategy: z.string().min(1),
    engine: engineSchema,
    space: spaceDescriptionSchema.optional(),
    search: searchSchema,
    data: dataRefSchema,
    objective: z.enum(OBJECTIVES).default("sharpe"),
    cv: cpcvOptions.omit({ length: true }),
    options: runOptionsSchema.prefault({}),
    seed: z.number().int().default(0),
    workers: z.number().int().min(0).default(0),
  })
  .strict();

/** Input form of {@link cpcvBacktestConfigSchema}. */
export type CpcvBacktestConfigInput = z.input<typeof cpcvBacktestConfigSchema>;

/** One backtest path of {@link cpcvBacktest}: the out-of-sample returns of every group, each from a split testing it. */
export interface CpcvPath {
  readonly index: number;
  /** Split used for each group. */
  readonly splits: readonly number[];
  /** Per-bar out-of-sample returns over all bars, in time order (each group run separately, starting flat). */
  readonly returns: Float64Array;
  /** initialCash · Π(1 + r). */
  readonly equity: Float64Array;
  readonly metrics: RunMetrics;
}

/** Result of {@link cpcvBacktest}. */
export interface CpcvBacktestResult {
  /** Per split: its test groups, the parameters chosen on its (purged, embargoed) training ranges and their objective. */
  readonly splits: readonly {
    readonly index: number;
    readonly testGroups: readonly number[];
    readonly train: readonly IndexRange[];
    readonly params: Params;
    readonly inSample: number;
  }[];
  readonly paths: readonly CpcvPath[];
  /** The objective of every path: its distribution is the point of CPCV (not one lucky walk-forward). */
  readonly pathObjective: Float64Array;
  /** Mean, sample std, min and max of `pathObjective` (finite values). */
  readonly summary: {
    readonly mean: number;
    readonly std: number;
    readonly min: number;
    readonly max: number;
  };
  /** Distinct runs executed (runs shared between splits are executed once). */
  readonly runs: number;
  toString(): string;
}

/**
 * Combinatorial purged cross-validation of a strategy (López de Prado, AFML §12.4): for every CPCV split the
 * parameter space is evaluated on the split's training ranges — each contiguous range is an `executeRun` with that
 * `range`, and the objective is computed on the chained per-bar returns of all of them — the best set is chosen,
 * and its out-of-sample returns on each test group are recorded. The φ = C(N − 1, k − 1) paths then stitch, for
 * every group, the out-of-sample returns of the split assigned to it, giving φ full-length out-of-sample equity
 * curves and a distribution of the objective instead of the single path of a walk-forward. Each group's
 * out-of-sample run starts flat with `initialCash` and its indicators see only that group's bars.
 *
 * @param config - see {@link cpcvBacktestConfigSchema}.
 * @param run - `bars` instead of loading `config.data`.
 * @example
 * const r = await cpcvBacktest({ strategy: "sma-cross", data: { kind: "store", symbol: "ORCL", timeframe: "1d" },
 *   space: { fast: { int: [5, 30], step: 5 }, slow: { int: [40, 200], step: 40 } }, cv: { groups: 6, testGroups: 2, purge: 5, embargo: 5 } });
 * r.paths.length; // → 5 (C(5, 1)); r.summary.mean: the mean out-of-sample Sharpe over the paths
 * @see https://doi.org/10.1002/9781119482086 (López de Prado 2018, AFML §12.4)
 */
export async function cpcvBacktest(
  config: CpcvBacktestConfigInput,
  run: { readonly bars?: Bars } = {},
): Promise<CpcvBacktestResult> {
  const c = parseWith(cpcvBacktestConfigSchema, config, "cpcv backtest config");
  const strategy = getStudyStrategy(c.strategy);
  const bars = run.bars ?? (await loadDataRef(c.data));
  const space = paramSpace(c.space ?? strategy.space, strategy.constraint);
  const sets: Params[] =
    c.search.kind === "grid" ? [...grid(space)] : randomSearch(space, c.search.n, c.search.seed);
  if (sets.length === 0) throw new QuantkitError("cpcv backtest: the parameter space has no valid point");
  const cv = cpcv({ ...c.cv, length: bars.length });
  const endMs = (b: number) =>
    b < bars.length ? bars.ts[b]! : bars.ts[bars.length - 1]! + timeframeMs(bars.timeframe);
  const item = (params: Params, [a, b]: IndexRange): TaskItem => {
    const spec = parseRunSpec({
      strategy: c.strategy,
      engine: c.engine,
      params,
      data: c.data,
      range: { start: bars.ts[a]!, end: endMs(b) },
      seed: c.seed,
      options: c.options,
    });
    return { key: runKey(spec), spec };
  };
  // every distinct (params, range) run once, with its returns
  const results = new Map<string, TaskResult>();
  const pool = c.workers > 0 ? await RunPool.create({ workers: c.workers }) : undefined;
  const state = { cache: new IndicatorCache(), scratch: new Float64Array(bars.length) };
  const execute = async (items: TaskItem[]) => {
    const todo = items.filter(
      (it, i) => !results.has(it.key) && items.findIndex((x) => x.key === it.key) === i,
    );
    if (todo.length === 0) return;
    let out: TaskResult[];
    if (pool) {
      const batch = Math.max(1, Math.ceil(todo.length / (2 * pool.size)));
      const parts: Promise<TaskResult[]>[] = [];
      for (let i = 0; i < todo.length; i += batch)
        parts.push(pool.run("cpcv", todo.slice(i, i + batch), true));
      out = (await Promise.all(parts)).flat();
    } else out = runTask(bars, todo, state, true);
    for (const r of out) results.set(r.key, r);
  };
  const ppy = c.options.periodsPerYear ?? defaultPeriodsPerYear(bars.timeframe);
  const sense = objectiveSense(c.objective);
  /** Metrics of returns chained over several runs (each starting at initialCash: chaining compounds them). */
  const chained = (keys: readonly string[]): RunMetrics => {
    let n = 0;
    let fills = 0;
    let trades = 0;
    for (const k of keys) n += results.get(k)!.returns!.length;
    const eq = new Float64Array(n);
    let e = c.options.initialCash;
    let j = 0;
    for (const k of keys) {
      const r = results.get(k)!;
      if (r.metrics === null) throw new QuantkitError(`cpcv backtest: run ${k} failed: ${r.error}`);
      fills += r.metrics.fills;
      trades += r.metrics.trades;
      for (const x of r.returns!) eq[j++] = e *= 1 + x;
    }
    return equityMetrics(eq, c.options.initialCash, ppy, fills, trades);
  };
  const splits: CpcvBacktestResult["splits"][number][] = [];
  const testKey = new Map<string, string>(); // `${split}:${group}` → run key
  try {
    if (pool) pool.setData("cpcv", bars);
    const trainItems = cv.splits.map((s) => sets.map((p) => s.train.map((r) => item(p, r))));
    await execute(trainItems.flat(2));
    for (const s of cv.splits) {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      let bestValue = Number.NaN;
      for (let i = 0; i < sets.length; i++) {
        const keys = trainItems[s.index]![i]!.map((it) => it.key);
        if (keys.some((k) => results.get(k)!.metrics === null)) continue;
        const v = chained(keys)[c.objective];
        const score = Number.isFinite(v) ? sense * v : Number.NEGATIVE_INFINITY;
        if (best < 0 || score > bestScore) {
          best = i;
          bestScore = score;
          bestValue = v;
        }
      }
      if (best < 0) throw new QuantkitError(`cpcv backtest: every training run of split ${s.index} failed`);
      splits.push({
        index: s.index,
        testGroups: s.testGroups,
        train: s.train,
        params: sets[best]!,
        inSample: bestValue,
      });
    }
    const testItems: TaskItem[] = [];
    for (const s of cv.splits) {
      for (const g of s.testGroups) {
        const it = item(splits[s.index]!.params, cv.groups[g]!);
        testKey.set(`${s.index}:${g}`, it.key);
        testItems.push(it);
      }
    }
    await execute(testItems);
  } finally {
    await pool?.close();
  }
  const paths: CpcvPath[] = cv.paths.map((assign, index) => {
    const keys = assign.map((si, g) => testKey.get(`${si}:${g}`)!);
    const metrics = chained(keys);
    const returns = new Float64Array(bars.length);
    const equity = new Float64Array(bars.length);
    let j = 0;
    let e = c.options.initialCash;
    for (const k of keys)
      for (const x of results.get(k)!.returns!) {
        returns[j] = x;
        equity[j++] = e *= 1 + x;
      }
    return { index, splits: assign, returns, equity, metrics };
  });
  const pathObjective = Float64Array.from(paths, (p) => p.metrics[c.objective]);
  const finite = Array.from(pathObjective).filter(Number.isFinite);
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const std = Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, finite.length - 1));
  const summary = { mean, std, min: Math.min(...finite), max: Math.max(...finite) };
  const f = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));
  return {
    splits,
    paths,
    pathObjective,
    summary,
    runs: results.size,
    toString: () =>
      [
        `CPCV ${c.strategy}: N = ${c.cv.groups} groups, k = ${c.cv.testGroups}, ${cv.splits.length} splits × ${sets.length} parameter sets, ${paths.length} paths, ${results.size} runs`,
        `OOS ${c.objective} over paths: mean ${f(mean)}, std ${f(std)}, min ${f(summary.min)}, max ${f(summary.max)}`,
        ...paths.map(
          (p) =>
            `path ${p.index}: ${c.objective} ${f(p.metrics[c.objective])}, total return ${(100 * p.metrics.totalReturn).toFixed(2)}%`,
        ),
      ].join("\n"),
  };
}
