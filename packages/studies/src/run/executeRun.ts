import { backtestSignals, Engine } from "@quantkit/backtest";
import { type Bars, sliceBars, timeframeMs } from "@quantkit/core";
import { IndicatorCache } from "./indicatorCache.js";
import { parseRunSpec, type RunSpec, type RunSpecInput, runKey } from "./runSpec.js";
import { getStudyStrategy, parseStudyParams } from "./studyStrategies.js";

/**
 * Headline metrics of one run, all computed the same way for both engines from the equity column (equity at each
 * bar's close) and its per-bar simple returns `r_i = e_i / e_{i−1} − 1` (with `e_{−1}` = initial cash).
 */
export interface RunMetrics {
  /** finalEquity / initialCash − 1. */
  readonly totalReturn: number;
  /** Annualized Sharpe (risk-free 0): mean / sample std (n − 1) of per-bar returns × √periodsPerYear. */
  readonly sharpe: number;
  /** Annualized Sortino (target 0): mean / √(Σ min(0, r)² / N) × √periodsPerYear; +∞ with no losing bar. */
  readonly sortino: number;
  /** Maximum drawdown from the running peak (initial cash included), a positive fraction. */
  readonly maxDrawdown: number;
  /** Annualized volatility: sample std of per-bar returns × √periodsPerYear. */
  readonly volatility: number;
  /** Completed round trips. */
  readonly trades: number;
  /** Fills (entries + exits). */
  readonly fills: number;
  readonly finalEquity: number;
  /** Bars in the run (after `range`). */
  readonly bars: number;
}

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
  /** Indicator cache shared between runs over the same bars (sweeps); default a fresh uncached one. */
  readonly cache?: IndicatorCache;
  /** Precomputed {@link runKey} (saves hashing when the caller has it). */
  readonly key?: string;
  /** Scratch equity buffer of at least the run's length, reused between runs (vectorized engine). */
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
 * strategy's event implementation. Both fill at the next bar's open with the same costs, so they agree.
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
  let equity: Float64Array;
  let fills: number;
  let trades: number;
  if (s.engine === "vectorized") {
    const sig = strategy.vectorized(view, params, {
      cache: options.cache ?? new IndicatorCache(0),
      scope: `${bars.symbol}:${bars.length}:${lo}:${hi}`,
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
  const ppy = o.periodsPerYear ?? defaultPeriodsPerYear(bars.timeframe);
  const returns = options.returns === true ? new Float64Array(equity.length) : undefined;
  const metrics = equityMetrics(equity, o.initialCash, ppy, fills, trades, returns);
  return {
    key,
    metrics,
    timings: { totalMs: clockMs() - t0 },
    ...(returns !== undefined ? { returns, ts: view.ts.slice() } : {}),
  };
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

/**
 * The {@link RunMetrics} of an equity column in one pass (sums of r and r²), optionally writing the per-bar
 * returns into `returnsOut`.
 *
 * @param equity - equity at each bar's close.
 * @param initialCash - equity before the first bar.
 * @param periodsPerYear - annualization factor.
 * @example
 * equityMetrics(Float64Array.of(100, 110, 99), 100, 252, 2, 1).maxDrawdown // → 0.1
 */
export function equityMetrics(
  equity: Float64Array,
  initialCash: number,
  periodsPerYear: number,
  fills: number,
  trades: number,
  returnsOut?: Float64Array,
): RunMetrics {
  const n = equity.length;
  // Plain sums of r and r² (per-bar returns are ~1e-3 with a mean ≪ std, so no cancellation; error ~√n·ε), and a
  // division-free drawdown test: a division only where a new maximum drawdown is set. Flat bars cost nothing.
  let s1 = 0;
  let s2 = 0;
  let down2 = 0;
  let peak = initialCash;
  let mdd = 0;
  let floor = peak; // peak · (1 − mdd): equity below it sets a new maximum drawdown
  let prev = initialCash;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (e === prev) {
      if (returnsOut !== undefined) returnsOut[i] = 0;
      continue;
    }
    const r = e / prev - 1;
    if (returnsOut !== undefined) returnsOut[i] = r;
    s1 += r;
    s2 += r * r;
    if (r < 0) {
      down2 += r * r;
      if (e < floor) {
        mdd = 1 - e / peak;
        floor = peak * (1 - mdd);
      }
    } else if (e > peak) {
      peak = e;
      floor = peak * (1 - mdd);
    }
    prev = e;
  }
  const mean = n > 0 ? s1 / n : Number.NaN;
  const m2 = Math.max(0, s2 - s1 * mean);
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN;
  const dd = n > 0 ? Math.sqrt(down2 / n) : Number.NaN;
  const ann = Math.sqrt(periodsPerYear);
  const finalEquity = n > 0 ? equity[n - 1]! : initialCash;
  return {
    totalReturn: finalEquity / initialCash - 1,
    sharpe: sd > 0 ? (mean / sd) * ann : Number.NaN,
    sortino: dd > 0 ? (mean / dd) * ann : mean > 0 ? Number.POSITIVE_INFINITY : Number.NaN,
    maxDrawdown: n > 0 ? mdd : Number.NaN,
    volatility: sd * ann,
    trades,
    fills,
    finalEquity,
    bars: n,
  };
}
