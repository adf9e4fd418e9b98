import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";

/** Options of {@link avgPrice} / {@link AvgPrice}: none. */
export const avgPriceOptions = z.object({}).strict();

/**
 * Streaming average price: `(open + high + low + close)/4`. Stateless, lookback 0; NaN fields give NaN.
 *
 * @example
 * new AvgPrice().update({ open: 11, high: 12, low: 8, close: 11 }); // → 10.5
 * @see TA-Lib `TA_AVGPRICE` (ta_AVGPRICE.c).
 */
export class AvgPrice implements StreamingIndicator<BarInput> {
  readonly lookback = 0;
  private n = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof avgPriceOptions>) {
    parseWith(avgPriceOptions, options ?? {}, "AVGPRICE options");
  }
  /** Scalar form of {@link update}. */
  step(open: number, high: number, low: number, close: number): number {
    this.n++;
    this.out = (high + low + close + open) / 4.0;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.open ?? Number.NaN, bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    const n = this.n;
    const out = this.out;
    const v = this.update(bar);
    this.n = n;
    this.out = out;
    return v;
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
 * average price over bar columns (see {@link AvgPrice}).
 *
 * @param bars - `{ open, high, low, close }` columns.
 * @example
 * avgPrice({ open: Float64Array.of(11), high: Float64Array.of(12), low: Float64Array.of(8), close: Float64Array.of(11) }); // → [10.5]
 * @see TA-Lib `TA_AVGPRICE`.
 */
export function avgPrice(
  bars: {
    readonly open: Float64Array;
    readonly high: Float64Array;
    readonly low: Float64Array;
    readonly close: Float64Array;
  },
  options?: z.input<typeof avgPriceOptions>,
): Float64Array {
  parseWith(avgPriceOptions, options ?? {}, "AVGPRICE options");
  const { open: O, high: H, low: L, close: C } = bars;
  const n = bars.high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const open = O[i]!;
    const high = H[i]!;
    const low = L[i]!;
    const close = C[i]!;
    out[i] = (high + low + close + open) / 4.0;
  }
  return out;
}
