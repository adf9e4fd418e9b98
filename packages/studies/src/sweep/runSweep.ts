import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { fingerprintBars } from "@quantkit/backtest";
import type { Bars } from "@quantkit/core";
import type { Catalog } from "../catalog/catalog.js";
import { RunPool } from "../pool/runPool.js";
import type { TaskItem, TaskResult } from "../pool/runTask.js";
import { loadDataRef } from "../run/dataRef.js";
import { canonicalJson, parseRunSpec, runKey } from "../run/runSpec.js";
import { getStudyStrategy } from "../run/studyStrategies.js";
import type { Dimension, ParamValue } from "../space/dimension.js";
import {
  cacheFriendlyNesting,
  countGrid,
  grid,
  gridValues,
  type ParamSpace,
  type Params,
  paramSpace,
  randomSearch,
} from "../space/paramSpace.js";
import type { ParamColumn, ResultRow } from "./resultsTable.js";
import { ResultsTable } from "./resultsTable.js";
import { parseSweepConfig, type SweepConfig, type SweepConfigInput } from "./sweepConfig.js";
import { SweepSummary, type TopRun } from "./sweepSummary.js";

/** Progress of a sweep, reported after each finished batch. */
export interface SweepProgress {
  /** Runs finished in this invocation plus those skipped as already done. */
  readonly done: number;
  /** Parameter sets in the sweep. */
  readonly total: number;
  /** Runs skipped because their key was already in the results table. */
  readonly skipped: number;
  /** Runs executed in this invocation so far. */
  readonly executed: number;
  /** Runs that threw (recorded with their error). */
  readonly failed: number;
  /** Milliseconds since execution started. */
  readonly elapsedMs: number;
  /** Estimated milliseconds left (from this invocation's rate), NaN before the first batch. */
  readonly etaMs: number;
}

/** Runtime inputs of {@link runSweep} besides its config. */
export interface SweepRuntime {
  /** Aborting stops dispatching, waits for the runs in flight, writes them, and resolves with `aborted: true`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: SweepProgress) => void;
  /** A pool to run on (kept open); default a new pool of `config.workers` workers, closed at the end. */
  readonly pool?: RunPool;
  /** The bars (skip loading `config.data`; must be what it resolves to). */
  readonly bars?: Bars;
  /** Record the study and every run's manifest in this catalog. */
  readonly catalog?: Catalog;
  /** Run exactly these parameter sets (in this order) instead of enumerating the config's search. */
  readonly candidates?: readonly Params[];
  /** Milliseconds clock for timings and ETA (default `performance.now`). */
  readonly now?: () => number;
}

function paramColumns(space: ParamSpace): ParamColumn[] {
  return space.names.map((name, j) => {
    const d: Dimension = space.dimensions[j]!;
    if ("int" in d || "float" in d) return { name, type: "DOUBLE" as const };
    const values: ParamValue[] = "choice" in d ? d.choice : gridValues(d);
    if (values.every((v) => typeof v === "number")) return { name, type: "DOUBLE" as const };
    if (values.every((v) => typeof v === "boolean")) return { name, type: "BOOLEAN" as const };
    return { name, type: "VARCHAR" as const };
  });
}

/**
 * A stable id for a study: SHA-256 (first 16 hex) of the canonical JSON of everything that decides its runs
 * (not workers, output folder or batch sizes), so a resumed sweep keeps its id.
 *
 * @example
 * studyId(parseSweepConfig({ strategy: "sma-cross", data: { kind: "synthetic", seed: 1, length: 100 } })).length // → 16
 */
export function studyId(c: SweepConfig): string {
  const { workers: _w, out: _o, batchSize: _b, partSize: _p, ...decisive } = c;
  return createHash("sha256").update(canonicalJson(decisive)).digest("hex").slice(0, 16);
}

