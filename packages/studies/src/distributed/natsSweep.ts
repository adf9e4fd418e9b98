import { type DataFingerprint, fingerprintBars } from "@quantkit/backtest";
import { type Bars, QuantkitError } from "@quantkit/core";
import type { Catalog } from "../catalog/catalog.js";
import { loadDataRef } from "../run/dataRef.js";
import type { RunResult } from "../run/executeRun.js";
import { canonicalJson, type RunSpec, runKey } from "../run/runSpec.js";
import { grid, type Params, randomSearch } from "../space/paramSpace.js";
import { sweepByHalving } from "../sweep/halvingRungs.js";
import { type ResultRow, ResultsTable, sweepParamColumns, sweepResultRow } from "../sweep/resultsTable.js";
import type { SweepProgress } from "../sweep/runSweep.js";
import {
  parseSweepConfig,
  type SweepConfig,
  type SweepConfigInput,
  sweepCount,
  sweepIdentity,
  sweepMinimize,
  sweepRunSpec,
  sweepSpace,
  studyId as sweepStudyId,
} from "../sweep/sweepConfig.js";
import { SweepSummary, TopRuns } from "../sweep/sweepSummary.js";
import type { StudyStreamOptions } from "./studyStreams.js";
import { type StudySummary, submitStudy } from "./submitStudy.js";

/** Runtime inputs of {@link runSweepOnNats}. */
export interface NatsSweepRuntime {
  /** NATS server URL(s) where `quantkit worker` processes pull jobs. */
  readonly nats: string | string[];
  /** Ctrl-C: stop collecting, write what arrived, resolve with `aborted: true` (the queued jobs keep running). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: SweepProgress) => void;
  /** Record the study and every run's manifest in this catalog (needs the data readable here, for its fingerprint). */
  readonly catalog?: Catalog;
  /** The bars (for the summary's bar count and the catalog fingerprint; default: loaded here if readable). */
  readonly bars?: Bars;
  /** Stream settings (ack wait, max deliveries). */
  readonly streams?: StudyStreamOptions;
  /** Fail when no result arrives for this long (ms; e.g. no worker running). @default no limit */
  readonly idleTimeoutMs?: number;
  /** Run exactly these parameter sets (in this order) instead of enumerating the config's search. */
  readonly candidates?: readonly Params[];
}

/**
 * Runs a sweep (the same config as `runSweep`) on NATS JetStream instead of a local pool: publishes one job per
 * parameter set not yet in `<out>/results/` (key = `runKey(spec)`), lets any number of `quantkit worker` processes
 * on any hosts execute them, and streams the collected results into the same Parquet results table (and the
 * catalog), each key exactly once. Rerunning resumes: keys in the table are skipped, keys whose result is already on
 * the results stream are written without re-running, only the rest are published.
 *
 * @param config - a sweep config (validated).
 * @param runtime - {@link NatsSweepRuntime}: the NATS URL, signal, progress, catalog.
 * @returns the same {@link SweepSummary} as `runSweep` (`workers` = distinct worker processes that answered).
 * @example
 * const s = await runSweepOnNats({ strategy: "sma-cross", data: { kind: "store", symbol: "ORCL", timeframe: "1d" }, out: "out/orcl" }, { nats: "nats://10.0.0.5:4222" });
 * console.log(String(s));
 * @see runSweep
 */
