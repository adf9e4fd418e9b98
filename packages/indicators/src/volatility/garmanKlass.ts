import type { BarInput } from "../indicator.js";
import { driveBars } from "../util/drive.js";
import { parseOptions } from "../util/options.js";
import {
  MeanTermVolatility,
  type RangeVolatilityOptions,
  rangeVolatilityOptions,
} from "./internal/meanTermVolatility.js";

export { rangeVolatilityOptions as garmanKlassOptions };
/** Options of {@link garmanKlass} / {@link GarmanKlass}. */
export type GarmanKlassOptions = RangeVolatilityOptions;

const GK_C = 2 * Math.LN2 - 1;

/**
 * Garman–Klass (1980) OHLC volatility estimator, annualized:
 * `σ = √( mean_{window}(½·ln(h/l)² − (2·ln 2 − 1)·ln(c/o)²) · periodsPerYear )`. Lookback `period − 1`.
 *
 * @param bars - `{ open, high, low, close }` columns.
 * @param options - `{ period = 20, periodsPerYear = 252 }`.
 * @example
 * garmanKlass(bars, { period: 20 }); // annualized σ
 * @see Garman, M. B., Klass, M. J. (1980). On the Estimation of Security Price Volatilities from Historical Data. J. Business 53(1).
 */
export function garmanKlass(
  bars: {
    readonly open: Float64Array;
    readonly high: Float64Array;
    readonly low: Float64Array;
    readonly close: Float64Array;
  },
  options?: GarmanKlassOptions,
): Float64Array {
  return driveBars(new GarmanKlass(options), bars);
}

/**
 * Streaming {@link garmanKlass}.
 *
 * @example
 * new GarmanKlass({ period: 20 }).update({ open: 1, high: 2, low: 1, close: 1.5 }); // → NaN (warm-up)
 * @see Garman & Klass (1980)
 */
export class GarmanKlass extends MeanTermVolatility {
  protected readonly scale = 1;

  /** @param options - `{ period = 20, periodsPerYear = 252 }`. */
  constructor(options?: GarmanKlassOptions) {
    const o = parseOptions(rangeVolatilityOptions, options, "Garman-Klass");
    super(o.period, o.periodsPerYear);
  }

  protected term(bar: BarInput): number {
    const hl = Math.log(bar.high / bar.low);
    const co = Math.log(bar.close / (bar.open as number));
    return 0.5 * hl * hl - GK_C * co * co;
  }
}
