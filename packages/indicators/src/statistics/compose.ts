import type { StreamingIndicator } from "../indicator.js";
import { shadowOf } from "../momentum/internal/peek.js";

/**
 * Applies a vectorized indicator to another indicator's output, skipping its warm-up: `f` runs on the part of `x`
 * after its leading NaNs, and the result is placed back at the same positions (NaN before). This is how an
 * indicator of an indicator is computed (`ema(rsi(close))`): moving averages propagate NaN, so feeding them the
 * warm-up NaNs directly would give NaN everywhere. NaNs after the first valid value are passed through to `f`.
 *
 * @param x - an indicator output (leading NaNs = its warm-up).
 * @param f - the outer vectorized indicator, e.g. `(r) => ema(r, { period: 9 })`.
 * @returns a new column the length of `x`.
 * @example
 * afterWarmup(rsi(close, { period: 14 }), (r) => ema(r, { period: 9 })); // NaN for the first 14 + 8 entries
 * @see {@link Chain} for the streaming form.
 */
export function afterWarmup(x: Float64Array, f: (valid: Float64Array) => Float64Array): Float64Array {
  const n = x.length;
  let k = 0;
  while (k < n && Number.isNaN(x[k]!)) k++;
  const out = new Float64Array(n).fill(Number.NaN);
  if (k === n) return out;
  const y = f(x.subarray(k));
  if (y.length !== n - k)
    throw new RangeError(`afterWarmup: f returned ${y.length} values for ${n - k} inputs`);
  out.set(y, k);
  return out;
}

/**
 * Streaming composition of two indicators: `outer` consumes `inner`'s values once `inner` is ready (its warm-up
 * NaNs are not fed to `outer`), so `new Chain(new Rsi(), new Ema({ period: 9 }))` is the streaming form of
 * `afterWarmup(rsi(close), (r) => ema(r, { period: 9 }))` and matches it bit for bit. Lookback is the sum of both.
 * Allocates nothing per update (peek copies both states into a reused shadow).
 *
 * @example
 * const c = new Chain(new Rsi({ period: 14 }), new Ema({ period: 9 }));
 * c.lookback; // → 22
 * @see {@link afterWarmup}
 */
export class Chain<In> implements StreamingIndicator<In> {
  readonly lookback: number;
  private readonly inner: StreamingIndicator<In>;
  private readonly outer: StreamingIndicator<number>;
  private out = Number.NaN;
  /**
   * @param inner - the indicator applied to the raw input.
   * @param outer - the indicator applied to `inner`'s values.
   */
  constructor(inner: StreamingIndicator<In>, outer: StreamingIndicator<number>) {
    this.inner = inner;
    this.outer = outer;
    this.lookback = inner.lookback + outer.lookback;
  }
  update(x: In): number {
    const v = this.inner.update(x);
    if (!this.inner.isReady) return Number.NaN;
    this.out = this.outer.update(v);
    return this.out;
  }
  peek(x: In): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.outer.isReady;
  }
  reset(): void {
    this.inner.reset();
    this.outer.reset();
    this.out = Number.NaN;
  }
}
