import type { BarInput } from "../indicator.js";
import { driveBars } from "../util/drive.js";
import { parseOptions } from "../util/options.js";
import {
  MeanTermVolatility,
  type RangeVolatilityOptions,
  rangeVolatilityOptions,
} from "./internal/meanTermVolatility.js";

export { rangeVolatilityOptions as rogersSatchellOptions };
/** Options of {@link rogersSatchell} / {@link RogersSatchell}. */
export type RogersSatchellOptions = RangeVolatilityOptions;

/**
 * Rogers–Satchell (1991) drift-independent OHLC volatility estimator, annualized:
 * `σ = √( mean_{window}(ln(h/c)·ln(h/o) + ln(l/c)·ln(l/o)) · periodsPerYear )`. Lookback `period − 1`.
 *
 * @param bars - `{ open, high, low, close }` columns.
 * @param options - `{ period = 20, periodsPerYear = 252 }`.
 * @example
 * rogersSatchell(bars, { period: 20 }); // annualized σ
 * @see Rogers, L. C. G., Satchell, S. E. (1991). Estimating Variance from High, Low and Closing Prices. Ann. Appl. Probab. 1(4).
 */
export function rogersSatchell(
  bars: {
    readonly open: Float64Array;
    readonly high: Float64Array;
    readonly low: Float64Array;
    readonly close: Float64Array;
  },
  options?: RogersSatchellOptions,
): Float64Array {
  return driveBars(new RogersSatchell(options), bars);
}

/** The Rogers–Satchell per-bar variance term. @internal */
export function rsTerm(o: number, h: number, l: number, c: number): number {
  return Math.log(h / c) * Math.log(h / o) + Math.log(l / c) * Math.log(l / o);
}

/**
 * Streaming {@link rogersSatchell}.
 *
 * @example
 * new RogersSatchell({ period: 20 }).update({ open: 1, high: 2, low: 1, close: 1.5 }); // → NaN (warm-up)
 * @see Rogers & Satchell (1991)
 */
export class RogersSatchell extends MeanTermVolatility {
  protected readonly scale = 1;

  /** @param options - `{ period = 20, periodsPerYear = 252 }`. */
  constructor(options?: RogersSatchellOptions) {
    const o = parseOptions(rangeVolatilityOptions, options, "Rogers-Satchell");
    super(o.period, o.periodsPerYear);
  }

  protected term(bar: BarInput): number {
    return rsTerm(bar.open as number, bar.high, bar.low, bar.close);
  }
}
