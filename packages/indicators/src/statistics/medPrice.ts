import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { PRICE_MED, PriceTransform, priceSeries } from "./internal/priceTransform.js";

/** Options of {@link medPrice} / {@link MedPrice}: none. */
export const medPriceOptions = z.object({}).strict();

/**
 * Streaming median price: `(high + low)/2`. Stateless, lookback 0; NaN fields give NaN.
 *
 * @example
 * new MedPrice().update({ high: 12, low: 8, close: 10 }); // → 10
 * @see TA-Lib `TA_MEDPRICE` (ta_MEDPRICE.c).
 */
export class MedPrice extends PriceTransform {
  constructor(options?: z.input<typeof medPriceOptions>) {
    parseWith(medPriceOptions, options ?? {}, "MEDPRICE options");
    super(PRICE_MED);
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number): number {
    return this.put(Number.NaN, high, low, Number.NaN);
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
  return priceSeries(PRICE_MED, bars);
}
