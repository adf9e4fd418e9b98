import type { Bars } from "@quantkit/core";
import { executeRun, type RunMetrics } from "../run/executeRun.js";
import type { IndicatorCache } from "../run/indicatorCache.js";
import type { RunSpec } from "../run/runSpec.js";

/** One run to execute in a pool: the validated spec and its key. */
export interface TaskItem {
  readonly key: string;
  readonly spec: RunSpec;
}

/** The outcome of one {@link TaskItem}: metrics, or the error message when the run threw. */
export interface TaskResult {
  readonly key: string;
  readonly metrics: RunMetrics | null;
  readonly error: string | null;
  /** Milliseconds spent in the run. */
  readonly ms: number;
  readonly returns?: Float64Array;
  readonly ts?: Float64Array;
}

/** Scratch state a worker keeps between tasks. */
export interface TaskState {
  readonly cache: IndicatorCache;
  scratch: Float64Array;
}

/**
 * Executes a batch of runs over the same bars (what a pool worker does for one task): a run that throws becomes
 * a result carrying its error message instead of failing the batch.
 *
 * @example
 * runTask(bars, [{ key, spec }], { cache: new IndicatorCache(), scratch: new Float64Array(0) }, false)[0].metrics.sharpe
 */
export function runTask(
  bars: Bars,
  items: readonly TaskItem[],
  state: TaskState,
  returns: boolean,
): TaskResult[] {
  if (state.scratch.length < bars.length) state.scratch = new Float64Array(bars.length);
  const out: TaskResult[] = [];
  for (const it of items) {
    try {
      const r = executeRun(it.spec, bars, {
        key: it.key,
        cache: state.cache,
        scratch: state.scratch,
        returns,
      });
      out.push({
        key: it.key,
        metrics: r.metrics,
        error: null,
        ms: r.timings.totalMs,
        ...(r.returns !== undefined ? { returns: r.returns, ts: r.ts! } : {}),
      });
    } catch (e) {
      out.push({ key: it.key, metrics: null, error: e instanceof Error ? e.message : String(e), ms: 0 });
    }
  }
  return out;
}
