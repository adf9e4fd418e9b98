import { createHash } from "node:crypto";
import { fingerprintBars } from "@quantkit/backtest";
import { type Bars, parseWith, QuantkitError, timeframeMs } from "@quantkit/core";
import { z } from "zod";
import type { Catalog } from "../catalog/catalog.js";
import type { RunRequest } from "../distributed/runSpecJobHandler.js";
import type { StudyStreamOptions } from "../distributed/studyStreams.js";
import { type StudySummary, submitStudy } from "../distributed/submitStudy.js";
import { RunPool } from "../pool/runPool.js";
import type { TaskItem, TaskResult } from "../pool/runTask.js";
import { runTask } from "../pool/runTask.js";
import { loadDataRef } from "../run/dataRef.js";
import { defaultPeriodsPerYear, equityMetrics, type RunMetrics, type RunResult } from "../run/executeRun.js";
import { IndicatorCache } from "../run/indicatorCache.js";
import {
  canonicalJson,
  dataRefSchema,
  parseRunSpec,
  type RunSpec,
  runKey,
  runOptionsSchema,
} from "../run/runSpec.js";
import { getStudyStrategy } from "../run/studyStrategies.js";
import { spaceDescriptionSchema } from "../space/dimension.js";
import { grid, type Params, paramSpace, randomSearch } from "../space/paramSpace.js";
import { engineSchema, searchSchema } from "../space/searchSchema.js";
import { OBJECTIVES, type Objective } from "../sweep/sweepConfig.js";
import {
  type IndexRange,
  type WalkForwardFold,
  walkForwardFolds,
  walkForwardFoldsOptions,
} from "./walkForwardFolds.js";

/** Whether larger values of the objective are better. @example objectiveSense("maxDrawdown") // → -1 */
export function objectiveSense(o: Objective): 1 | -1 {
  return o === "maxDrawdown" || o === "volatility" ? -1 : 1;
}

/**
 * A walk-forward study (the `quantkit walk-forward` config): which strategy and engine, the parameter space searched
 * in every in-sample window, the data, the objective and the fold layout (sizes in bars, or durations such as
 * `"365d"` which are measured on the bars' open times).
 *
 * @example
 * walkForwardConfigSchema.parse({ strategy: "sma-cross", data: { kind: "synthetic", seed: 1, length: 2000 },
 *   folds: { train: 500, test: 250 } }).objective // → "sharpe"
 */
export const walkForwardConfigSchema = z
  .object({
    /** A study strategy name (`studyStrategyNames()`). */
    strategy: z.string().min(1),
    engine: engineSchema,
    /** The parameter space (`{ fast: { int: [5, 50], step: 5 }, … }`). Default: the strategy's own space. */
    space: spaceDescriptionSchema.optional(),
    /** `{ kind: "grid" }` (every point satisfying the strategy's constraint) or `{ kind: "random", n, seed }` (as in sweep configs). @default grid */
    search: searchSchema,
    data: dataRefSchema,
    /** What the in-sample optimization picks by. @default "sharpe" */
    objective: z.enum(OBJECTIVES).default("sharpe"),
    /** Fold layout: `train`, `test`, `step`, `mode`, `purge`, `partialLast` (see `walkForwardFolds`). */
    folds: walkForwardFoldsOptions.omit({ length: true, ts: true }),
    /**
     * Bars before each test window that the out-of-sample run may use to warm up its indicators (and to hold the
     * position those bars signal): the run covers [test start − warmup, test end) and only returns from the test
     * start on count. 0 = the out-of-sample run starts flat at the test start and its indicators see only the test
     * window. Never reaches into the future, so the poisoned-future guarantee is unchanged. @default 0
     */
    warmup: z.number().int().min(0).default(0),
    /** Costs and sizing of every run. */
    options: runOptionsSchema.prefault({}),
    seed: z.number().int().default(0),
    /** Worker threads for the in-sample sweeps (0 = in this thread). @default 0 */
    workers: z.number().int().min(0).default(0),
  })
  .strict();

/** Input form of {@link walkForwardConfigSchema}. */
export type WalkForwardConfigInput = z.input<typeof walkForwardConfigSchema>;
/** A validated walk-forward config. */
export type WalkForwardConfig = z.output<typeof walkForwardConfigSchema>;

