import { QuantkitError, ValidationError } from "@quantkit/core";
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
 * The handler `quantkit worker` runs: validates each job's {@link RunSpec} (a bad spec is terminated at once with
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
        const s = checkRunJob(spec, ctx.key);
        const data = await cache.get(s.data);
        return executeRun(s, data.bars, { key: ctx.key, cache: data.indicators, returns });
      },
      close: async () => undefined,
    };
  }
  const pool = new RunThreadPool(threads);
  return {
    handler: async (spec, ctx): Promise<RunResult> => {
      const s = checkRunJob(spec, ctx.key);
      try {
        return await pool.run(s, ctx.key, returns);
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
