import {
  DeliverPolicy,
  type JetStreamClient,
  jetstream,
  jetstreamManager,
  type PubAck,
} from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { parseWith, QuantkitError } from "@quantkit/core";
import { z } from "zod";
import { type StudyJob, type StudyResult, studyJobSchema, studyResultSchema } from "./studyMessages.js";
import {
  ensureStudyStreams,
  isNotFound,
  jobSubject,
  resultSubject,
  STUDY_JOBS_STREAM,
  STUDY_RESULTS_STREAM,
  STUDY_WORKERS_CONSUMER,
  type StudyStreamOptions,
  studyIdSchema,
  studyMsgId,
} from "./studyStreams.js";
import { decodeWire, encodeWire } from "./wireJson.js";

/** Progress of a distributed study, reported after every collected result. */
export interface StudyProgress {
  /** Keys with a result (ok or failed), including those already present before this submission. */
  readonly done: number;
  /** Keys given up (failed results). */
  readonly failed: number;
  /** Keys in the study. */
  readonly total: number;
  /** Elapsed wall time of this submission (ms). */
  readonly elapsedMs: number;
  /** Estimated time to completion from the rate of results collected in this submission (ms; NaN before the first). */
  readonly etaMs: number;
}

/** What {@link submitStudy} did. */
export interface StudySummary {
  readonly studyId: string;
  /** Distinct keys in the study. */
  readonly total: number;
  /** Keys skipped because the caller already had them (`existingKeys`). */
  readonly alreadyLocal: number;
  /** Keys whose result was already on the results stream (written through `onResult` without re-running). */
  readonly alreadyPublished: number;
  /** Jobs published now (only the missing keys). */
  readonly published: number;
  /** Of those, jobs the server dropped as duplicates of a job still queued (same key within the window). */
  readonly duplicateJobs: number;
  /** Result messages discarded because their key was already written (redeliveries). */
  readonly duplicateResults: number;
  /** Keys whose result is a failure. */
  readonly failed: number;
  /** Results passed to `onResult` (each key at most once). */
  readonly written: number;
  readonly elapsedMs: number;
  /** True when the signal stopped the collection before every key had a result. */
  readonly aborted: boolean;
}

/**
 * zod schema of the plain options of {@link submitStudy}.
 * @example
 * submitStudyOptionsSchema.safeParse({ studyId: "has space" }).success // → false
 */
export const submitStudyOptionsSchema = z
  .object({
    studyId: studyIdSchema,
    idleTimeoutMs: z.number().int().min(1).optional(),
    publishBatch: z.number().int().min(1).optional(),
  })
  .passthrough();

/** Options of {@link submitStudy}. */
export interface SubmitStudyOptions<S, R> {
  /** NATS server URL(s) or an open connection (not closed by the submitter). */
  nats: string | string[] | NatsConnection;
  /** Study id (a subject token): jobs go to `quantkit.study.<id>.jobs`, results come from `.results`. */
  studyId: string;
  /** The study's runs; keys must be unique (a repeated key with the same spec is counted once). */
  jobs: Iterable<StudyJob<S>>;
  /** Keys the caller already has (its local results table, e.g. a `ResultsTable`): neither published nor written again. */
  existingKeys?: { has(key: string): boolean };
  /** Writes one result; called exactly once per missing key, in arrival order, awaited before the next. */
  onResult: (result: StudyResult<R>) => void | Promise<void>;
  /** Called after every written result. */
  onProgress?: (p: StudyProgress) => void;
  /**
   * Aborting stops collecting and resolves with `aborted: true` after the results written so far (queued jobs stay
   * queued and keep running; resubmitting later writes their results without re-running them).
   */
  signal?: AbortSignal;
  /** Stream settings (must match the workers'). */
  streams?: StudyStreamOptions;
  /** Fail when no result arrives for this long (ms). @default no limit */
  idleTimeoutMs?: number;
  /** Jobs published before awaiting their acks. @default 256 */
  publishBatch?: number;
}

