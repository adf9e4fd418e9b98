import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { Catalog } from "../catalog/catalog.js";
import { runSweepOnNats } from "../distributed/natsSweep.js";
import { runSpecJobHandler } from "../distributed/runSpecJobHandler.js";
import { StudyWorker, type StudyWorkerStats } from "../distributed/studyWorker.js";
import type { SweepProgress } from "../sweep/runSweep.js";
import type { SweepSummary } from "../sweep/sweepSummary.js";
import { progressPrinter } from "./progressBar.js";
import { loadSweepConfig, type SearchOverride, withSearch } from "./sweepCli.js";

/**
 * zod schema of {@link WorkerCommandOptions}.
 * @example
 * workerCommandOptionsSchema.safeParse({ nats: "nats://127.0.0.1:4222", concurrency: 2 }).success // → true
 */
export const workerCommandOptionsSchema = z
  .object({
    nats: z.string().min(1),
    concurrency: z.number().int().min(1).max(256).optional(),
    ackWaitMs: z.number().int().min(100).optional(),
    maxDeliver: z.number().int().min(1).optional(),
    name: z.string().min(1).optional(),
    verbose: z.boolean().optional(),
    handleSignals: z.boolean().optional(),
  })
  .strict();

/** Options of {@link workerCommand} (`quantkit worker`). */
export interface WorkerCommandOptions {
  /** NATS server URL(s), comma-separated, e.g. `"nats://10.0.0.5:4222"`. */
  nats: string;
  /** Runs executed at once, each on its own worker thread. @default 1 */
  concurrency?: number;
  /** Ack wait of the shared consumer (ms): a job of a dead worker is redelivered after it. @default 30_000 */
  ackWaitMs?: number;
  /** Deliveries of a job before it is reported as failed. @default 5 */
  maxDeliver?: number;
  /** Worker name in results. @default `<hostname>:<pid>` */
  name?: string;
  /** Print one line per job started and finished. @default false */
  verbose?: boolean;
  /** Install SIGINT/SIGTERM handlers (first: drain, second: hand jobs back and exit). @default true */
  handleSignals?: boolean;
}

/**
 * `quantkit worker --nats <url> [--concurrency n]`: a long-running process that pulls run specs from the NATS
 * JetStream study work queue, executes them (`executeRun`, data loaded once per data ref) and publishes the results.
 * Start any number of them, on any host that can reach the NATS server and the data. SIGINT/SIGTERM drains: the
 * jobs in flight finish and are acked, then the process exits; a second signal hands them back (nak) at once.
 *
 * @param options - {@link WorkerCommandOptions} (validated).
 * @returns the worker's counters once it has stopped.
 * @example
 * await workerCommand({ nats: "nats://127.0.0.1:4222", concurrency: 2 }) // runs until Ctrl-C → { done: 120, failed: 0, naked: 0 }
 */
export async function workerCommand(options: WorkerCommandOptions): Promise<StudyWorkerStats> {
  const o = parseWith(workerCommandOptionsSchema, options, "worker options");
  const concurrency = o.concurrency ?? 1;
  const runs = runSpecJobHandler({ threads: concurrency });
  const log = (line: string) => console.error(line);
  const worker = await StudyWorker.start({
    nats: o.nats.split(",").map((s) => s.trim()),
    concurrency,
    handler: o.verbose
      ? (spec, ctx) => {
          console.log(`start ${ctx.studyId} ${ctx.key} delivery ${ctx.delivery}`);
          return runs.handler(spec, ctx);
        }
      : runs.handler,
    streams: {
      ...(o.ackWaitMs !== undefined ? { ackWaitMs: o.ackWaitMs } : {}),
      ...(o.maxDeliver !== undefined ? { maxDeliver: o.maxDeliver } : {}),
    },
    ...(o.name !== undefined ? { name: o.name } : {}),
    log,
    ...(o.verbose
      ? {
          onJob: (e: { key: string; studyId: string; ok: boolean; ms: number }) =>
            console.log(`${e.ok ? "done" : "failed"} ${e.studyId} ${e.key} ${e.ms.toFixed(1)} ms`),
        }
      : {}),
  });
  console.log(
    `quantkit worker ${worker.name}: pulling study jobs from ${o.nats} (concurrency ${concurrency}, ack wait ${worker.settings.ackWaitMs} ms, max deliver ${worker.settings.maxDeliver})`,
  );
  let signals = 0;
  const onSignal = (sig: string) => {
    signals++;
    if (signals === 1) {
      log(`${sig}: draining (finishing the jobs in flight); send it again to hand them back and exit now`);
      void worker.drain();
    } else {
      log(`${sig}: handing the jobs in flight back to the queue`);
      void worker.stop();
    }
  };
  if (o.handleSignals ?? true) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  try {
    await worker.finished;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await runs.close();
  }
  console.log(
    `quantkit worker ${worker.name} stopped: ${worker.stats.done} done, ${worker.stats.failed} failed, ${worker.stats.naked} handed back`,
  );
  return worker.stats;
}

