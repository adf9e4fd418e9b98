import {
  AckPolicy,
  type ConsumerConfig,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { parseWith } from "@quantkit/core";
import { z } from "zod";

/**
 * JetStream stream holding every study's jobs (`quantkit.study.*.jobs`), work-queue retention.
 * @example
 * (await jsm.streams.info(STUDY_JOBS_STREAM)).state.messages // → jobs not yet acked
 */
export const STUDY_JOBS_STREAM = "QK_STUDY_JOBS";
/**
 * JetStream stream holding every study's results (`quantkit.study.*.results`), limits retention.
 * @example
 * STUDY_RESULTS_STREAM // → "QK_STUDY_RESULTS"
 */
export const STUDY_RESULTS_STREAM = "QK_STUDY_RESULTS";
/**
 * Durable pull consumer shared by all `quantkit worker` processes (explicit acks).
 * @example
 * (await jsm.consumers.info(STUDY_JOBS_STREAM, STUDY_WORKERS_CONSUMER)).num_ack_pending // → jobs being run
 */
export const STUDY_WORKERS_CONSUMER = "QK_STUDY_WORKERS";

/**
 * A study id is one NATS subject token: letters, digits, `_` or `-`.
 * @example
 * studyIdSchema.safeParse("a.b").success // → false
 */
export const studyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "expected 1–128 letters, digits, _ or - (a NATS subject token)");

/**
 * zod schema of {@link StudyStreamOptions}.
 * @example
 * studyStreamOptionsSchema.parse({ ackWaitMs: 5000 }) // → { ackWaitMs: 5000 }
 */
export const studyStreamOptionsSchema = z
  .object({
    ackWaitMs: z.number().int().min(100).optional(),
    maxDeliver: z.number().int().min(1).optional(),
    duplicateWindowMs: z.number().int().min(100).optional(),
    resultsMaxAgeMs: z.number().int().min(0).optional(),
    replicas: z.number().int().min(1).max(5).optional(),
  })
  .strict();

/** Settings of the study streams and the shared worker consumer (the submitter and the workers both apply them). */
export interface StudyStreamOptions {
  /**
   * How long a delivered job may go without an ack or an in-progress heartbeat before it is redelivered (ms). Given
   * explicitly, it updates the shared consumer; omitted, the consumer's current value stays. @default 30_000
   */
  ackWaitMs?: number;
  /** Deliveries of one job before it is given up (reported as failed); updates the consumer like `ackWaitMs`. @default 5 */
  maxDeliver?: number;
  /** Window (ms) in which a re-published job or result with the same message id (its run key) is dropped by the server. @default 3_600_000 */
  duplicateWindowMs?: number;
  /** Results older than this are deleted by the server (ms, 0 = kept). @default 0 */
  resultsMaxAgeMs?: number;
  /** Stream replicas on a clustered server. @default 1 */
  replicas?: number;
}

/** The resolved settings actually applied. */
export interface ResolvedStudyStreams {
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  readonly duplicateWindowMs: number;
}

/**
 * Subject on which a study's jobs are published.
 * @param studyId - the study id (a subject token).
 * @example
 * jobSubject("sma-2026") // → "quantkit.study.sma-2026.jobs"
 */
export function jobSubject(studyId: string): string {
  return `quantkit.study.${parseWith(studyIdSchema, studyId, "study id")}.jobs`;
}

/**
 * Subject on which a study's results are published.
 * @param studyId - the study id (a subject token).
 * @example
 * resultSubject("sma-2026") // → "quantkit.study.sma-2026.results"
 */
export function resultSubject(studyId: string): string {
  return `quantkit.study.${parseWith(studyIdSchema, studyId, "study id")}.results`;
}

/**
 * JetStream message id (`Nats-Msg-Id`) of a study's job or result with this key: the study id and the key, so the
 * server's de-duplication drops a job or result published twice for the same study, while two studies that share a
 * run key (two sweeps differing only in their objective, a walk-forward's in-sample and out-of-sample phases) each
 * get their own job and result.
 * @param studyId - the study id (a subject token).
 * @param key - the job's key (e.g. `runKey(spec)`).
 * @example
 * studyMsgId("sma-2026", "ab12") // → "sma-2026.ab12"
 */
export function studyMsgId(studyId: string, key: string): string {
  return `${studyId}.${key}`;
}

/**
 * The study id of a job or result subject.
 * @param subject - `quantkit.study.<id>.jobs|results`.
 * @example
 * studyIdOfSubject("quantkit.study.s1.jobs") // → "s1"
 */