/** The parameter space of a sweep config (its `space`, else the strategy's default) with the strategy's constraint. */
export function sweepSpace(c: SweepConfig): ParamSpace {
  const s = getStudyStrategy(c.strategy);
  return paramSpace(c.space ?? s.space, s.constraint);
}

function* enumerate(
  c: SweepConfig,
  space: ParamSpace,
  candidates?: readonly Params[],
): Generator<{ seq: number; params: Params }> {
  const source =
    candidates ??
    (c.search.kind === "grid"
      ? grid(space, cacheFriendlyNesting(space))
      : randomSearch(space, c.search.n, c.search.seed));
  let seq = 0;
  for (const params of source) yield { seq: seq++, params };
}

function better(a: number, b: number, minimize: boolean): boolean {
  if (Number.isNaN(b)) return !Number.isNaN(a);
  if (Number.isNaN(a)) return false;
  return minimize ? a < b : a > b;
}

/**
 * Runs a parameter sweep: enumerates the space (grid or seeded random search), skips parameter sets whose run key
 * is already in `<out>/results/` (resume), executes the rest in a worker pool with the bars in shared memory and
 * STREAMS the results into Parquet parts (temporary file + rename per part, `partSize` rows each; only the top 10
 * by the objective stay in memory). Aborting the signal (Ctrl-C) stops dispatching, waits for the runs in flight,
 * writes them and resolves with `aborted: true`: the table is always consistent and a rerun completes exactly the
 * missing runs.
 *
 * @param config - a {@link SweepConfigInput} (validated here).
 * @example
 * const s = await runSweep({ strategy: "sma-cross", data: { kind: "store", symbol: "ORCL", timeframe: "1d" }, workers: 2, out: "out/orcl-sweep" });
 * console.log(String(s)); // best fast/slow by Sharpe, counts, runs/s
 * @see https://scikit-learn.org/stable/modules/grid_search.html
 */
