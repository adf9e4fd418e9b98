import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { driveBars } from "../util/drive.js";
import { nonNegativeSchema, parseOptions } from "../util/options.js";

/** Options of {@link sar} / {@link Sar}. */
export const sarOptions = z
  .object({
    /** Acceleration factor step (and initial AF). Default 0.02 (Wilder, TA-Lib). */
    acceleration: nonNegativeSchema(0.02),
    /** Maximum acceleration factor. Default 0.2. An acceleration above it is clamped to it (TA-Lib). */
    maximum: nonNegativeSchema(0.2),
  })
  .strict();
/** Options of {@link sar} / {@link Sar}. */
export type SarOptions = z.input<typeof sarOptions>;

/**
 * Wilder's Parabolic SAR, exactly as TA-Lib computes it: the initial direction comes from the −DM of the first two
 * bars (short if `low_0 − low_1 > 0` and exceeds `high_1 − high_0`), the first SAR is the previous bar's extreme,
 * `SAR_{t+1} = SAR_t + AF·(EP − SAR_t)` clamped to the last two bars' range, AF grows by `acceleration` on each new
 * extreme up to `maximum`, and a penetration reverses to the extreme point. Lookback 1. NaN bars make the state NaN
 * (propagate).
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ acceleration = 0.02, maximum = 0.2 }`.
 * @example
 * sar({ high, low }); // NaN at index 0
 * @see TA-Lib `TA_SAR`; Wilder (1978), New Concepts in Technical Trading Systems, ch. "Parabolic Time/Price System"
 */
export function sar(
  bars: { readonly high: Float64Array; readonly low: Float64Array },
  options?: SarOptions,
): Float64Array {
  return driveBars(new Sar(options), bars);
}

/**
 * Streaming {@link sar}: each `update` returns the SAR for the bar just received (the stop that applied during it).
 *
 * @example
 * const s = new Sar(); s.update({ high: 51.12, low: 50, close: 50.5 }); // → NaN
 * @see TA-Lib `TA_SAR`
 */
export class Sar implements StreamingIndicator<BarInput> {
  readonly lookback = 1;
  private readonly accel: number;
  private readonly max: number;
  private count = 0;
  private isLong = true;
  private af = 0;
  private ep = 0;
  private sarNext = 0;
  private prevHigh = 0;
  private prevLow = 0;
  private cur = Number.NaN;

  /** @param options - `{ acceleration = 0.02, maximum = 0.2 }`. */
  constructor(options?: SarOptions) {
    const o = parseOptions(sarOptions, options, "SAR");
    this.max = o.maximum;
    this.accel = Math.min(o.acceleration, o.maximum);
  }

  private step(high: number, low: number, commit: boolean): number {
    if (this.count === 0) {
      if (commit) {
        this.prevHigh = high;
        this.prevLow = low;
        this.count = 1;
      }
      return Number.NaN;
    }
    let isLong = this.isLong;
    let af = this.af;
    let ep = this.ep;
    let sar = this.sarNext;
    let prevHigh = this.prevHigh;
    let prevLow = this.prevLow;
    if (this.count === 1) {
      // TA-Lib: direction from MINUS_DM(period 1) of bars 0 and 1.
      const diffM = prevLow - low;
      const diffP = high - prevHigh;
      isLong = !(diffM > 0 && diffP < diffM);
      af = this.accel;
      if (isLong) {
        ep = high;
        sar = prevLow;
      } else {
        ep = low;
        sar = prevHigh;
      }
      // TA-Lib's loop starts with "previous" = the current bar.
      prevHigh = high;
      prevLow = low;
    }
    const newHigh = high;
    const newLow = low;
    let out: number;
    if (Number.isNaN(newHigh) || Number.isNaN(newLow)) {
      sar = Number.NaN;
      ep = Number.NaN;
      out = Number.NaN;
    } else if (isLong) {
      if (newLow <= sar) {
        isLong = false;
        sar = ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        out = sar;
        af = this.accel;
        ep = newLow;
        sar = sar + af * (ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out = sar;
        if (newHigh > ep) {
          ep = newHigh;
          af += this.accel;
          if (af > this.max) af = this.max;
        }
        sar = sar + af * (ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      isLong = true;
      sar = ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      out = sar;
      af = this.accel;
      ep = newHigh;
      sar = sar + af * (ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out = sar;
      if (newLow < ep) {
        ep = newLow;
        af += this.accel;
        if (af > this.max) af = this.max;
      }
      sar = sar + af * (ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
    if (commit) {
      this.count = 2;
      this.isLong = isLong;
      this.af = af;
      this.ep = ep;
      this.sarNext = sar;
      this.prevHigh = newHigh;
      this.prevLow = newLow;
      this.cur = out;
    }
    return out;
  }

  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, true);
  }

  peek(bar: BarInput): number {
    return this.step(bar.high, bar.low, false);
  }

  /** True while the SAR is below price (long). */
  get long(): boolean {
    return this.isLong;
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.count > 1;
  }

  reset(): void {
    this.count = 0;
    this.isLong = true;
    this.af = 0;
    this.ep = 0;
    this.sarNext = 0;
    this.prevHigh = 0;
    this.prevLow = 0;
    this.cur = Number.NaN;
  }
}
