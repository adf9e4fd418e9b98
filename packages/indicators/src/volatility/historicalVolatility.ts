import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { WindowMoments } from "../util/moments.js";
import { parseOptions, periodSchema, positiveSchema } from "../util/options.js";

/** Options of {@link historicalVolatility} / {@link HistoricalVolatility}. */
export const historicalVolatilityOptions = z
  .object({
    /** Number of log returns in the window, 2…100000. Default 20. */
    period: periodSchema(2, 20),
    /** Bars per year used to annualize (`σ·√periodsPerYear`); 252 for daily bars (default), 1 for per-bar σ. */
    periodsPerYear: positiveSchema(252),
    /** Delta degrees of freedom of the return variance: 1 = sample (default, pandas `std()`), 0 = population. */
    ddof: z.union([z.literal(0), z.literal(1)]).default(1),
  })
  .strict();
/** Options of {@link historicalVolatility} / {@link HistoricalVolatility}. */
export type HistoricalVolatilityOptions = z.input<typeof historicalVolatilityOptions>;

/**
 * Close-to-close historical volatility, annualized: the standard deviation (sample by default) of the last
 * `period` log returns `r_t = ln(c_t / c_{t−1})`, times `√periodsPerYear`. Equals pandas
 * `np.log(c).diff().rolling(period).std() * sqrt(252)`. Lookback `period` (a return needs two closes).
 *
 * @param close - close column.
 * @param options - `{ period = 20, periodsPerYear = 252, ddof = 1 }`.
 * @example
 * historicalVolatility(close, { period: 20 }); // annualized σ, NaN for the first 20 bars
 * @see Hull, J. C. Options, Futures, and Other Derivatives — "Estimating volatility from historical data".
 */
export function historicalVolatility(
  close: Float64Array,
  options?: HistoricalVolatilityOptions,
): Float64Array {
  return driveClose(new HistoricalVolatility(options), close);
}

/**
 * Streaming {@link historicalVolatility}.
 *
 * @example
 * const hv = new HistoricalVolatility({ period: 2, periodsPerYear: 1 }); [1, 2, 4].map((c) => hv.update(c)); // → [NaN, NaN, 0]
 * @see Hull, Options, Futures, and Other Derivatives
 */
export class HistoricalVolatility implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  private readonly ppy: number;
  private readonly ddof: number;
  private readonly w: WindowMoments;
  private prev = Number.NaN;
  private started = false;
  private cur = Number.NaN;

  /** @param options - `{ period = 20, periodsPerYear = 252, ddof = 1 }`. */
  constructor(options?: HistoricalVolatilityOptions) {
    const o = parseOptions(historicalVolatilityOptions, options, "historical volatility");
    this.period = o.period;
    this.ppy = o.periodsPerYear;
    this.ddof = o.ddof;
    this.lookback = o.period;
    this.w = new WindowMoments(o.period);
  }

  update(c: number): number {
    const prev = this.prev;
    this.prev = c;
    if (!this.started) {
      this.started = true;
      return Number.NaN;
    }
    this.w.push(Math.log(c / prev));
    if (this.w.length < this.period) return Number.NaN;
    this.cur = Math.sqrt(this.w.variance(this.ddof) * this.ppy);
    return this.cur;
  }

  peek(c: number): number {
    if (!this.started || this.w.length < this.period - 1) return Number.NaN;
    return Math.sqrt(this.w.peekVariance(Math.log(c / this.prev), this.ddof) * this.ppy);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.w.length === this.period;
  }

  reset(): void {
    this.w.reset();
    this.prev = Number.NaN;
    this.started = false;
    this.cur = Number.NaN;
  }
}