/**
 * Submits a study to NATS JetStream and collects its results: reads the results already on
 * `quantkit.study.<id>.results` (so a resubmission publishes only the keys still missing), publishes each missing job
 * on `quantkit.study.<id>.jobs` with `<study id>.<key>` as `Nats-Msg-Id` (a job of this study still queued is de-duplicated by the server),
 * then writes each result exactly once through `onResult` (redelivered duplicates are discarded by key) until every
 * key has a result. Jobs that exhaust their deliveries without any result (e.g. they crash every worker) are
 * reported as failures from the server's max-deliveries advisory.
 *
 * @param options - {@link SubmitStudyOptions}.
 * @returns counts of what was published, skipped, collected and discarded.
 * @example
 * const s = await submitStudy({ nats: url, studyId: "sma", jobs: specs.map((spec) => ({ key: runKey(spec), spec })),
 *   onResult: (r) => table.write(r) });
 * s.written // → number of new results
 * @see https://docs.nats.io/using-nats/developer/develop_jetstream/model_deep_dive#exactly-once-semantics
 */
export async function submitStudy<S, R = unknown>(options: SubmitStudyOptions<S, R>): Promise<StudySummary> {
  const o = parseWith(submitStudyOptionsSchema, options, "submitStudy options");
  const t0 = performance.now();
  const studyId = o.studyId;
  const owns = typeof options.nats === "string" || Array.isArray(options.nats);
  const nc: NatsConnection = owns
    ? await connect({
        servers: options.nats as string | string[],
        name: "quantkit-submit",
        maxReconnectAttempts: -1,
      })
    : (options.nats as NatsConnection);
  try {
    await ensureStudyStreams(nc, options.streams);
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);

    // The study's keys (specs kept only for the keys that may need publishing).
    const existing: { has(key: string): boolean } = options.existingKeys ?? new Set<string>();
    const pending = new Map<string, S>();
    let alreadyLocal = 0;
    for (const job of options.jobs) {
      parseWith(studyJobSchema, job, "study job");
      if (existing.has(job.key)) {
        alreadyLocal++;
        continue;
      }
      pending.set(job.key, job.spec);
    }
    const total = pending.size + alreadyLocal;
    const state = {
      written: 0,
      failed: 0,
      duplicateResults: 0,
      alreadyPublished: 0,
      caughtUp: false,
      writtenAtCatchUp: 0,
      tCatchUp: 0,
    };
    let aborted = false;
    const progress = () => {
      const done = alreadyLocal + state.written;
      const elapsedMs = performance.now() - t0;
      const newDone = state.written - state.writtenAtCatchUp;
      const rate =
        state.caughtUp && newDone > 0 ? newDone / (performance.now() - state.tCatchUp) : Number.NaN;
      options.onProgress?.({
        done,
        failed: state.failed,
        total,
        elapsedMs,
        etaMs: done >= total ? 0 : (total - done) / rate,
      });
    };

    // Where the existing results end.
    let lastSeq = 0;
    try {
      const last = await jsm.streams.getMessage(STUDY_RESULTS_STREAM, {
        last_by_subj: resultSubject(studyId),
      });
      lastSeq = last?.seq ?? 0;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }

    let resolveDone!: () => void;
    let rejectDone!: (e: Error) => void;
    const done = new Promise<void>((res, rej) => {
      resolveDone = res;
      rejectDone = rej;
    });
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((r) => {
      resolveCaughtUp = r;
    });
    const markCaughtUp = () => {
      if (state.caughtUp) return;
      state.caughtUp = true;
      state.writtenAtCatchUp = state.written;
      state.alreadyPublished = state.written;
      state.tCatchUp = performance.now();
      resolveCaughtUp();
    };
    if (lastSeq === 0) markCaughtUp();

    let lastActivity = performance.now();
    const write = async (r: StudyResult<R>) => {
      if (aborted) return;
      if (!pending.has(r.key)) {
        state.duplicateResults++;
        return;
      }
      pending.delete(r.key);
      if (!r.ok) state.failed++;
      state.written++;
      lastActivity = performance.now();
      await options.onResult(r);
      progress();
      if (pending.size === 0 && state.caughtUp) resolveDone();
    };

    // Collector: an ordered consumer over this study's results, from the first one.
    const consumer = await js.consumers.get(STUDY_RESULTS_STREAM, {
      filter_subjects: resultSubject(studyId),
      deliver_policy: DeliverPolicy.All,
    });
    const messages = await consumer.consume();
    const collecting = (async () => {
      try {
        for await (const m of messages) {
          let r: StudyResult<R> | undefined;
          try {
            r = parseWith(
              studyResultSchema,
              decodeWire(m.string()),
              "study result message",
            ) as StudyResult<R>;
          } catch (e) {
            state.duplicateResults++; // unreadable: never written
            process.emitWarning(`quantkit: ignored result seq ${m.seq}: ${(e as Error).message}`);
          }
          if (r) await write(r);
          if (!state.caughtUp && m.seq >= lastSeq) {
            markCaughtUp();
            if (pending.size === 0) resolveDone();
          }
        }
      } catch (e) {
        rejectDone(e as Error);
      }
    })();

    // Max-deliveries advisories: a job that never produced a result is reported as failed.
    const advisory = nc.subscribe(
      `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${STUDY_JOBS_STREAM}.${STUDY_WORKERS_CONSUMER}`,
      {
        callback: (_err, msg) => {
          void (async () => {
            try {
              const a = msg.json<{ stream_seq: number; deliveries: number }>();
              const sm = await jsm.streams.getMessage(STUDY_JOBS_STREAM, { seq: a.stream_seq });
              if (sm === null || sm.subject !== jobSubject(studyId)) return;
              const job = decodeWire(sm.string()) as { key?: string };
              if (typeof job.key !== "string" || !pending.has(job.key)) return;
              await write({
                key: job.key,
                ok: false,
                error: `no result after ${a.deliveries} deliveries (max_deliver reached; workers died or timed out)`,
                worker: "",
                delivery: a.deliveries,
                ms: 0,
              });
            } catch {
              // message already gone (it was acked or terminated after all)
            }
          })();
        },
      },
    );

    const onAbort = () => {
      aborted = true;
      resolveDone();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const idle = o.idleTimeoutMs
      ? setInterval(
          () => {
            if (performance.now() - lastActivity > (o.idleTimeoutMs as number))
              rejectDone(
                new QuantkitError(
                  `study ${studyId}: no result for ${o.idleTimeoutMs} ms (${pending.size} of ${total} keys missing; are workers running?)`,
                ),
              );
          },
          Math.min(1000, o.idleTimeoutMs),
        )
      : undefined;

    let published = 0;
    let duplicateJobs = 0;
    try {
      await Promise.race([caughtUp, done]);
      if (aborted) pending.clear();
      // Publish only the keys still missing.
      const batch = o.publishBatch ?? 256;
      let acks: Promise<PubAck>[] = [];
      const settle = async () => {
        for (const a of await Promise.all(acks)) {
          if (a.duplicate) duplicateJobs++;
          else published++;
        }
        acks = [];
      };
      const subject = jobSubject(studyId);
      for (const [key, spec] of [...pending]) {
        if (aborted) break;
        acks.push(publishJob(js, subject, studyMsgId(studyId, key), key, spec));
        if (acks.length >= batch) await settle();
        lastActivity = performance.now();
      }
      await settle();
      if (pending.size === 0) resolveDone();
      await done;
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
      if (idle) clearInterval(idle);
      advisory.unsubscribe();
      messages.stop();
      await collecting.catch(() => undefined);
    }
    return {
      studyId,
      total,
      alreadyLocal,
      alreadyPublished: state.alreadyPublished,
      published,
      duplicateJobs,
      duplicateResults: state.duplicateResults,
      failed: state.failed,
      written: state.written,
      elapsedMs: performance.now() - t0,
      aborted,
    };
  } finally {
    if (owns) await nc.close();
  }
}

function publishJob<S>(
  js: JetStreamClient,
  subject: string,
  msgID: string,
  key: string,
  spec: S,
): Promise<PubAck> {
  return js.publish(subject, encodeWire({ key, spec }), { msgID });
}
