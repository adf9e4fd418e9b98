import { createStrategy, type Strategy } from "@quantkit/backtest";
import { type Bars, parseWith, QuantkitError } from "@quantkit/core";
import { rsi, sma } from "@quantkit/indicators";
import { z } from "zod";
import type { SpaceDescription } from "../space/dimension.js";
import type { RunMetrics } from "./executeRun.js";
import { type FusedCosts, smaCrossRunMetrics } from "./fusedRun.js";
import type { IndicatorCache } from "./indicatorCache.js";

/** Entry/exit signal columns (1 = signal at that bar's close) for `backtestSignals`. */
export interface Signals {
  readonly entries: Uint8Array;
  readonly exits: Uint8Array;
}

/** Context handed to a vectorized implementation: the shared indicator cache (keys must include the range). */
export interface VectorContext {
  readonly cache: IndicatorCache;
  /** Prefix for cache keys identifying the bars/range the run sees (e.g. `"0:1000000"`). */
  readonly scope: string;
  /**
   * Reusable signal buffers of length `n` with arbitrary contents (the strategy writes every element), valid until
   * the run ends. `executeRun` passes one per thread: a fresh 2 × n-byte allocation per run cost ~1/3 of a 1M-bar
   * run and kept two sweep workers from scaling (page faults and unmaps in one process). Absent: allocate.
   */
  readonly signals?: (n: number) => Signals;
}

function signalBuffers(ctx: VectorContext, n: number): Signals {
  return ctx.signals ? ctx.signals(n) : { entries: new Uint8Array(n), exits: new Uint8Array(n) };
}

/**
 * A strategy the studies can sweep: a name, a zod parameter schema, a default search space, a vectorized
 * implementation (signals for `backtestSignals`) and an event-driven one (a `Strategy` for the engine). Both
 * implementations take the same decisions, so both engines give the same equity.
 */
export interface StudyStrategy {
  readonly name: string;
  readonly description: string;
  /** Validates a params record (defaults filled). */
  readonly params: z.ZodType<Record<string, number | string | boolean>>;
  /** A sensible default search space for sweeps. */
  readonly space: SpaceDescription;
  /** Constraint of the space (e.g. fast < slow); parameter sets failing it are not enumerated. */
  readonly constraint?: (p: Readonly<Record<string, number | string | boolean>>) => boolean;
  /** Entry/exit signals over `bars` (indicators through `ctx.cache`). */
  vectorized(bars: Bars, params: Record<string, number | string | boolean>, ctx: VectorContext): Signals;
  /**
   * Optional single-pass kernel: the run's metrics straight from the bars (signals, fills, equity and metric sums
   * fused, no column written). `executeRun` uses it for vectorized runs that do not ask for per-bar returns; it must
   * equal `equityMetrics(backtestSignals(bars, vectorized(…)).equity, …)` bit for bit. Without it, `executeRun`
   * fuses only the fills and metrics over the `vectorized` signals. A strategy spread from another one with a new
   * `vectorized` (`{ ...smaCrossStudy, vectorized }`) must drop or replace this kernel too.
   */
  vectorizedMetrics?(
    bars: Bars,
    params: Record<string, number | string | boolean>,
    costs: FusedCosts,
    periodsPerYear: number,
  ): RunMetrics;
  /** A fresh event-driven strategy trading `qty` units per entry. */
  event(params: Record<string, number | string | boolean>, qty: number): Strategy;
}

