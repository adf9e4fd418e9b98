import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { WindowMoments } from "../util/moments.js";
import { nonNegativeSchema, parseOptions, periodSchema } from "../util/options.js";
import { rollingVariance } from "./variance.js";

/** Options of {@link stddev} / {@link Stddev}. */
export const stddevOptions = z
  .object({
    /** Window length in bars, 2…100000. Default 5 (TA-Lib STDDEV). */
    period: periodSchema(2, 5),
    /** Multiplier of the result (TA-Lib `optInNbDev`). Default 1. */
    nbDev: nonNegativeSchema(1),
    /** Delta degrees of freedom: 0 = population (TA-Lib, default), 1 = sample (pandas `rolling().std()`). */
    ddof: z.union([z.literal(0), z.literal(1)]).default(0),
  })
  .strict();
/** Options of {@link stddev} / {@link Stddev}. */
export type StddevOptions = z.input<typeof stddevOptions>;

/**
 * Rolling standard deviation `nbDev · √(Σ(x − x̄)² / (period − ddof))` with the re-anchored shifted-sums kernel (accurate on
 * 1M-point series, see README). Population estimator by default, as TA-Lib. Lookback `period − 1`.
 * Difference from TA-Lib: TA-Lib returns 0 whenever the variance is below 1e-8 (`TA_IS_ZERO_OR_NEG`); quantkit
 * returns the actual value (e.g. 5e-5 for a 5-pip FX window).
 *
 * @param close - input column.
 * @param options - `{ period = 5, nbDev = 1, ddof = 0 }`.
 * @example
 * stddev(new Float64Array([2, 4, 4, 4, 5, 5, 7, 9]), { period: 8 })[7]; // → 2
 * @see TA-Lib `TA_STDDEV`; Chan, Golub & LeVeque (1983), shifted-data variance
 */
export function stddev(close: Float64Array, options?: StddevOptions): Float64Array {
  const o = parseOptions(stddevOptions, options, "STDDEV");
  return rollingVariance(close, o.period, o.ddof, o.nbDev, true);
}

/**
 * Streaming {@link stddev}.
 *
 * @example
 * const s = new Stddev({ period: 2 }); [1, 3].map((x) => s.update(x)); // → [NaN, 1]
 * @see TA-Lib `TA_STDDEV`
 */
export class Stddev implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  private readonly ddof: number;
  private readonly nbDev: number;
  private readonly w: WindowMoments;
  private cur = Number.NaN;

  /** @param options - `{ period = 5, nbDev = 1, ddof = 0 }`. */
  constructor(options?: StddevOptions) {
    const o = parseOptions(stddevOptions, options, "STDDEV");
    this.period = o.period;
    this.ddof = o.ddof;
    this.nbDev = o.nbDev;
    this.lookback = o.period - 1;
    this.w = new WindowMoments(o.period);
  }

  update(x: number): number {
    this.w.push(x);
    if (this.w.length < this.period) return Number.NaN;
    this.cur = Math.sqrt(this.w.variance(this.ddof)) * this.nbDev;
    return this.cur;
  }

  peek(x: number): number {
    return this.w.length < this.period - 1
      ? Number.NaN
      : Math.sqrt(this.w.peekVariance(x, this.ddof)) * this.nbDev;
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.w.length === this.period;
  }

  reset(): void {
    this.w.reset();
    this.cur = Number.NaN;
  }
}
