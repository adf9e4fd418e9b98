import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { PRICE_AVG, PriceTransform, priceSeries } from "./internal/priceTransform.js";

/** Options of {@link avgPrice} / {@link AvgPrice}: none. */
export const avgPriceOptions = z.object({}).strict();

/**
 * Streaming average price: `(open + high + low + close)/4`. Stateless, lookback 0; NaN fields give NaN.
 *
 * @example
 * new AvgPrice().update({ open: 11, high: 12, low: 8, close: 11 }); // → 10.5
 * @see TA-Lib `TA_AVGPRICE` (ta_AVGPRICE.c).
 */
export class AvgPrice extends PriceTransform {
  constructor(options?: z.input<typeof avgPriceOptions>) {
    parseWith(avgPriceOptions, options ?? {}, "AVGPRICE options");
    super(PRICE_AVG);
  }
  /** Scalar form of {@link update}. */
  step(open: number, high: number, low: number, close: number): number {
    return this.put(open, high, low, close);
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
  return priceSeries(PRICE_AVG, bars);
}