/** One fold of a {@link WalkForwardResult}; field names match viz's `walkForwardFigure` input. */
export interface WalkForwardFoldResult {
  readonly index: number;
  /** Bar index ranges [a, b) of the fold. */
  readonly train: IndexRange;
  readonly test: IndexRange;
  /** The same windows in UTC epoch ms on bar open times (half-open). */
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testStart: number;
  readonly testEnd: number;
  /** Parameters chosen in-sample. */
  readonly params: Params;
  /** e.g. `"fast=10 slow=40"`. */
  readonly label: string;
  /** In-sample objective of the chosen parameters. */
  readonly inSample: number;
  /** Out-of-sample objective of the same parameters on the test window. */
  readonly outOfSample: number;
  /** outOfSample / inSample (NaN when inSample is 0 or either is not finite). */
  readonly degradationRatio: number;
  /** outOfSample − inSample. */
  readonly degradationDifference: number;
  readonly inSampleMetrics: RunMetrics;
  /** Metrics over the test window (with `warmup`, fills and trades also count those made in the warm-up bars). */
  readonly outOfSampleMetrics: RunMetrics;
  /** Parameter sets evaluated in-sample, and how many of them failed (error) or had a non-finite objective. */
  readonly trials: number;
  readonly failed: number;
  readonly nonFinite: number;
  /** Run keys of the chosen in-sample run and of the out-of-sample run (reproducible with `executeRun`). */
  readonly inSampleKey: string;
  readonly outOfSampleKey: string;
}

/** How the chosen parameters move across folds. */
export interface ParameterStability {
  /** Folds whose chosen parameters differ from the previous fold's. */
  readonly changes: number;
  /** changes / (folds − 1) (0 with one fold). */
  readonly changeRate: number;
  /** Number of distinct parameter sets chosen. */
  readonly distinct: number;
  /** The most often chosen set and the share of folds choosing it (first on ties). */
  readonly mostCommon: { readonly params: Params; readonly share: number };
  /** Per numeric parameter: mean, population std, min, max and std / |mean| of the chosen values. */
  readonly perParameter: Readonly<
    Record<string, { mean: number; std: number; min: number; max: number; cv: number; values: number[] }>
  >;
}

/** Result of {@link walkForward}. */
export interface WalkForwardResult {
  readonly config: WalkForwardConfig;
  /** Stable id of the study: hash of the config without `workers` (the catalog's study id). */
  readonly studyId: string;
  readonly objective: Objective;
  readonly folds: readonly WalkForwardFoldResult[];
  /** Stitched out-of-sample series over the tested bars only (in time order): per-bar returns chained across folds. */
  readonly oos: {
    readonly ts: Float64Array;
    readonly returns: Float64Array;
    /** initialCash · Π(1 + r) over the tested bars. */
    readonly equity: Float64Array;
    /** {@link RunMetrics} of the stitched equity (fills and trades summed over folds). */
    readonly metrics: RunMetrics;
  };
  readonly stability: ParameterStability;
  /** Mean in-sample and out-of-sample objective over the folds, and their ratio (walk-forward efficiency). */
  readonly summary: { readonly inSample: number; readonly outOfSample: number; readonly efficiency: number };
  /** Bars never tested (before the first test window, between windows when step > test, and the tail). */
  readonly untestedBars: number;
  /**
   * With `nats`: what each phase's submission did (jobs published, results already on the stream, duplicates
   * discarded), for the in-sample runs of all folds and for the out-of-sample runs. Not part of `toJSON()`.
   */
  readonly dispatch?: { readonly inSample: StudySummary; readonly outOfSample: StudySummary };
  /** The per-fold table as Markdown. */
  table(): string;
  /** Plain JSON (arrays instead of typed arrays) for files and plots. */
  toJSON(): Record<string, unknown>;
  toString(): string;
}

