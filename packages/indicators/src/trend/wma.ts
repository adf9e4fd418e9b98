import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { parseOptions, periodSchema } from "../util/options.js";

/** Options of {@link wma} / {@link Wma}. */
export const wmaOptions = z
  .object({
    /** Window length in bars, 2…100000. Default 30 (TA-Lib). */
    period: periodSchema(2, 30),
  })
  .strict();
/** Options of {@link wma} / {@link Wma}. */
export type WmaOptions = z.input<typeof wmaOptions>;

/**
 * Linearly weighted moving average: weights `1…p` from oldest to newest, divided by `p(p+1)/2`:
 * `WMA_t = Σ_{i=0}^{p−1} (p − i)·x_{t−i} / (p(p+1)/2)`. O(1) per value with TA-Lib's running sums (`periodSum`,
 * `periodSub`). Lookback `period − 1`. NaN propagates.
 *
 * @param close - input column.
 * @param options - `{ period = 30 }`.
 * @example
 * wma(new Float64Array([1, 2, 3]), { period: 3 }); // → [NaN, NaN, 2.333…]  ((1 + 4 + 9) / 6)
 * @see TA-Lib `TA_WMA`
 */
export function wma(close: Float64Array, options?: WmaOptions): Float64Array {
  return driveClose(new Wma(options), close);
}

/**
 * Streaming {@link wma}.
 *
 * @example
 * const w = new Wma({ period: 2 }); [1, 2].map((x) => w.update(x)); // → [NaN, 1.666…]
 * @see TA-Lib `TA_WMA`
 */
export class Wma implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  private readonly divider: number;
  private readonly buf: Float64Array;
  private head = 0;
  private count = 0;
  private periodSub = 0;
  private periodSum = 0;
  private trailing = 0;
  private cur = Number.NaN;

  /** @param options - `{ period = 30 }`. */
  constructor(options?: WmaOptions) {
    this.period = parseOptions(wmaOptions, options, "WMA").period;
    this.lookback = this.period - 1;
    this.divider = (this.period * (this.period + 1)) / 2;
    this.buf = new Float64Array(this.period);
  }

  update(x: number): number {
    const p = this.period;
    this.buf[this.head] = x;
    this.head = this.head + 1 === p ? 0 : this.head + 1;
    if (this.count < p - 1) {
      this.count++;
      this.periodSub += x;
      this.periodSum += x * this.count;
      return Number.NaN;
    }
    this.count = p;
    this.periodSub += x;
    this.periodSub -= this.trailing;
    this.periodSum += x * p;
    this.trailing = this.buf[this.head]!;
    this.cur = this.periodSum / this.divider;
    this.periodSum -= this.periodSub;
    return this.cur;
  }

  peek(x: number): number {
    if (this.count < this.period - 1) return Number.NaN;
    return (this.periodSum + x * this.period) / this.divider;
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
    this.periodSub = 0;
    this.periodSum = 0;
    this.trailing = 0;
    this.cur = Number.NaN;
  }
}