/** Options of {@link sweepNatsCommand} (`quantkit sweep --config <file> --nats <url>`). */
export interface SweepNatsCommandOptions extends SearchOverride {
  /** Path of a YAML or JSON sweep config (see `sweepConfigSchema`). */
  readonly config: string;
  /** NATS server URL(s), comma-separated. */
  readonly nats: string;
  /** Output folder, overriding the config's `out`. */
  readonly out?: string;
  /** Catalog file (default `defaultCatalogPath()`), or false to not record. */
  readonly catalog?: string | false;
  /** Ctrl-C: stop collecting, write what arrived (queued jobs keep running; rerun to collect them). */
  readonly signal?: AbortSignal;
  /** Fail when no result arrives for this long (ms). @default no limit */
  readonly idleTimeoutMs?: number;
  /** Where lines of output go. @default console.log */
  readonly log?: (line: string) => void;
  /** Progress display (default: a bar on stdout). */
  readonly onProgress?: (p: SweepProgress) => void;
}

/**
 * `quantkit sweep --config <file> --nats <url>`: the sweep of `quantkit sweep`, executed by `quantkit worker`
 * processes through NATS JetStream instead of a local pool; results stream into the same `<out>/results/` Parquet
 * table and catalog, with the same progress bar, `summary.json` and printed summary. Rerunning resumes.
 *
 * @param o - {@link SweepNatsCommandOptions}.
 * @example
 * await sweepNatsCommand({ config: "packages/studies/examples/sma-sweep.yaml", nats: "nats://127.0.0.1:4222" });
 * @see runSweepOnNats
 */
export async function sweepNatsCommand(o: SweepNatsCommandOptions): Promise<SweepSummary> {
  const log = o.log ?? ((l: string) => console.log(l));
  const cfg = { ...withSearch(loadSweepConfig(o.config), o), ...(o.out !== undefined ? { out: o.out } : {}) };
  const catalog = o.catalog === false ? undefined : new Catalog(o.catalog);
  log(`submitting to ${o.nats}: start workers with  quantkit worker --nats ${o.nats}`);
  const summary = await runSweepOnNats(cfg, {
    nats: o.nats.split(",").map((s) => s.trim()),
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
    ...(catalog !== undefined ? { catalog } : {}),
    ...(o.idleTimeoutMs !== undefined ? { idleTimeoutMs: o.idleTimeoutMs } : {}),
    onProgress: o.onProgress ?? progressPrinter(),
  });
  const out = cfg.out ?? "out/sweep";
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "summary.json"), `${JSON.stringify(summary.toJSON(), null, 2)}\n`);
  log(String(summary));
  if (catalog !== undefined)
    log(`  catalog: ${catalog.path} (quantkit runs list --study ${summary.studyId})`);
  if (summary.aborted)
    log(
      "  interrupted: the queued runs keep executing; rerun the same command to collect the missing results",
    );
  return summary;
}