export function studyIdOfSubject(subject: string): string {
  const parts = subject.split(".");
  return parts[2] ?? "";
}

const NS = 1_000_000;

/**
 * Creates the two study streams and the shared durable worker consumer if missing, and applies the settings given
 * explicitly. Idempotent: the submitter and every worker call it, so either may start first.
 *
 * @param nc - an open NATS connection.
 * @param options - {@link StudyStreamOptions} (validated).
 * @returns the settings in force.
 * @example
 * await ensureStudyStreams(nc, { ackWaitMs: 30_000 }) // → { ackWaitMs: 30000, maxDeliver: 5, duplicateWindowMs: 3600000 }
 * @see https://docs.nats.io/nats-concepts/jetstream/streams#retentionpolicy
 */
export async function ensureStudyStreams(
  nc: NatsConnection,
  options: StudyStreamOptions = {},
): Promise<ResolvedStudyStreams> {
  const o = parseWith(studyStreamOptionsSchema, options, "study stream options");
  const jsm = await jetstreamManager(nc);
  const dupNs = o.duplicateWindowMs !== undefined ? o.duplicateWindowMs * NS : undefined;
  const common = {
    storage: StorageType.File,
    duplicate_window: dupNs ?? 3_600_000 * NS,
    num_replicas: o.replicas ?? 1,
  };
  const jobs = await upsertStream(
    jsm,
    {
      name: STUDY_JOBS_STREAM,
      subjects: ["quantkit.study.*.jobs"],
      retention: RetentionPolicy.Workqueue,
      ...common,
    },
    dupNs,
  );
  await upsertStream(
    jsm,
    {
      name: STUDY_RESULTS_STREAM,
      subjects: ["quantkit.study.*.results"],
      retention: RetentionPolicy.Limits,
      max_age: (o.resultsMaxAgeMs ?? 0) * NS,
      ...common,
    },
    dupNs,
  );
  const consumer: Partial<ConsumerConfig> = {
    durable_name: STUDY_WORKERS_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    ack_wait: (o.ackWaitMs ?? 30_000) * NS,
    max_deliver: o.maxDeliver ?? 5,
    filter_subject: "quantkit.study.*.jobs",
    max_ack_pending: 10_000,
  };
  let cfg: ConsumerConfig;
  try {
    cfg = (await jsm.consumers.info(STUDY_JOBS_STREAM, STUDY_WORKERS_CONSUMER)).config;
    // Only settings given explicitly change an existing consumer (a submitter with defaults never overrides them).
    const update: Partial<ConsumerConfig> = {};
    if (o.ackWaitMs !== undefined && cfg.ack_wait !== consumer.ack_wait)
      update.ack_wait = consumer.ack_wait as number;
    if (o.maxDeliver !== undefined && cfg.max_deliver !== consumer.max_deliver)
      update.max_deliver = consumer.max_deliver as number;
    if (Object.keys(update).length > 0)
      cfg = (await jsm.consumers.update(STUDY_JOBS_STREAM, STUDY_WORKERS_CONSUMER, update)).config;
  } catch (e) {
    if (!isNotFound(e)) throw e;
    cfg = (await jsm.consumers.add(STUDY_JOBS_STREAM, consumer)).config;
  }
  return {
    ackWaitMs: (cfg.ack_wait ?? 30_000 * NS) / NS,
    maxDeliver: cfg.max_deliver ?? -1,
    duplicateWindowMs: (jobs.config.duplicate_window ?? 0) / NS,
  };
}

type Jsm = Awaited<ReturnType<typeof jetstreamManager>>;
type StreamInfo = Awaited<ReturnType<Jsm["streams"]["info"]>>;

async function upsertStream(
  jsm: Jsm,
  cfg: Parameters<Jsm["streams"]["add"]>[0],
  duplicateWindowNs: number | undefined,
): Promise<StreamInfo> {
  let info: StreamInfo;
  try {
    info = await jsm.streams.info(cfg.name as string);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    try {
      return await jsm.streams.add(cfg);
    } catch (e2) {
      // Another process created it in between.
      if (!/already in use|exists/i.test(String(e2))) throw e2;
      info = await jsm.streams.info(cfg.name as string);
    }
  }
  if (duplicateWindowNs !== undefined && info.config.duplicate_window !== duplicateWindowNs)
    info = await jsm.streams.update(cfg.name as string, { duplicate_window: duplicateWindowNs });
  return info;
}

/** True when a JetStream API error says the stream/consumer/message does not exist. */
export function isNotFound(e: unknown): boolean {
  return /not found|no message found|10059|10014|10037/i.test(String((e as Error)?.message ?? e));
}