const smaParams = z
  .object({
    /** Fast SMA window in bars (≥ 2). Default 10. */
    fast: z.number().int().min(2).default(10),
    /** Slow SMA window in bars (> fast). Default 30. */
    slow: z.number().int().min(3).default(30),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { message: "fast must be < slow", path: ["fast"] });

const rsiParams = z
  .object({
    /** RSI period in bars (≥ 2). Default 14. */
    period: z.number().int().min(2).default(14),
    /** Enter long when RSI < oversold. Default 30. */
    oversold: z.number().min(0).max(100).default(30),
    /** Exit when RSI > exit. Default 55. */
    exit: z.number().min(0).max(100).default(55),
  })
  .strict()
  .refine((p) => p.oversold < p.exit, { message: "oversold must be < exit", path: ["oversold"] });

/** Entry where fast − slow turns positive, exit where it turns negative (same rule as backtest's crossSignals). */
function crossInto(fast: Float64Array, slow: Float64Array, out: Signals): Signals {
  const n = fast.length;
  const { entries, exits } = out;
  let prev = Number.NaN;
  for (let i = 0; i < n; i++) {
    const d = fast[i]! - slow[i]!;
    let entry = 0;
    let exit = 0;
    if (!Number.isNaN(prev) && !Number.isNaN(d)) {
      if (prev <= 0 && d > 0) entry = 1;
      else if (prev >= 0 && d < 0) exit = 1;
    }
    entries[i] = entry;
    exits[i] = exit;
    prev = d;
  }
  return out;
}

/**
 * SMA crossover (long/flat): long when the fast SMA of closes crosses above the slow one, flat when it crosses
 * below. Event implementation: backtest's `SmaCross`.
 *
 * @example
 * smaCrossStudy.params.parse({ fast: 5, slow: 20 }) // → { fast: 5, slow: 20 }
 */
export const smaCrossStudy: StudyStrategy = {
  name: "sma-cross",
  description:
    "SMA crossover, long when fast SMA > slow SMA (crossings at the close, fills at the next open)",
  params: smaParams as unknown as z.ZodType<Record<string, number | string | boolean>>,
  space: { fast: { int: [5, 50], step: 5 }, slow: { int: [20, 200], step: 20 } },
  constraint: (p) => (p.fast as number) < (p.slow as number),
  vectorized(bars, params, ctx) {
    const f = params.fast as number;
    const s = params.slow as number;
    const close = bars.close;
    const fast = ctx.cache.get(`${ctx.scope}:sma:${f}`, () => sma(close, { period: f }));
    const slow = ctx.cache.get(`${ctx.scope}:sma:${s}`, () => sma(close, { period: s }));
    return crossInto(fast, slow, signalBuffers(ctx, close.length));
  },
  vectorizedMetrics(bars, params, costs, periodsPerYear) {
    // both SMAs as running sums inside the one pass: no SMA column, signal or equity column is read or written
    return smaCrossRunMetrics(
      bars.open,
      bars.close,
      params.fast as number,
      params.slow as number,
      costs,
      periodsPerYear,
    );
  },
  event(params, qty) {
    return createStrategy({
      strategy: "sma-cross",
      params: { fast: params.fast as number, slow: params.slow as number, sizing: { qty } },
    });
  },
};

/**
 * RSI mean reversion (long/flat): buy when Wilder's RSI drops below `oversold`, sell when it rises above `exit`.
 * Event implementation: backtest's `RsiReversion`.
 *
 * @example
 * rsiReversionStudy.params.parse({}) // → { period: 14, oversold: 30, exit: 55 }
 */
export const rsiReversionStudy: StudyStrategy = {
  name: "rsi-reversion",
  description: "RSI mean reversion, long below `oversold` until RSI rises above `exit`",
  params: rsiParams as unknown as z.ZodType<Record<string, number | string | boolean>>,
  space: {
    period: { int: [5, 30], step: 5 },
    oversold: { int: [20, 40], step: 5 },
    exit: { int: [50, 70], step: 10 },
  },
  constraint: (p) => (p.oversold as number) < (p.exit as number),
  vectorized(bars, params, ctx) {
    const period = params.period as number;
    const lo = params.oversold as number;
    const hi = params.exit as number;
    const close = bars.close;
    const r = ctx.cache.get(`${ctx.scope}:rsi:${period}`, () => rsi(close, { period }));
    const n = r.length;
    const out = signalBuffers(ctx, n);
    const { entries, exits } = out;
    for (let i = 0; i < n; i++) {
      const v = r[i]!;
      entries[i] = v < lo ? 1 : 0;
      exits[i] = v >= lo && v > hi ? 1 : 0;
    }
    return out;
  },
  event(params, qty) {
    return createStrategy({
      strategy: "rsi-reversion",
      params: {
        period: params.period as number,
        oversold: params.oversold as number,
        exit: params.exit as number,
        sizing: { qty },
      },
    });
  },
};

const REGISTRY = new Map<string, StudyStrategy>([
  [smaCrossStudy.name, smaCrossStudy],
  [rsiReversionStudy.name, rsiReversionStudy],
]);

/**
 * Names of the strategies studies can run.
 *
 * @example
 * studyStrategyNames() // → ["sma-cross", "rsi-reversion"]
 */
export function studyStrategyNames(): string[] {
  return [...REGISTRY.keys()];
}

/**
 * Looks a study strategy up by name (throws a QuantkitError listing the known names).
 *
 * @example
 * getStudyStrategy("sma-cross").space // → { fast: { int: [5, 50], step: 5 }, slow: { int: [20, 200], step: 20 } }
 */
export function getStudyStrategy(name: string): StudyStrategy {
  const s = REGISTRY.get(name);
  if (s === undefined)
    throw new QuantkitError(
      `Unknown study strategy "${name}": expected one of ${studyStrategyNames().join(", ")}`,
    );
  return s;
}

/**
 * Registers a custom study strategy (a name already registered throws). Workers must register it too: put the
 * call in a module that the worker imports (see `runSweep`'s `register` option).
 *
 * @example
 * registerStudyStrategy({ ...smaCrossStudy, name: "my-sma" });
 */
export function registerStudyStrategy(s: StudyStrategy): void {
  if (REGISTRY.has(s.name)) throw new QuantkitError(`Study strategy "${s.name}" is already registered`);
  REGISTRY.set(s.name, s);
}

/**
 * Validates `params` against the named strategy's schema (defaults filled; errors name the field).
 *
 * @example
 * parseStudyParams("sma-cross", { fast: 5 }) // → { fast: 5, slow: 30 }
 */
export function parseStudyParams(name: string, params: unknown): Record<string, number | string | boolean> {
  return parseWith(getStudyStrategy(name).params, params, `${name} params`);
}
