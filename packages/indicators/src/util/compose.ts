import type { StreamingIndicator } from "../indicator.js";
import { nanArray } from "./options.js";

/**
 * Applies a vectorized indicator to the part of `x` after its warm-up, so indicators compose:
 * `skipWarmup(rsi(close), (y) => ema(y, { period: 9 }))`. Without it, an SMA-seeded EMA of a series that starts
 * with NaNs would be NaN everywhere (NaN propagates). The result has the length of `x`, NaN before `start` and
 * during the second indicator's own warm-up. NaNs after `start` still propagate (nothing is skipped or filled).
 *
 * @param x - a column whose first `start` values are warm-up NaNs (typically another indicator's output).
 * @param f - the vectorized indicator to apply.
 * @param start - where the data begins; default: the first non-NaN index (the upstream lookback).
 * @example
 * skipWarmup(sma(close, { period: 5 }), (y) => ema(y, { period: 3 })); // first valid at 4 + 2 = 6
 * @see {@link Chain}, its streaming counterpart.
 */
export function skipWarmup(
  x: Float64Array,
  f: (x: Float64Array) => Float64Array,
  start?: number,
): Float64Array {
  let s = start ?? 0;
  if (start === undefined) while (s < x.length && Number.isNaN(x[s]!)) s++;
  const out = nanArray(x.length);
  if (s < x.length) out.set(f(x.subarray(s)), s);
  return out;
}

/**
 * A streaming indicator of an indicator: `second` receives `first`'s values once `first` is ready, so
 * `new Chain(new Rsi({ period: 14 }), new Ema({ period: 9 }))` equals
 * `skipWarmup(rsi(close, { period: 14 }), (y) => ema(y, { period: 9 }))` bit for bit. Lookback is the sum of both.
 *
 * @example
 * const c = new Chain(new Sma({ period: 5 }), new Ema({ period: 3 })); for (const x of close) c.update(x); c.value;
 * @see {@link skipWarmup}
 */
export class Chain<In> implements StreamingIndicator<In> {
  readonly lookback: number;
  private readonly first: StreamingIndicator<In>;
  private readonly second: StreamingIndicator<number>;

  /**
   * @param first - the upstream indicator (fed the raw input).
   * @param second - the downstream indicator (fed `first`'s values after its warm-up).
   */
  constructor(first: StreamingIndicator<In>, second: StreamingIndicator<number>) {
    this.first = first;
    this.second = second;
    this.lookback = first.lookback + second.lookback;
  }

  update(x: In): number {
    const v = this.first.update(x);
    if (!this.first.isReady) return Number.NaN;
    return this.second.update(v);
  }

  peek(x: In): number {
    const v = this.first.peek(x);
    // NaN here is either first's warm-up or a propagated NaN: the chained result is NaN in both cases.
    return Number.isNaN(v) ? Number.NaN : this.second.peek(v);
  }

  get value(): number {
    return this.second.value;
  }

  get isReady(): boolean {
    return this.second.isReady;
  }

  reset(): void {
    this.first.reset();
    this.second.reset();
  }
}
