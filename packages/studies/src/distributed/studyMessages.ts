import { z } from "zod";

/** One unit of work: a run key (idempotency id, the JetStream message id) and its JSON run spec. */
export interface StudyJob<S = unknown> {
  /** Stable id of the run (e.g. `runKey(spec)`); results are de-duplicated by it. */
  readonly key: string;
  /** What to run; decoded and validated by the worker's handler. */
  readonly spec: S;
}

/** A finished job as published on the results stream. */
export type StudyResult<R = unknown> =
  | {
      readonly key: string;
      readonly ok: true;
      readonly result: R;
      /** Worker that ran it (`host:pid:slot`). */
      readonly worker: string;
      /** Delivery attempt that produced it (1 = first). */
      readonly delivery: number;
      /** Handler wall time (ms). */
      readonly ms: number;
    }
  | {
      readonly key: string;
      readonly ok: false;
      /** Why the job was given up (validation message, last error, max deliveries). */
      readonly error: string;
      readonly worker: string;
      readonly delivery: number;
      readonly ms: number;
    };

/**
 * zod schema of a job message body (the spec itself is validated by the worker's handler).
 * @example
 * studyJobSchema.safeParse({ key: "k", spec: {}, extra: 1 }).success // → false (strict)
 */
export const studyJobSchema = z
  .object({
    key: z.string().min(1).max(256),
    spec: z.unknown().refine((v) => v !== undefined, "expected a spec"),
  })
  .strict();

/**
 * zod schema of a result message body.
 * @example
 * studyResultSchema.parse({ key: "k", ok: false, error: "bad", worker: "h:1:0", delivery: 1, ms: 0 }).ok // → false
 */
export const studyResultSchema = z.discriminatedUnion("ok", [
  z.object({
    key: z.string().min(1),
    ok: z.literal(true),
    result: z.unknown(),
    worker: z.string(),
    delivery: z.number().int().min(0),
    ms: z.number(),
  }),
  z.object({
    key: z.string().min(1),
    ok: z.literal(false),
    error: z.string(),
    worker: z.string(),
    delivery: z.number().int().min(0),
    ms: z.number(),
  }),
]);