/** Where and how {@link walkForward} dispatches its runs to `quantkit worker` processes over NATS JetStream. */
export interface WalkForwardNatsOptions {
  /** NATS server URL(s) where `quantkit worker` processes pull jobs (e.g. `"nats://10.0.0.5:4222"`). */
  readonly url: string | string[];
  /** Stream settings (ack wait, max deliveries, replicas); see `StudyStreamOptions`. */
  readonly streams?: StudyStreamOptions;
  /** Fail when no result arrives for this long (ms; e.g. no worker running). @default no limit */
  readonly idleTimeoutMs?: number;
  /**
   * Ctrl-C: stop collecting and reject with "interrupted" (the queued jobs keep running on the workers; calling
   * `walkForward` again collects their results from the results stream without re-running them).
   */
  readonly signal?: AbortSignal;
}

/** Extra inputs of {@link walkForward}. */
export interface WalkForwardRunOptions {
  /** Bars to use instead of loading `config.data` (notebooks, tests). Must be what `config.data` resolves to for run keys to be meaningful. */
  readonly bars?: Bars;
  /**
   * Record the study (kind `"walk-forward"`, its config and data fingerprint, the summary) and every run's manifest
   * (in-sample and out-of-sample) in this tracked-run catalog.
   */
  readonly catalog?: Catalog;
  /** Called after each batch of in-sample runs finishes: (runs done, runs total). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * A running pool to execute on instead of starting one for `config.workers` (reuse it across studies: starting
   * workers from source costs about a second each). Its data key `"wf"` is replaced; it is not closed.
   */
  readonly pool?: RunPool;
  /**
   * Execute every run on `quantkit worker` processes through NATS JetStream instead of a local pool: the
   * in-sample runs of all folds are submitted as one study (`wf-<studyId>-is`, one job per run key), then the
   * out-of-sample runs of the chosen parameters (`wf-<studyId>-oos`, jobs asking for per-bar returns). Results are
   * collected by key, exactly once; rerunning resumes (results already on the results stream are not re-run). The
   * result is the same as on a local pool: same chosen parameters, same stitched out-of-sample equity.
   */
  readonly nats?: WalkForwardNatsOptions;
}

/**
 * Runs `items` on NATS workers as study `studyId` and returns their results in the order of `items`. `returns`:
 * ask for per-bar returns (the jobs are {@link RunRequest}s).
 */
async function runOnNats(
  n: WalkForwardNatsOptions,
  studyId: string,
  items: readonly TaskItem[],
  returns: boolean,
  onProgress: (done: number) => void,
): Promise<{ results: TaskResult[]; summary: StudySummary }> {
  const byKey = new Map<string, TaskResult>();
  const summary = await submitStudy<RunSpec | RunRequest, RunResult>({
    nats: n.url,
    studyId,
    jobs: items.map((it) => ({ key: it.key, spec: returns ? { run: it.spec, returns: true } : it.spec })),
    ...(n.streams !== undefined ? { streams: n.streams } : {}),
    ...(n.idleTimeoutMs !== undefined ? { idleTimeoutMs: n.idleTimeoutMs } : {}),
    ...(n.signal !== undefined ? { signal: n.signal } : {}),
    onResult: (r) => {
      byKey.set(
        r.key,
        r.ok
          ? {
              key: r.key,
              metrics: r.result.metrics,
              error: null,
              ms: r.result.timings.totalMs,
              ...(r.result.returns !== undefined ? { returns: r.result.returns } : {}),
            }
          : { key: r.key, metrics: null, error: r.error, ms: r.ms },
      );
    },
    onProgress: (p) => onProgress(p.done),
  });
  if (summary.aborted) {
    throw new QuantkitError(
      `walk-forward study ${studyId} interrupted with ${summary.total - summary.written - summary.alreadyLocal} runs missing: the queued runs keep executing; call walkForward again to collect them`,
    );
  }
  const results = items.map((it) => {
    const r = byKey.get(it.key);
    if (r === undefined)
      throw new QuantkitError(`walk-forward study ${studyId}: no result for run ${it.key}`);
    return r;
  });
  return { results, summary };
}

function rangeMs(bars: Bars, [a, b]: IndexRange): { start: number; end: number } {
  const end = b < bars.length ? bars.ts[b]! : bars.ts[bars.length - 1]! + timeframeMs(bars.timeframe);
  return { start: bars.ts[a]!, end };
}

function labelOf(p: Params): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

