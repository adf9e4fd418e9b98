import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { isZeroOrNeg } from "./internal/talibMath.js";

/** Options of {@link bop} / {@link Bop}: none (an empty object is accepted). */
export const bopOptions = z.object({}).strict();

/** Columns read by {@link bop}. */
export interface OhlcColumns {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/**
 * Streaming Balance Of Power: `(close − open)/(high − low)`, 0 when `high − low` is TA-Lib-zero or negative.
 * Stateless; lookback 0. A bar without `open` gives NaN.
 *
 * @example
 * new Bop().update({ open: 10, high: 12, low: 8, close: 11 }); // → 0.25
 * @see TA-Lib `TA_BOP` (ta_BOP.c); Igor Livshin, "Balance of Power", TASC (2001).
 */
export class Bop implements StreamingIndicator<BarInput> {
  readonly lookback = 0;
  private n = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof bopOptions>) {
    parseWith(bopOptions, options ?? {}, "BOP options");
  }
  /** Scalar form of {@link update}. */
  step(open: number, high: number, low: number, close: number): number {
    this.n++;
    const r = high - low;
    this.out = Number.isNaN(r) ? r : isZeroOrNeg(r) ? 0.0 : (close - open) / r;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.open ?? Number.NaN, bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    const r = bar.high - bar.low;
    return Number.isNaN(r) ? r : isZeroOrNeg(r) ? 0.0 : (bar.close - (bar.open ?? Number.NaN)) / r;
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > 0;
  }
  reset(): void {
    this.n = 0;
    this.out = Number.NaN;
  }
}

/**
 * Balance Of Power over bar columns (see {@link Bop}).
 *
 * @param bars - `{ open, high, low, close }` columns.
 * @example
 * bop({ open: Float64Array.of(10), high: Float64Array.of(12), low: Float64Array.of(8), close: Float64Array.of(11) }); // → [0.25]
 * @see TA-Lib `TA_BOP`.
 */
export function bop(bars: OhlcColumns, options?: z.input<typeof bopOptions>): Float64Array {
  const core = new Bop(options);
  const { open, high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(open[i]!, high[i]!, low[i]!, close[i]!);
  return out;
}
