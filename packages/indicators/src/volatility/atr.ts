import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { parseOptions, periodSchema } from "../util/options.js";
import { trueRange } from "./internal/trueRange.js";

/** Options of {@link atr} / {@link Atr}. */
export const atrOptions = z
  .object({
    /** Wilder smoothing period in bars, 1…100000. Default 14 (TA-Lib). */
    period: periodSchema(1, 14),
  })
  .strict();
/** Options of {@link atr} / {@link Atr}. */
export type AtrOptions = z.input<typeof atrOptions>;

/**
 * Average true range with Wilder smoothing, seeded with an SMA as TA-Lib does: the first value, at index `period`,
 * is the mean of `TR_1 … TR_period`; then `ATR_t = (ATR_{t−1}·(p−1) + TR_t) / p`. Lookback `period`. NaN bars
 * propagate (the recursion stays NaN).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * atr(bars, { period: 14 }); // Float64Array, NaN for the first 14 bars
 * @see TA-Lib `TA_ATR`; Wilder (1978)
 */
export function atr(bars: HlcColumns, options?: AtrOptions): Float64Array {
  const p = parseOptions(atrOptions, options, "ATR").period;
  const { high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(Number.NaN, 0, Math.min(p, n));
  if (n <= p) return out;
  let sum = 0;
  for (let i = 1; i <= p; i++) {
    sum += trueRange(high[i]!, low[i]!, close[i - 1]!);
  }
  let prev = sum / p;
  out[p] = prev;
  const p1 = p - 1;
  for (let i = p + 1; i < n; i++) {
    // Latency-bound on this recursion (multiply, add, divide as TA-Lib: a reciprocal would change the bits); the
    // true range beside it is branch-free on the fast path, so mispredictions no longer stall it.
    prev = (prev * p1 + trueRange(high[i]!, low[i]!, close[i - 1]!)) / p;
    out[i] = prev;
  }
  return out;
}

/**
 * Streaming {@link atr}, bit-identical to the vectorized function; O(1), allocation-free updates.
 *
 * @example
 * const a = new Atr({ period: 14 }); for (const bar of bars) a.update(bar); a.value;
 * @see TA-Lib `TA_ATR`
 */
export class Atr implements StreamingIndicator<BarInput> {
  readonly period: number;
  readonly lookback: number;
  private prevClose = Number.NaN;
  private count = 0;
  private sum = 0;
  private cur = Number.NaN;

  /** @param options - `{ period = 14 }`. */
  constructor(options?: AtrOptions) {
    this.period = parseOptions(atrOptions, options, "ATR").period;
    this.lookback = this.period;
  }

  update(bar: BarInput): number {
    const pc = this.prevClose;
    this.prevClose = bar.close;
    const c = this.count;
    if (c === 0) {
      this.count = 1;
      return Number.NaN;
    }
    const tr = trueRange(bar.high, bar.low, pc);
    const p = this.period;
    if (c > p) {
      this.cur = (this.cur * (p - 1) + tr) / p;
      return this.cur;
    }
    this.count = c + 1;
    this.sum += tr;
    if (c < p) return Number.NaN;
    this.cur = this.sum / p;
    return this.cur;
  }

  peek(bar: BarInput): number {
    const c = this.count;
    if (c === 0) return Number.NaN;
    const pc = this.prevClose;
    const tr = trueRange(bar.high, bar.low, pc);
    const p = this.period;
    if (c > p) return (this.cur * (p - 1) + tr) / p;
    if (c < p) return Number.NaN;
    return (this.sum + tr) / p;
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.count > this.period;
  }

  reset(): void {
    this.prevClose = Number.NaN;
    this.count = 0;
    this.sum = 0;
    this.cur = Number.NaN;
  }
}