function sameParams(a: Params, b: Params): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Score used to compare trials: the objective times its sense; non-finite → −∞ (never chosen over a finite one). */
function score(m: RunMetrics | null, objective: Objective): number {
  if (m === null) return Number.NEGATIVE_INFINITY;
  const v = m[objective];
  return Number.isFinite(v) ? objectiveSense(objective) * v : Number.NEGATIVE_INFINITY;
}

function parameterStability(folds: readonly WalkForwardFoldResult[]): ParameterStability {
  let changes = 0;
  for (let k = 1; k < folds.length; k++) if (!sameParams(folds[k]!.params, folds[k - 1]!.params)) changes++;
  const counts = new Map<string, { params: Params; n: number }>();
  for (const f of folds) {
    const key = JSON.stringify(f.params);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { params: f.params, n: 1 });
  }
  let top = { params: {} as Params, n: 0 };
  for (const c of counts.values()) if (c.n > top.n) top = c;
  const perParameter: Record<
    string,
    { mean: number; std: number; min: number; max: number; cv: number; values: number[] }
  > = {};
  const names = folds.length > 0 ? Object.keys(folds[0]!.params) : [];
  for (const name of names) {
    const values = folds.map((f) => f.params[name]).filter((v): v is number => typeof v === "number");
    if (values.length !== folds.length) continue;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    perParameter[name] = {
      mean,
      std,
      min: Math.min(...values),
      max: Math.max(...values),
      cv: mean === 0 ? Number.NaN : std / Math.abs(mean),
      values,
    };
  }
  return {
    changes,
    changeRate: folds.length > 1 ? changes / (folds.length - 1) : 0,
    distinct: counts.size,
    mostCommon: { params: top.params, share: folds.length > 0 ? top.n / folds.length : 0 },
    perParameter,
  };
}

/**
 * Walk-forward analysis: for every fold (see `walkForwardFolds`), runs every parameter set of the space on the
 * in-sample window only (each run is an `executeRun` with `range` = that window, so no later bar can reach it),
 * picks the best by the objective (first in search order on ties; failed or non-finite runs never win), trades the
 * chosen parameters on the out-of-sample window, and stitches the out-of-sample per-bar returns of all folds into
 * one equity curve. Reports in-sample vs out-of-sample objective and degradation per fold, parameter stability
 * across folds, and the overall out-of-sample metrics. Each out-of-sample run starts with `initialCash`; with the
 * default `warmup: 0` it starts flat at the test start and its indicators see only the test window, with
 * `warmup: w` it runs from w bars earlier and only the test window's returns count.
 *
 * @param config - see {@link walkForwardConfigSchema}.
 * @param run - `bars` to use instead of loading `config.data`, `onProgress`, a `catalog` to record the study in, a
 *   running `pool`, or `nats: { url }` to execute every run on `quantkit worker` processes through NATS JetStream
 *   (see {@link WalkForwardRunOptions}).
 * @example
 * const wf = await walkForward({ strategy: "sma-cross", data: { kind: "store", symbol: "ORCL", timeframe: "1d" },
 *   space: { fast: { int: [5, 30], step: 5 }, slow: { int: [40, 160], step: 40 } },
 *   folds: { train: "730d", test: "365d" } });
 * console.log(wf.table()); // | fold | train | test | params | IS sharpe | OOS sharpe | ratio | …
 * const same = await walkForward(config, { nats: { url: "nats://10.0.0.5:4222" } }); // same folds, on the workers
 * @see Pardo (2008), The Evaluation and Optimization of Trading Strategies, ch. 11 (walk-forward analysis);
 *   https://doi.org/10.1002/9781119482086 (López de Prado 2018, AFML ch. 11–12)
 */
