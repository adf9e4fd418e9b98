import { availableParallelism } from "node:os";
import { fingerprintBars } from "@quantkit/backtest";
import type { Bars } from "@quantkit/core";
import type { Catalog } from "../catalog/catalog.js";
import { RunPool } from "../pool/runPool.js";
import type { TaskItem, TaskResult } from "../pool/runTask.js";
import { loadDataRef } from "../run/dataRef.js";
import { canonicalJson, runKey } from "../run/runSpec.js";
import {
  cacheFriendlyNesting,
  grid,
  type ParamSpace,
  type Params,
  randomSearch,
} from "../space/paramSpace.js";
import { type HalvingSweepOutcome, sweepByHalving } from "./halvingRungs.js";
import { type ResultRow, ResultsTable, sweepParamColumns, sweepResultRow } from "./resultsTable.js";
import {
  parseSweepConfig,
  type SweepConfig,
  type SweepConfigInput,
  studyId,
  sweepCount,
  sweepIdentity,
  sweepMinimize,
  sweepRunSpec,
  sweepSpace,
} from "./sweepConfig.js";
import { SweepSummary, TopRuns } from "./sweepSummary.js";

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

export { studyId, sweepSpace };

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

function* enumerate(
  c: SweepConfig,
  space: ParamSpace,
  candidates?: readonly Params[],
): Generator<{ seq: number; params: Params }> {
  const source =
    candidates ??
    (c.search.kind === "random"
      ? randomSearch(space, c.search.n, c.search.seed)
      : grid(space, cacheFriendlyNesting(space)));
  let seq = 0;
  for (const params of source) yield { seq: seq++, params };
}

/**
 * A successive-halving sweep on a local pool (what {@link runSweep} does for `search: { kind: "halving" }`, and
 * `halvingSweep` for a halving or random search): every rung is a `runSweep` over its candidates and a prefix
 * range, into the config's results table.
 *
 * @param c - a parsed sweep config (`search.kind` "halving" or "random").
 * @param runtime - as for `runSweep`, plus `eta` overriding the search's.
 * @returns the halving outcome and the sweep summary over all rungs.
 * @example
 * (await halvingOnPool(parseSweepConfig({ ...cfg, search: { kind: "halving" } }), {})).summary.halving?.fullLengthRuns // → 2
 */
export async function halvingOnPool(
  c: SweepConfig,
  runtime: SweepRuntime & { readonly eta?: number },
): Promise<HalvingSweepOutcome> {
  const now = runtime.now ?? (() => performance.now());
  const t0 = now();
  const bars = runtime.bars ?? (await loadDataRef(c.data));
  const loadMs = now() - t0;
  const pool =
    runtime.pool ?? (await RunPool.create({ workers: c.workers ?? Math.max(1, availableParallelism()) }));
  try {
    const { result, summary } = await sweepByHalving(
      c,
      bars,
      (rc, candidates, onProgress) => runSweep(rc, { ...runtime, pool, bars, candidates, onProgress }),
      {
        ...(runtime.eta !== undefined ? { eta: runtime.eta } : {}),
        ...(runtime.catalog !== undefined ? { catalog: runtime.catalog } : {}),
        ...(runtime.onProgress !== undefined ? { onProgress: runtime.onProgress } : {}),
        ...(runtime.now !== undefined ? { now: runtime.now } : {}),
      },
    );
    const t = summary.timings;
    return {
      result,
      summary: new SweepSummary({ ...summary, timings: { ...t, loadMs, totalMs: t.totalMs + loadMs } }),
    };
  } finally {
    if (runtime.pool === undefined) await pool.close();
  }
}

/**
 * Runs a parameter sweep: enumerates the space (grid, seeded random search, or seeded successive halving: see
 * `sweepSearchSchema`), skips parameter sets whose run key
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
  if (c.search.kind === "halving" && runtime.candidates === undefined)
    return (await halvingOnPool(c, runtime)).summary;
  const space = sweepSpace(c);
  const minimize = sweepMinimize(c);
  const total = runtime.candidates?.length ?? sweepCount(c, space);
  const bars = runtime.bars ?? (await loadDataRef(c.data));
  const tLoaded = now();
  const table = await ResultsTable.open(c.out, sweepParamColumns(space));
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
  // ~64 batches per worker: fused runs take a few ms, so big batches leave one worker idle at the tail
  const batchSize =
    c.batchSize ?? Math.max(1, Math.min(64, Math.ceil(total / (Math.max(1, pool.size) * 64))));
  const maxInflight = Math.max(2, pool.size * 2);

  const top = new TopRuns(c.objective, minimize);

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
      const spec = sweepRunSpec(c, n.value.params);
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
      const row = sweepResultRow(c, { key: r.key, ...m }, r);
      executed++;
      if (r.error !== null) failed++;
      top.add(row);
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
    ...sweepIdentity(c),
    out: table.dir,
    total,
    executed,
    skipped,
    failed,
    aborted,
    workers: pool.size,
    bars: bars.length,
    top: top.list,
    timings: { loadMs: tLoaded - t0, poolStartMs: tPool - tLoaded, runMs: tEnd - tStart, totalMs: tEnd - t0 },
  });
  if (catalog !== undefined)
    await catalog.finishStudy(id, aborted ? "aborted" : "complete", summary.toJSON());
  return summary;
}
