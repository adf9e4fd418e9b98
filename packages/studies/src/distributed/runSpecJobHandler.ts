import { parseWith, QuantkitError, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { executeRun, type RunResult } from "../run/executeRun.js";
import { parseRunSpec, type RunSpec, runKey } from "../run/runSpec.js";
import { getStudyStrategy, parseStudyParams } from "../run/studyStrategies.js";
import { RunDataCache } from "./runDataCache.js";
import { RunThreadPool } from "./runThreadPool.js";
import { PermanentJobError, type StudyJobHandler } from "./studyWorker.js";

/** Options of {@link runSpecJobHandler}. */
export interface RunSpecJobHandlerOptions {
  /**
   * Worker threads executing runs; 0 runs them on the calling thread (no heartbeats during a run, one run at a
   * time). Use the worker's concurrency. @default 1
   */
  threads?: number;
  /** Also return per-bar returns and timestamps (walk-forward stitching, PBO). @default false */
  returns?: boolean;
  /** Data sets kept loaded per thread. @default 4 */
  dataCacheSize?: number;
}

/** A job handler for run-spec jobs and the resources it holds. */
export interface RunSpecJobHandler {
  readonly handler: StudyJobHandler;
  /** Stops its threads. */
  close(): Promise<void>;
}

/**
 * Validates a job's run spec before it is executed and returns it, or throws a {@link ValidationError} /
 * {@link PermanentJobError} naming what is wrong: the spec fails `runSpecSchema`, its strategy is unknown, its
 * params fail the strategy's schema, or the job key is not `runKey(spec)` (a corrupted or forged job).
 *
 * @param spec - the job's spec (untrusted JSON).
 * @param key - the job's key.
 * @example
 * checkRunJob({ strategy: "nope", data: { kind: "synthetic", seed: 1, length: 10 } }, "k") // throws PermanentJobError: Unknown study strategy "nope"…
 */
export function checkRunJob(spec: unknown, key: string): RunSpec {
  const s = parseRunSpec(spec);
  try {
    getStudyStrategy(s.strategy);
  } catch (e) {
    throw new PermanentJobError((e as Error).message);
  }
  parseStudyParams(s.strategy, s.params);
  const expected = runKey(s);
  if (key !== expected)
    throw new PermanentJobError(
      `job key ${key} is not runKey(spec) = ${expected}: the job is corrupted or forged`,
    );
  return s;
}

/**
 * A run job that also wants the run's per-bar returns (walk-forward's out-of-sample runs, stitched by the
 * submitter): `{ run, returns: true }`. Its job key is still `runKey(run)`; the result is the `RunResult` with
 * `returns` (exact `Float64Array`) and without `ts` (the submitter has the bars).
 */
export interface RunRequest {
  readonly run: RunSpec;
  readonly returns: true;
}

/**
 * zod schema of the envelope of a {@link RunRequest} (the `run` itself is checked by {@link checkRunJob}).
 * @example
 * runRequestSchema.safeParse({ run: {}, returns: false }).success // → false
 */
export const runRequestSchema = z.object({ run: z.unknown(), returns: z.literal(true) }).strict();

/**
 * Validates a run job: a bare {@link RunSpec} (metrics only) or a {@link RunRequest} (metrics and per-bar returns),
 * with the same checks as {@link checkRunJob}.
 *
 * @param spec - the job's spec (untrusted JSON).
 * @param key - the job's key (must be `runKey` of the run).
 * @returns the validated run and whether per-bar returns are wanted.
 * @example
 * parseRunJob({ run: spec, returns: true }, runKey(spec)).returns // → true
 */
export function parseRunJob(spec: unknown, key: string): { run: RunSpec; returns: boolean } {
  if (spec !== null && typeof spec === "object" && "run" in spec) {
    const r = parseWith(runRequestSchema, spec, "run request");
    return { run: checkRunJob(r.run, key), returns: true };
  }
  return { run: checkRunJob(spec, key), returns: false };
}

/** The result of a {@link RunRequest}: per-bar returns kept, timestamps dropped (half the message). */
function withoutTs(r: RunResult): RunResult {
  const { ts: _ts, ...rest } = r;
  return rest;
}

/**
 * The handler `quantkit worker` runs: validates each job's {@link RunSpec} or {@link RunRequest} (a bad spec is terminated at once with
 * the reason, never retried), loads its data once per data ref (cached per thread), executes it with `executeRun`
 * on a worker thread (so in-progress heartbeats keep flowing during long runs) and returns the `RunResult`.
 * Errors loading data are transient (retried, possibly on another host); errors inside a run are reported.
 *
 * @param options - {@link RunSpecJobHandlerOptions}.
 * @example
 * const h = runSpecJobHandler({ threads: 2 });
 * const w = await StudyWorker.start({ nats: url, handler: h.handler, concurrency: 2 });
 * @see executeRun
 */
export function runSpecJobHandler(options: RunSpecJobHandlerOptions = {}): RunSpecJobHandler {
  const threads = options.threads ?? 1;
  const returns = options.returns ?? false;
  if (threads === 0) {
    const cache = new RunDataCache(options.dataCacheSize ?? 4);
    return {
      handler: async (spec, ctx) => {
        const job = parseRunJob(spec, ctx.key);
        const data = await cache.get(job.run.data);
        const r = executeRun(job.run, data.bars, {
          key: ctx.key,
          cache: data.indicators,
          returns: returns || job.returns,
        });
        return job.returns && !returns ? withoutTs(r) : r;
      },
      close: async () => undefined,
    };
  }
  const pool = new RunThreadPool(threads);
  return {
    handler: async (spec, ctx): Promise<RunResult> => {
      const job = parseRunJob(spec, ctx.key);
      try {
        const r = await pool.run(job.run, ctx.key, returns || job.returns);
        return job.returns && !returns ? withoutTs(r) : r;
      } catch (e) {
        if (e instanceof ValidationError) throw new PermanentJobError(e.message);
        if (e instanceof QuantkitError && e.name === "ValidationError")
          throw new PermanentJobError(e.message);
        throw e;
      }
    },
    close: () => pool.close(),
  };
}