export async function runSweep(config: SweepConfigInput, runtime: SweepRuntime = {}): Promise<SweepSummary> {
  const now = runtime.now ?? (() => performance.now());
  const t0 = now();
  const c = parseSweepConfig(config);
  const space = sweepSpace(c);
  const minimize = c.minimize ?? (c.objective === "maxDrawdown" || c.objective === "volatility");
  const total =
    c.search.kind === "grid" ? countGrid(space) : randomSearch(space, c.search.n, c.search.seed).length;
  const bars = runtime.bars ?? (await loadDataRef(c.data));
  const tLoaded = now();
  const table = await ResultsTable.open(c.out, paramColumns(space));
  const id = studyId(c);
  const catalog = runtime.catalog;
  const fingerprint = catalog !== undefined ? fingerprintBars(bars) : undefined;
  if (catalog !== undefined)
    await catalog.recordStudy({ id, name: c.study, kind: "sweep", config: c, data: [fingerprint!] });
  const workers = c.workers ?? Math.max(1, availableParallelism());
  const pool = runtime.pool ?? (await RunPool.create({ workers }));
  const tPool = now();
  const dataKey = `sweep:${id}`;
  pool.setData(dataKey, bars);
  const batchSize =
    c.batchSize ?? Math.max(1, Math.min(64, Math.ceil(total / (Math.max(1, pool.size) * 16))));
  const maxInflight = Math.max(2, pool.size * 2);

  const top: TopRun[] = [];
  const keepTop = (row: ResultRow) => {
    if (row.metrics === null) return;
    const v = row.metrics[c.objective];
    let i = top.length;
    while (i > 0 && better(v, top[i - 1]!.metrics[c.objective], minimize)) i--;
    if (i < 10) {
      top.splice(i, 0, { key: row.key, seq: row.seq, params: row.params, metrics: row.metrics });
      if (top.length > 10) top.pop();
    }
  };

  let skipped = 0;
  let executed = 0;
  let failed = 0;
  const buffer: ResultRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown;
  const write = (rows: ResultRow[]) => {
    writing = writing.then(async () => {
      if (writeError !== undefined) return;
      try {
        await table.writePart(rows);
        if (catalog !== undefined) await catalog.recordRuns(id, rows, fingerprint!);
      } catch (e) {
        writeError = e;
      }
    });
  };
  const flush = (force: boolean) => {
    while (buffer.length >= c.partSize || (force && buffer.length > 0)) write(buffer.splice(0, c.partSize));
  };

  const it = enumerate(c, space, runtime.candidates);
  const meta = new Map<string, { seq: number; params: Params; spec: string }>();
  const nextBatch = (): TaskItem[] => {
    const items: TaskItem[] = [];
    while (items.length < batchSize) {
      const n = it.next();
      if (n.done) break;
      const spec = parseRunSpec({
        strategy: c.strategy,
        engine: c.engine,
        params: n.value.params,
        data: c.data,
        ...(c.range !== undefined ? { range: c.range } : {}),
        seed: c.seed,
        options: c.options,
      });
      const key = runKey(spec);
      if (table.has(key) || meta.has(key)) {
        skipped++;
        continue;
      }
      meta.set(key, { seq: n.value.seq, params: n.value.params, spec: canonicalJson(spec) });
      items.push({ key, spec });
    }
    return items;
  };

  const tStart = now();
  const report = () => {
    const elapsedMs = now() - tStart;
    const left = total - skipped - executed;
    runtime.onProgress?.({
      done: skipped + executed,
      total,
      skipped,
      executed,
      failed,
      elapsedMs,
      etaMs: executed > 0 ? (elapsedMs / executed) * left : Number.NaN,
    });
  };
  const onResults = (results: TaskResult[]) => {
    for (const r of results) {
      const m = meta.get(r.key)!;
      meta.delete(r.key);
      const row: ResultRow = {
        key: r.key,
        seq: m.seq,
        study: c.study,
        strategy: c.strategy,
        engine: c.engine,
        params: m.params,
        metrics: r.metrics,
        error: r.error,
        ms: r.ms,
        spec: m.spec,
      };
      executed++;
      if (r.error !== null) failed++;
      keepTop(row);
      buffer.push(row);
    }
    flush(false);
    report();
  };

  const inflight = new Set<Promise<void>>();
  const signal = runtime.signal;
  const stop =
    signal !== undefined
      ? new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener("abort", () => resolve(), { once: true });
        })
      : undefined;
  let aborted = false;
  let poolError: unknown;
  let exhausted = false;
  try {
    while (true) {
      if (runtime.signal?.aborted) aborted = true;
      while (!aborted && !exhausted && poolError === undefined && inflight.size < maxInflight) {
        const items = nextBatch();
        if (items.length === 0) {
          exhausted = true;
          break;
        }
        const p: Promise<void> = pool
          .run(dataKey, items)
          .then(onResults, (e) => {
            poolError ??= e;
          })
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
      if (inflight.size === 0) break;
      await Promise.race(stop !== undefined && !aborted ? [...inflight, stop] : [...inflight]);
    }
    // everything finished (or was aborted after its in-flight runs completed): write the remainder
    flush(true);
    await writing;
  } finally {
    if (runtime.pool === undefined) await pool.close();
    await table.close();
  }
  if (writeError !== undefined) throw writeError;
  if (poolError !== undefined) throw poolError;
  report();
  const tEnd = now();
  const summary = new SweepSummary({
    studyId: id,
    study: c.study,
    strategy: c.strategy,
    engine: c.engine,
    objective: c.objective,
    minimize,
    out: table.dir,
    total,
    executed,
    skipped,
    failed,
    aborted,
    workers: pool.size,
    bars: bars.length,
    top,
    timings: { loadMs: tLoaded - t0, poolStartMs: tPool - tLoaded, runMs: tEnd - tStart, totalMs: tEnd - t0 },
  });
  if (catalog !== undefined)
    await catalog.finishStudy(id, aborted ? "aborted" : "complete", summary.toJSON());
  return summary;
}
