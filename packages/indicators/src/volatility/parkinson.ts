import type { BarInput } from "../indicator.js";
import { driveBars } from "../util/drive.js";
import { parseOptions } from "../util/options.js";
import {
  MeanTermVolatility,
  type RangeVolatilityOptions,
  rangeVolatilityOptions,
} from "./internal/meanTermVolatility.js";

export { rangeVolatilityOptions as parkinsonOptions };
/** Options of {@link parkinson} / {@link Parkinson}. */
export type ParkinsonOptions = RangeVolatilityOptions;

/**
 * Parkinson (1980) high–low volatility estimator, annualized:
 * `σ = √( (1/(4·ln 2)) · mean_{window}(ln(h/l)²) · periodsPerYear )`. Lookback `period − 1`.
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ period = 20, periodsPerYear = 252 }`.
 * @example
 * parkinson({ high, low }, { period: 20 }); // annualized σ, NaN for the first 19 bars
 * @see Parkinson, M. (1980). The Extreme Value Method for Estimating the Variance of the Rate of Return. J. Business 53(1).
 */
export function parkinson(
  bars: { readonly high: Float64Array; readonly low: Float64Array },
  options?: ParkinsonOptions,
): Float64Array {
  return driveBars(new Parkinson(options), bars);
}

/**
 * Streaming {@link parkinson}.
 *
 * @example
 * const p = new Parkinson({ period: 2, periodsPerYear: 1 }); p.update({ high: 2, low: 1, close: 1.5 });
 * @see Parkinson (1980)
 */
export class Parkinson extends MeanTermVolatility {
  protected readonly scale = 1 / (4 * Math.LN2);

  /** @param options - `{ period = 20, periodsPerYear = 252 }`. */
  constructor(options?: ParkinsonOptions) {
    const o = parseOptions(rangeVolatilityOptions, options, "Parkinson");
    super(o.period, o.periodsPerYear);
  }

  protected term(bar: BarInput): number {
    const r = Math.log(bar.high / bar.low);
    return r * r;
  }
}
