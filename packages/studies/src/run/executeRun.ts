import { backtestSignals, Engine } from "@quantkit/backtest";
import { type Bars, sliceBars, timeframeMs } from "@quantkit/core";
import { equityMetrics, type RunMetrics } from "./equityMetrics.js";
import { signalsRunMetrics } from "./fusedRun.js";
import { IndicatorCache } from "./indicatorCache.js";
import { parseRunSpec, type RunSpec, type RunSpecInput, runKey } from "./runSpec.js";
import { getStudyStrategy, parseStudyParams, type StudyStrategy } from "./studyStrategies.js";

export { equityMetrics, type RunMetrics };

/** Result of {@link executeRun}. */
export interface RunResult {
  /** {@link runKey} of the spec. */
  readonly key: string;
  readonly metrics: RunMetrics;
  /** Wall time spent in the run, ms (measurement only: it never changes the metrics). */
  readonly timings: { readonly totalMs: number };
  /** Per-bar simple returns aligned with the run's bars (only with `{ returns: true }`). */
  readonly returns?: Float64Array;
  /** The run's bar open times (only with `{ returns: true }`). */
  readonly ts?: Float64Array;
}

/** Extra inputs of {@link executeRun}. */
export interface ExecuteOptions {
  /** Also return the per-bar returns and their timestamps (walk-forward stitching, PBO). Default false. */
  readonly returns?: boolean;
  /**
   * Indicator cache shared between runs over the same bars (sweeps); default a fresh uncached one. Unused by
   * strategies with a single-pass kernel (sma-cross) unless `returns` is asked for.
   */
  readonly cache?: IndicatorCache;
  /** Precomputed {@link runKey} (saves hashing when the caller has it). */
  readonly key?: string;
  /** Scratch equity buffer of at least the run's length, reused between runs (vectorized engine with `returns`). */
  readonly scratch?: Float64Array;
}

/**
 * Index range `[lo, hi)` of the bars whose open time lies in the half-open `[start, end)` (binary search).
 *
 * @example
 * rangeIndices(Float64Array.of(0, 60000, 120000), 60000, 120000) // → [1, 2]
 */
export function rangeIndices(ts: Float64Array, start: number, end: number): [number, number] {
  return [lowerBound(ts, start), lowerBound(ts, end)];
}

