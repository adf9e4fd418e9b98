import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { runSpecJobHandler } from "../distributed/runSpecJobHandler.js";
import { StudyWorker, type StudyWorkerStats } from "../distributed/studyWorker.js";

/** zod schema of {@link WorkerCommandOptions}. */
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