export async function walkForward(
  config: WalkForwardConfigInput | WalkForwardConfig,
  run: WalkForwardRunOptions = {},
): Promise<WalkForwardResult> {
  const c = parseWith(walkForwardConfigSchema, config, "walk-forward config");
  const strategy = getStudyStrategy(c.strategy);
  const bars = run.bars ?? (await loadDataRef(c.data));
  const space = paramSpace(c.space ?? strategy.space, strategy.constraint);
  const sets: Params[] =
    c.search.kind === "grid" ? [...grid(space)] : randomSearch(space, c.search.n, c.search.seed);
  if (sets.length === 0) throw new QuantkitError("walk-forward: the parameter space has no valid point");
  const folds: WalkForwardFold[] = walkForwardFolds(
    typeof c.folds.train === "string" ||
      typeof c.folds.test === "string" ||
      typeof c.folds.step === "string" ||
      typeof c.folds.purge === "string"
      ? { ...c.folds, ts: bars.ts }
      : { ...c.folds, length: bars.length },
  );
  if (folds.length === 0) {
    throw new QuantkitError(
      `walk-forward: no complete fold fits in ${bars.length} bars with train ${c.folds.train} and test ${c.folds.test}`,
    );
  }
  const { workers: _w, ...decisive } = c;
  const studyId = createHash("sha256").update(canonicalJson(decisive)).digest("hex").slice(0, 16);
  const studyName = `walk-forward ${c.strategy}`;
  const fingerprint = run.catalog !== undefined ? fingerprintBars(bars) : undefined;
  if (run.catalog !== undefined) {
    await run.catalog.recordStudy({
      id: studyId,
      name: studyName,
      kind: "walk-forward",
      config: c,
      data: [fingerprint!],
    });
  }
  const specOf = (params: Params, r: IndexRange): RunSpec =>
    parseRunSpec({
      strategy: c.strategy,
      engine: c.engine,
      params,
      data: c.data,
      range: rangeMs(bars, r),
      seed: c.seed,
      options: c.options,
    });

  // in-sample sweeps of every fold (all folds' runs are independent: submitted together)
  const isItems: TaskItem[][] = folds.map((f) =>
    sets.map((p) => {
      const spec = specOf(p, f.train);
      return { key: runKey(spec), spec };
    }),
  );
  const total = sets.length * folds.length;
  let done = 0;
  const nats = run.nats;
  const dispatch: { inSample?: StudySummary; outOfSample?: StudySummary } = {};
  const pool =
    nats !== undefined
      ? undefined
      : (run.pool ?? (c.workers > 0 ? await RunPool.create({ workers: c.workers }) : undefined));
  const state = { cache: new IndicatorCache(), scratch: new Float64Array(bars.length) };
  const exec = async (items: readonly TaskItem[], returns: boolean): Promise<TaskResult[]> => {
    const out = pool ? await pool.run("wf", items, returns) : runTask(bars, items, state, returns);
    done += returns ? 0 : items.length;
    if (!returns) run.onProgress?.(done, total);
    return out;
  };
  let isResults: TaskResult[][];
  let oosResults: TaskResult[];
  let oosItemsOut: TaskItem[] = [];
  const chosen: number[] = [];
  try {
    if (pool) pool.setData("wf", bars);
    if (nats !== undefined) {
      // every fold's in-sample runs as one distributed study
      const is = await runOnNats(nats, `wf-${studyId}-is`, isItems.flat(), false, (d) =>
        run.onProgress?.(d, total),
      );
      dispatch.inSample = is.summary;
      let at = 0;
      isResults = isItems.map((items) => is.results.slice(at, (at += items.length)));
    } else {
      // one job per fold keeps each fold's indicators in one worker's cache; split folds only when there are too
      // few of them to keep every worker busy
      const batch =
        pool && folds.length < 2 * pool.size
          ? Math.max(1, Math.ceil((sets.length * folds.length) / (2 * pool.size)))
          : sets.length;
      isResults = await Promise.all(
        isItems.map(async (items) => {
          const parts: Promise<TaskResult[]>[] = [];
          for (let i = 0; i < items.length; i += batch) parts.push(exec(items.slice(i, i + batch), false));
          return (await Promise.all(parts)).flat();
        }),
      );
    }
    const oosItems: TaskItem[] = folds.map((f, k) => {
      const res = isResults[k]!;
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < res.length; i++) {
        const s = score(res[i]!.metrics, c.objective);
        if (best < 0 || s > bestScore) {
          best = i;
          bestScore = s;
        }
      }
      chosen.push(best);
      const spec = specOf(sets[best]!, [Math.max(0, f.test[0] - c.warmup), f.test[1]]);
      return { key: runKey(spec), spec };
    });
    oosItemsOut = oosItems;
    if (nats !== undefined) {
      const oos = await runOnNats(nats, `wf-${studyId}-oos`, oosItems, true, () => undefined);
      dispatch.outOfSample = oos.summary;
      oosResults = oos.results;
    } else oosResults = await exec(oosItems, true);
  } finally {
    if (run.pool === undefined) await pool?.close();
  }

  // out-of-sample returns and metrics over the test window only (the warm-up bars are dropped)
  const ppy = c.options.periodsPerYear ?? defaultPeriodsPerYear(bars.timeframe);
  const oosTail: Float64Array[] = [];
  const oosMetrics: RunMetrics[] = [];
  for (const [k, f] of folds.entries()) {
    const r = oosResults[k]!;
    const len = f.test[1] - f.test[0];
    const w = f.test[0] - Math.max(0, f.test[0] - c.warmup);
    if (r.metrics === null)
      throw new QuantkitError(`walk-forward fold ${k}: the out-of-sample run failed: ${r.error}`);
    if (r.returns === undefined || r.returns.length !== w + len) {
      throw new QuantkitError(
        `walk-forward fold ${k}: expected ${w + len} out-of-sample returns, got ${r.returns?.length}`,
      );
    }
    const tail = r.returns.subarray(w);
    oosTail.push(tail);
    if (w === 0) oosMetrics.push(r.metrics);
    else {
      const eq = new Float64Array(len);
      let e = c.options.initialCash;
      for (let i = 0; i < len; i++) eq[i] = e *= 1 + tail[i]!;
      oosMetrics.push(equityMetrics(eq, c.options.initialCash, ppy, r.metrics.fills, r.metrics.trades));
    }
  }

  const foldResults: WalkForwardFoldResult[] = folds.map((f, k) => {
    const res = isResults[k]!;
    const i = chosen[k]!;
    const is = res[i]!;
    const oos = oosResults[k]!;
    if (is.metrics === null) {
      throw new QuantkitError(`walk-forward fold ${k}: every in-sample run failed, e.g. ${res[0]!.error}`);
    }
    const a = is.metrics[c.objective];
    const b = oosMetrics[k]![c.objective];
    let failed = 0;
    let nonFinite = 0;
    for (const r of res) {
      if (r.metrics === null) failed++;
      else if (!Number.isFinite(r.metrics[c.objective])) nonFinite++;
    }
    const tr = rangeMs(bars, f.train);
    const te = rangeMs(bars, f.test);
    return {
      index: f.index,
      train: f.train,
      test: f.test,
      trainStart: tr.start,
      trainEnd: tr.end,
      testStart: te.start,
      testEnd: te.end,
      params: sets[i]!,
      label: labelOf(sets[i]!),
      inSample: a,
      outOfSample: b,
      degradationRatio: a !== 0 && Number.isFinite(a) && Number.isFinite(b) ? b / a : Number.NaN,
      degradationDifference: b - a,
      inSampleMetrics: is.metrics,
      outOfSampleMetrics: oosMetrics[k]!,
      trials: res.length,
      failed,
      nonFinite,
      inSampleKey: is.key,
      outOfSampleKey: oos.key,
    };
  });

  // stitch: chain the out-of-sample per-bar returns of the folds in time order
  let n = 0;
  for (const f of folds) n += f.test[1] - f.test[0];
  const ts = new Float64Array(n);
  const returns = new Float64Array(n);
  const equity = new Float64Array(n);
  let j = 0;
  let e = c.options.initialCash;
  let fills = 0;
  let trades = 0;
  for (const [k, f] of folds.entries()) {
    const tail = oosTail[k]!;
    for (let i = 0; i < tail.length; i++) {
      ts[j] = bars.ts[f.test[0] + i]!;
      returns[j] = tail[i]!;
      e *= 1 + tail[i]!;
      equity[j++] = e;
    }
    fills += oosMetrics[k]!.fills;
    trades += oosMetrics[k]!.trades;
  }
  const metrics = equityMetrics(equity, c.options.initialCash, ppy, fills, trades);
  const stability = parameterStability(foldResults);
  const finiteMean = (xs: number[]) => {
    const f = xs.filter(Number.isFinite);
    return f.length > 0 ? f.reduce((s, v) => s + v, 0) / f.length : Number.NaN;
  };
  const isMean = finiteMean(foldResults.map((f) => f.inSample));
  const oosMean = finiteMean(foldResults.map((f) => f.outOfSample));
  const summary = {
    inSample: isMean,
    outOfSample: oosMean,
    efficiency: isMean !== 0 ? oosMean / isMean : Number.NaN,
  };
  const untestedBars = bars.length - n;
  const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const table = () =>
    [
      `| fold | in-sample | out-of-sample | params | IS ${c.objective} | OOS ${c.objective} | OOS/IS | OOS − IS | OOS return | trials |`,
      "|---|---|---|---|---|---|---|---|---|---|",
      ...foldResults.map(
        (f) =>
          `| ${f.index} | ${day(f.trainStart)} → ${day(f.trainEnd)} | ${day(f.testStart)} → ${day(f.testEnd)} | ${f.label} | ${fmt(f.inSample)} | ${fmt(f.outOfSample)} | ${fmt(f.degradationRatio)} | ${fmt(f.degradationDifference)} | ${(100 * f.outOfSampleMetrics.totalReturn).toFixed(2)}% | ${f.trials}${f.failed + f.nonFinite > 0 ? ` (${f.failed} failed, ${f.nonFinite} n/a)` : ""} |`,
      ),
    ].join("\n");
  if (run.catalog !== undefined) {
    const row = (seq: number, item: TaskItem, r: TaskResult) => ({
      key: r.key,
      seq,
      study: studyName,
      strategy: c.strategy,
      engine: c.engine,
      params: item.spec.params,
      metrics: r.metrics,
      error: r.error,
      ms: r.ms,
      spec: canonicalJson(item.spec),
    });
    const rows = folds.flatMap((_, k) => isItems[k]!.map((it, i) => row(i, it, isResults[k]![i]!)));
    rows.push(...folds.map((_, k) => row(chosen[k]!, oosItemsOut[k]!, oosResults[k]!)));
    await run.catalog.recordRuns(studyId, rows, fingerprint!);
    await run.catalog.finishStudy(studyId, "complete", {
      folds: foldResults.map(({ inSampleMetrics: _i, outOfSampleMetrics: _o, ...f }) => f),
      summary,
      stability,
      oos: metrics,
      untestedBars,
    });
  }
  const result: WalkForwardResult = {
    config: c,
    studyId,
    objective: c.objective,
    folds: foldResults,
    oos: { ts, returns, equity, metrics },
    stability,
    summary,
    untestedBars,
    ...(dispatch.inSample !== undefined && dispatch.outOfSample !== undefined
      ? { dispatch: { inSample: dispatch.inSample, outOfSample: dispatch.outOfSample } }
      : {}),
    table,
    toJSON: () => ({
      config: c,
      studyId,
      objective: c.objective,
      folds: foldResults,
      oos: { ts: Array.from(ts), returns: Array.from(returns), equity: Array.from(equity), metrics },
      stability,
      summary,
      untestedBars,
    }),
    toString: () =>
      [
        `Walk-forward ${c.strategy} (${c.engine}, ${c.folds.mode ?? "rolling"}, ${folds.length} folds × ${sets.length} parameter sets, objective ${c.objective})`,
        table(),
        `mean IS ${c.objective} ${fmt(isMean)}, mean OOS ${fmt(oosMean)}, efficiency ${fmt(summary.efficiency)}`,
        `parameter changes ${stability.changes}/${Math.max(0, folds.length - 1)} folds, ${stability.distinct} distinct; most common ${labelOf(stability.mostCommon.params)} (${(100 * stability.mostCommon.share).toFixed(0)}%)`,
        `stitched OOS (${n} bars, ${untestedBars} untested): total return ${(100 * metrics.totalReturn).toFixed(2)}%, Sharpe ${fmt(metrics.sharpe)}, max drawdown ${(100 * metrics.maxDrawdown).toFixed(2)}%, trades ${metrics.trades}`,
      ].join("\n"),
  };
  return result;
}