function lowerBound(ts: Float64Array, x: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Default annualization: 252 periods for daily bars, 52 for weekly, otherwise the number of bars in a calendar
 * year (365.25 days) — 24/7 markets such as crypto.
 *
 * @example
 * defaultPeriodsPerYear("1h") // → 8766
 */
export function defaultPeriodsPerYear(timeframe: Bars["timeframe"]): number {
  if (timeframe === "1d") return 252;
  if (timeframe === "1w") return 52;
  return (365.25 * 86_400_000) / timeframeMs(timeframe);
}

const clockMs = () => performance.now();

/**
 * Executes ONE run (pure and deterministic: the same spec and bars give the same metrics, bit for bit, on any host
 * and in any worker). `bars` must be the bars `spec.data` resolves to (see `loadDataRef`); `spec.range` selects a
 * half-open slice of them without copying. The vectorized engine computes the strategy's signals (indicators
 * through `options.cache`) and runs backtest's `backtestSignals`; the event engine runs backtest's `Engine` with the
 * strategy's event implementation. Both fill at the next bar's open with the same costs, so they agree. A
 * vectorized run that does not ask for `returns` takes the fused fast path instead: one pass with scalar state and
 * no equity column (`signalsRunMetrics`; for sma-cross also no SMA or signal column, `smaCrossRunMetrics`), whose
 * metrics equal the column path's bit for bit.
 *
 * @param spec - a {@link RunSpec} (validated here).
 * @param bars - the data's bars.
 * @example
 * executeRun({ strategy: "sma-cross", params: { fast: 10, slow: 30 }, data: { kind: "synthetic", seed: 1, length: 5000 } }, randomBars(5000, 1, "SYN")).metrics.fills // → e.g. 188
 * @see https://vectorbt.dev/api/portfolio/base/#vectorbt.portfolio.base.Portfolio.from_signals
 */
export function executeRun(
  spec: RunSpecInput | RunSpec,
  bars: Bars,
  options: ExecuteOptions = {},
): RunResult {
  const t0 = clockMs();
  const s = parseRunSpec(spec);
  const key = options.key ?? runKey(s);
  const strategy = getStudyStrategy(s.strategy);
  const params = parseStudyParams(s.strategy, s.params);
  let lo = 0;
  let hi = bars.length;
  if (s.range !== undefined) [lo, hi] = rangeIndices(bars.ts, s.range.start, s.range.end);
  const view = lo === 0 && hi === bars.length ? bars : sliceBars(bars, lo, hi);
  const o = s.options;
  const ppy = o.periodsPerYear ?? defaultPeriodsPerYear(bars.timeframe);
  const wantReturns = options.returns === true;
  const scope = `${bars.symbol}:${bars.length}:${lo}:${hi}`;
  if (s.engine === "vectorized" && !wantReturns) {
    // Fused fast path: fills, equity and metric sums in one pass with scalar state, no equity column (and, for
    // strategies that provide it, the signals too). Bit-identical to the column path below (property tests).
    const metrics =
      strategy.vectorizedMetrics !== undefined
        ? strategy.vectorizedMetrics(view, params, o, ppy)
        : vectorizedSignalsMetrics(strategy, view, params, options, scope, o, ppy);
    return { key, metrics, timings: { totalMs: clockMs() - t0 } };
  }
  let equity: Float64Array;
  let fills: number;
  let trades: number;
  if (s.engine === "vectorized") {
    const sig = strategy.vectorized(view, params, {
      cache: options.cache ?? new IndicatorCache(0),
      scope,
      signals: threadSignals,
    });
    const out =
      options.scratch !== undefined && options.scratch.length >= view.length
        ? options.scratch.subarray(0, view.length)
        : new Float64Array(view.length);
    const r = backtestSignals(
      view,
      sig.entries,
      sig.exits,
      { initialCash: o.initialCash, qty: o.qty, commission: o.commission, slippageBps: o.slippageBps },
      out,
    );
    equity = r.equity;
    fills = r.fills;
    trades = r.trades;
  } else {
    const r = new Engine({
      bars: [view],
      strategy: strategy.event(params, o.qty),
      portfolio: { initialCash: o.initialCash, commission: o.commission },
      fill: { slippage: o.slippageBps > 0 ? { model: "fixed-bps", bps: o.slippageBps } : { model: "none" } },
      log: "off",
      seed: s.seed,
    }).run();
    equity = r.equity;
    fills = r.fills.length;
    trades = countRoundTrips(r.fills);
  }
  const returns = wantReturns ? new Float64Array(equity.length) : undefined;
  const metrics = equityMetrics(equity, o.initialCash, ppy, fills, trades, returns);
  return {
    key,
    metrics,
    timings: { totalMs: clockMs() - t0 },
    ...(returns !== undefined ? { returns, ts: view.ts.slice() } : {}),
  };
}

function vectorizedSignalsMetrics(
  strategy: StudyStrategy,
  view: Bars,
  params: Record<string, number | string | boolean>,
  options: ExecuteOptions,
  scope: string,
  o: RunSpec["options"],
  ppy: number,
): RunMetrics {
  const sig = strategy.vectorized(view, params, {
    cache: options.cache ?? new IndicatorCache(0),
    scope,
    signals: threadSignals,
  });
  return signalsRunMetrics(view.open, view.close, sig.entries, sig.exits, o, ppy);
}

// One pair of signal buffers per thread (module state is per worker thread), reused by every run: executeRun is
// synchronous and its result never holds the signals, so a later run cannot see an earlier run's buffers change.
let signalEntries = new Uint8Array(0);
let signalExits = new Uint8Array(0);
function threadSignals(n: number): { entries: Uint8Array; exits: Uint8Array } {
  if (signalEntries.length < n) {
    signalEntries = new Uint8Array(n);
    signalExits = new Uint8Array(n);
  }
  return { entries: signalEntries.subarray(0, n), exits: signalExits.subarray(0, n) };
}

function countRoundTrips(fills: readonly { side: string; qty: number }[]): number {
  let pos = 0;
  let n = 0;
  for (const f of fills) {
    const before = pos;
    pos += f.side === "buy" ? f.qty : -f.qty;
    if (before !== 0 && (pos === 0 || Math.sign(pos) !== Math.sign(before))) n++;
  }
  return n;
}
