import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";

/** Options of {@link wclPrice} / {@link WclPrice}: none. */
export const wclPriceOptions = z.object({}).strict();

/**
 * Streaming weighted close price: `(high + low + 2·close)/4`. Stateless, lookback 0; NaN fields give NaN.
 *
 * @example
 * new WclPrice().update({ high: 12, low: 8, close: 12 }); // → 11
 * @see TA-Lib `TA_WCLPRICE` (ta_WCLPRICE.c).
 */
export class WclPrice implements StreamingIndicator<BarInput> {
  readonly lookback = 0;
  private n = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof wclPriceOptions>) {
    parseWith(wclPriceOptions, options ?? {}, "WCLPRICE options");
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    this.n++;
    this.out = (high + low + close * 2.0) / 4.0;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
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
 * weighted close price over bar columns (see {@link WclPrice}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @example
 * wclPrice({ high: Float64Array.of(12), low: Float64Array.of(8), close: Float64Array.of(12) }); // → [11]
 * @see TA-Lib `TA_WCLPRICE`.
 */
export function wclPrice(
  bars: { readonly high: Float64Array; readonly low: Float64Array; readonly close: Float64Array },
  options?: z.input<typeof wclPriceOptions>,
): Float64Array {
  parseWith(wclPriceOptions, options ?? {}, "WCLPRICE options");
  const { high: H, low: L, close: C } = bars;
  const n = bars.high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const high = H[i]!;
    const low = L[i]!;
    const close = C[i]!;
    out[i] = (high + low + close * 2.0) / 4.0;
  }
  return out;
}
