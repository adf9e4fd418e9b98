import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { PRICE_WCL, PriceTransform, priceSeries } from "./internal/priceTransform.js";

/** Options of {@link wclPrice} / {@link WclPrice}: none. */
export const wclPriceOptions = z.object({}).strict();

/**
 * Streaming weighted close price: `(high + low + 2·close)/4`. Stateless, lookback 0; NaN fields give NaN.
 *
 * @example
 * new WclPrice().update({ high: 12, low: 8, close: 12 }); // → 11
 * @see TA-Lib `TA_WCLPRICE` (ta_WCLPRICE.c).
 */
export class WclPrice extends PriceTransform {
  constructor(options?: z.input<typeof wclPriceOptions>) {
    parseWith(wclPriceOptions, options ?? {}, "WCLPRICE options");
    super(PRICE_WCL);
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    return this.put(Number.NaN, high, low, close);
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
  return priceSeries(PRICE_WCL, bars);
}
