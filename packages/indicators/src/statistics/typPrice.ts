import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { PRICE_TYP, PriceTransform, priceSeries } from "./internal/priceTransform.js";

/** Options of {@link typPrice} / {@link TypPrice}: none. */
export const typPriceOptions = z.object({}).strict();

/**
 * Streaming typical price: `(high + low + close)/3`. Stateless, lookback 0; NaN fields give NaN.
 *
 * @example
 * new TypPrice().update({ high: 12, low: 8, close: 10 }); // → 10
 * @see TA-Lib `TA_TYPPRICE` (ta_TYPPRICE.c).
 */
export class TypPrice extends PriceTransform {
  constructor(options?: z.input<typeof typPriceOptions>) {
    parseWith(typPriceOptions, options ?? {}, "TYPPRICE options");
    super(PRICE_TYP);
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    return this.put(Number.NaN, high, low, close);
  }
}

/**
 * typical price over bar columns (see {@link TypPrice}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @example
 * typPrice({ high: Float64Array.of(12), low: Float64Array.of(8), close: Float64Array.of(10) }); // → [10]
 * @see TA-Lib `TA_TYPPRICE`.
 */
export function typPrice(
  bars: { readonly high: Float64Array; readonly low: Float64Array; readonly close: Float64Array },
  options?: z.input<typeof typPriceOptions>,
): Float64Array {
  parseWith(typPriceOptions, options ?? {}, "TYPPRICE options");
  return priceSeries(PRICE_TYP, bars);
}
