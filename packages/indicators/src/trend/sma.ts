import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { parseOptions, periodSchema } from "../util/options.js";

/** Options of {@link sma} / {@link Sma}. */
export const smaOptions = z
  .object({
    /** Window length in bars, 2…100000 (TA-Lib range). Default 30 (TA-Lib). */
    period: periodSchema(2, 30),
  })
  .strict();
/** Options of {@link sma} / {@link Sma}. */
export type SmaOptions = z.input<typeof smaOptions>;

/** Lookback of SMA: `period − 1`. */
export function smaLookback(options?: SmaOptions): number {
  return parseOptions(smaOptions, options, "SMA").period - 1;
}

/**
 * Simple moving average: the arithmetic mean of the last `period` values,
 * `SMA_t = (x_{t−p+1} + … + x_t) / p`, computed with TA-Lib's running sum (add the new value, emit, subtract the
 * oldest). Lookback `period − 1` (those outputs are NaN). NaN inputs propagate (the running sum stays NaN).
 *
 * @param close - input column (any series).
 * @param options - `{ period = 30 }`.
 * @returns a new column the length of `close`.
 * @example
 * sma(new Float64Array([1, 2, 3, 4]), { period: 2 }); // → [NaN, 1.5, 2.5, 3.5]
 * @see TA-Lib `TA_SMA` (ta_SMA.c)
 */
export function sma(close: Float64Array, options?: SmaOptions): Float64Array {
  const p = parseOptions(smaOptions, options, "SMA").period;
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(Number.NaN, 0, Math.min(p - 1, n));
  let sum = 0;
  const warm = Math.min(p - 1, n);
  for (let i = 0; i < warm; i++) sum += close[i]!;
  for (let i = p - 1; i < n; i++) {
    sum += close[i]!;
    out[i] = sum / p;
    sum -= close[i - p + 1]!;
  }
  return out;
}

/**
 * Streaming {@link sma}: O(1) per update over a ring buffer, bit-identical to the vectorized function.
 *
 * @example
 * const s = new Sma({ period: 2 }); [1, 2, 3].map((x) => s.update(x)); // → [NaN, 1.5, 2.5]
 * @see TA-Lib `TA_SMA`
 */
export class Sma implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  private readonly buf: Float64Array;
  private head = 0;
  private count = 0;
  private sum = 0;
  private cur = Number.NaN;

  /** @param options - `{ period = 30 }`. */
  constructor(options?: SmaOptions) {
    this.period = parseOptions(smaOptions, options, "SMA").period;
    this.lookback = this.period - 1;
    this.buf = new Float64Array(this.period);
  }

  update(x: number): number {
    const p = this.period;
    const buf = this.buf;
    const h = this.head;
    const sum = this.sum + x;
    buf[h] = x;
    const next = h + 1 === p ? 0 : h + 1;
    this.head = next;
    if (this.count === p) {
      const v = sum / p;
      this.cur = v;
      this.sum = sum - buf[next]!;
      return v;
    }
    this.sum = sum;
    return this.warmUp(next);
  }

  private warmUp(next: number): number {
    const p = this.period;
    if (this.count < p - 1) {
      this.count++;
      return Number.NaN;
    }
    this.count = p;
    this.cur = this.sum / p;
    this.sum -= this.buf[next]!;
    return this.cur;
  }

  peek(x: number): number {
    return this.count < this.period - 1 ? Number.NaN : (this.sum + x) / this.period;
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.count === this.period;
  }

  reset(): void {
    this.head = 0;
    this.count = 0;
    this.sum = 0;
    this.cur = Number.NaN;
  }
}
