import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { driveBars } from "../util/drive.js";
import { WindowMoments, WindowSum } from "../util/moments.js";
import { parseOptions, periodSchema, positiveSchema } from "../util/options.js";
import { rsTerm } from "./rogersSatchell.js";

/** Options of {@link yangZhang} / {@link YangZhang}. */
export const yangZhangOptions = z
  .object({
    /** Window length in bars, 2…100000. Default 20. */
    period: periodSchema(2, 20),
    /** Bars per year used to annualize; 252 for daily bars (default), 1 for per-bar σ. */
    periodsPerYear: positiveSchema(252),
  })
  .strict();
/** Options of {@link yangZhang} / {@link YangZhang}. */
export type YangZhangOptions = z.input<typeof yangZhangOptions>;

/**
 * Yang–Zhang (2000) drift-independent volatility with opening jumps, annualized:
 * `σ² = σ_o² + k·σ_c² + (1 − k)·σ_rs²`, where over the last `n = period` bars σ_o² is the sample variance of
 * overnight returns `ln(o_t/c_{t−1})`, σ_c² the sample variance of open-to-close returns `ln(c_t/o_t)`, σ_rs² the
 * mean Rogers–Satchell term, and `k = 0.34 / (1.34 + (n+1)/(n−1))`. Lookback `period` (needs the previous close).
 *
 * @param bars - `{ open, high, low, close }` columns.
 * @param options - `{ period = 20, periodsPerYear = 252 }`.
 * @example
 * yangZhang(bars, { period: 20 }); // annualized σ, NaN for the first 20 bars
 * @see Yang, D., Zhang, Q. (2000). Drift-Independent Volatility Estimation Based on High, Low, Open, and Close Prices. J. Business 73(3).
 */
export function yangZhang(
  bars: {
    readonly open: Float64Array;
    readonly high: Float64Array;
    readonly low: Float64Array;
    readonly close: Float64Array;
  },
  options?: YangZhangOptions,
): Float64Array {
  return driveBars(new YangZhang(options), bars);
}

/**
 * Streaming {@link yangZhang}.
 *
 * @example
 * new YangZhang({ period: 20 }).update({ open: 1, high: 2, low: 1, close: 1.5 }); // → NaN (warm-up)
 * @see Yang & Zhang (2000)
 */
export class YangZhang implements StreamingIndicator<BarInput> {
  readonly period: number;
  readonly lookback: number;
  private readonly ppy: number;
  private readonly k: number;
  private readonly overnight: WindowMoments;
  private readonly openClose: WindowMoments;
  private readonly rs: WindowSum;
  private prevClose = Number.NaN;
  private started = false;
  private cur = Number.NaN;

  /** @param options - `{ period = 20, periodsPerYear = 252 }`. */
  constructor(options?: YangZhangOptions) {
    const o = parseOptions(yangZhangOptions, options, "Yang-Zhang");
    const n = o.period;
    this.period = n;
    this.ppy = o.periodsPerYear;
    this.lookback = n;
    this.k = 0.34 / (1.34 + (n + 1) / (n - 1));
    this.overnight = new WindowMoments(n);
    this.openClose = new WindowMoments(n);
    this.rs = new WindowSum(n);
  }

  private combine(vo: number, vc: number, rsSum: number): number {
    const k = this.k;
    return Math.sqrt((vo + k * vc + (1 - k) * (rsSum / this.period)) * this.ppy);
  }

  update(bar: BarInput): number {
    const pc = this.prevClose;
    this.prevClose = bar.close;
    if (!this.started) {
      this.started = true;
      return Number.NaN;
    }
    const o = bar.open as number;
    this.overnight.push(Math.log(o / pc));
    this.openClose.push(Math.log(bar.close / o));
    const rsSum = this.rs.push(rsTerm(o, bar.high, bar.low, bar.close));
    if (!this.rs.isFull) return Number.NaN;
    this.cur = this.combine(this.overnight.variance(1), this.openClose.variance(1), rsSum);
    return this.cur;
  }

  peek(bar: BarInput): number {
    if (!this.started || this.overnight.length < this.period - 1) return Number.NaN;
    const o = bar.open as number;
    const vo = this.overnight.peekVariance(Math.log(o / this.prevClose), 1);
    const vc = this.openClose.peekVariance(Math.log(bar.close / o), 1);
    return this.combine(vo, vc, this.rs.peek(rsTerm(o, bar.high, bar.low, bar.close)));
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.rs.isFull;
  }

  reset(): void {
    this.overnight.reset();
    this.openClose.reset();
    this.rs.reset();
    this.prevClose = Number.NaN;
    this.started = false;
    this.cur = Number.NaN;
  }
}