export async function runSweepOnNats(
  config: SweepConfigInput,
  runtime: NatsSweepRuntime,
): Promise<SweepSummary> {
  const t0 = performance.now();
  const c = parseSweepConfig(config);
  if (c.search.kind === "halving" && runtime.candidates === undefined) return halvingOnNats(c, runtime);
  const space = sweepSpace(c);
  const id = sweepStudyId(c);
  const minimize = sweepMinimize(c);
  let bars = runtime.bars;
  if (bars === undefined) {
    try {
      bars = await loadDataRef(c.data);
    } catch (e) {
      if (runtime.catalog !== undefined) throw e;
    }
  }
  const tLoaded = performance.now();
  const fingerprint: DataFingerprint | undefined = bars !== undefined ? fingerprintBars(bars) : undefined;
  const catalog = runtime.catalog;
  if (catalog !== undefined)
    await catalog.recordStudy({ id, name: c.study, kind: "sweep", config: c, data: [fingerprint!] });
  const table = await ResultsTable.open(c.out, sweepParamColumns(space));

  // Enumerate the parameter sets (specs kept for the keys still missing).
  const source =
    runtime.candidates ??
    (c.search.kind === "random" ? randomSearch(space, c.search.n, c.search.seed) : grid(space));
  const total = runtime.candidates?.length ?? sweepCount(c, space);
  const meta = new Map<string, { seq: number; params: Params; spec: RunSpec }>();
  let skipped = 0;
  let seq = 0;
  for (const params of source) {
    const spec = sweepRunSpec(c, params);
    const key = runKey(spec);
    if (table.has(key) || meta.has(key)) skipped++;
    else meta.set(key, { seq, params, spec });
    seq++;
  }

  const top = new TopRuns(c.objective, minimize);
  const buffer: ResultRow[] = [];
  const workers = new Set<string>();
  let executed = 0;
  let failed = 0;
  const tStart = performance.now();
  const flush = async (force: boolean) => {
    while (buffer.length >= c.partSize || (force && buffer.length > 0)) {
      const rows = buffer.splice(0, c.partSize);
      await table.writePart(rows);
      if (catalog !== undefined) await catalog.recordRuns(id, rows, fingerprint!);
    }
  };
  let summary: StudySummary;
  try {
    summary = await submitStudy<RunSpec, RunResult>({
      nats: runtime.nats,
      studyId: id,
      jobs: (function* () {
        for (const [key, m] of meta) yield { key, spec: m.spec };
      })(),
      ...(runtime.signal !== undefined ? { signal: runtime.signal } : {}),
      ...(runtime.streams !== undefined ? { streams: runtime.streams } : {}),
      ...(runtime.idleTimeoutMs !== undefined ? { idleTimeoutMs: runtime.idleTimeoutMs } : {}),
      onResult: async (r) => {
        const m = meta.get(r.key);
        if (m === undefined) return;
        meta.delete(r.key);
        if (!r.ok) failed++;
        executed++;
        if (r.worker !== "") workers.add(r.worker.slice(0, r.worker.lastIndexOf(":")));
        const row = sweepResultRow(
          c,
          { key: r.key, seq: m.seq, params: m.params, spec: canonicalJson(m.spec) },
          r.ok
            ? { metrics: r.result.metrics, error: null, ms: r.ms }
            : { metrics: null, error: r.error, ms: r.ms },
        );
        top.add(row);
        buffer.push(row);
        await flush(false);
      },
      onProgress: (p) =>
        runtime.onProgress?.({
          done: skipped + executed,
          total,
          skipped,
          executed,
          failed,
          elapsedMs: p.elapsedMs,
          etaMs: p.etaMs,
        }),
    });
  } finally {
    try {
      await flush(true); // what arrived is written even when collection failed
    } finally {
      await table.close();
    }
  }
  const tEnd = performance.now();
  const result = new SweepSummary({
    ...sweepIdentity(c),
    out: table.dir,
    total,
    executed,
    skipped,
    failed,
    aborted: summary.aborted,
    workers: workers.size,
    bars: bars?.length ?? Number.NaN,
    top: top.list,
    timings: { loadMs: tLoaded - t0, poolStartMs: 0, runMs: tEnd - tStart, totalMs: tEnd - t0 },
  });
  if (catalog !== undefined)
    await catalog.finishStudy(id, summary.aborted ? "aborted" : "complete", result.toJSON());
  return result;
}

/** A successive-halving sweep on NATS workers: every rung is a {@link runSweepOnNats} over `candidates`. */
async function halvingOnNats(c: SweepConfig, runtime: NatsSweepRuntime): Promise<SweepSummary> {
  let bars: Bars;
  try {
    bars = runtime.bars ?? (await loadDataRef(c.data));
  } catch (e) {
    throw new QuantkitError(
      `successive halving on NATS needs the data readable by the submitter too (for the rungs' cut points): ${(e as Error).message}`,
    );
  }
  const { summary } = await sweepByHalving(
    c,
    bars,
    (rc, candidates, onProgress) => runSweepOnNats(rc, { ...runtime, bars, candidates, onProgress }),
    {
      ...(runtime.catalog !== undefined ? { catalog: runtime.catalog } : {}),
      ...(runtime.onProgress !== undefined ? { onProgress: runtime.onProgress } : {}),
    },
  );
  return summary;
}
