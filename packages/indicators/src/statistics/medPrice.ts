import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";

/** Options of {@link medPrice} / {@link MedPrice}: none. */
export const medPriceOptions = z.object({}).strict();

/**
 * Streaming median price: `(high + low)/2`. Stateless, lookback 0; NaN fields give NaN.
 *
 * @example
 * new MedPrice().update({ high: 12, low: 8, close: 10 }); // → 10
 * @see TA-Lib `TA_MEDPRICE` (ta_MEDPRICE.c).
 */
export class MedPrice implements StreamingIndicator<BarInput> {
  readonly lookback = 0;
  private n = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof medPriceOptions>) {
    parseWith(medPriceOptions, options ?? {}, "MEDPRICE options");
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number): number {
    this.n++;
    this.out = (high + low) / 2.0;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low);
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
 * median price over bar columns (see {@link MedPrice}).
 *
 * @param bars - `{ high, low }` columns.
 * @example
 * medPrice({ high: Float64Array.of(12), low: Float64Array.of(8) }); // → [10]
 * @see TA-Lib `TA_MEDPRICE`.
 */
export function medPrice(
  bars: { readonly high: Float64Array; readonly low: Float64Array },
  options?: z.input<typeof medPriceOptions>,
): Float64Array {
  parseWith(medPriceOptions, options ?? {}, "MEDPRICE options");
  const { high: H, low: L } = bars;
  const n = bars.high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const high = H[i]!;
    const low = L[i]!;
    out[i] = (high + low) / 2.0;
  }
  return out;
}
