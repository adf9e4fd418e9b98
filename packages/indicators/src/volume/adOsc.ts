import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";
import type { HlcvColumns } from "../momentum/mfi.js";
import { driveHlcv } from "../util/drive.js";
import { adStep } from "./ad.js";

/** Options of {@link adOsc} / {@link AdOsc}: `fastPeriod` (3) and `slowPeriod` (10), bars. */
export const adOscOptions = z.object({ fastPeriod: period(3), slowPeriod: period(10) }).strict();
/** Parsed ADOSC options. */
export type AdOscOptions = z.output<typeof adOscOptions>;

/**
 * Streaming Chaikin A/D oscillator: `EMA_fast(AD) − EMA_slow(AD)` where, as in TA-Lib, both EMAs start from the
 * first A/D value (not an SMA seed) and update as `ema = k·ad + (1−k)·ema`, `k = 2/(period+1)`. Lookback
 * `max(fastPeriod, slowPeriod) − 1`.
 *
 * @param options - `{ fastPeriod = 3, slowPeriod = 10 }`.
 * @example
 * new AdOsc().lookback; // → 9
 * @see TA-Lib `TA_ADOSC` (ta_ADOSC.c); Marc Chaikin.
 */
export class AdOsc implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly fk: number;
  private readonly sk: number;
  private n = 0;
  private ad = 0;
  private fast = 0;
  private slow = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof adOscOptions>) {
    const o = parseWith(adOscOptions, options ?? {}, "ADOSC options");
    this.fk = 2.0 / (o.fastPeriod + 1);
    this.sk = 2.0 / (o.slowPeriod + 1);
    this.lookback = Math.max(o.fastPeriod, o.slowPeriod) - 1;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number, volume: number): number {
    const ad = (this.ad = adStep(this.ad, high, low, close, volume));
    if (this.n++ === 0) {
      this.fast = ad;
      this.slow = ad;
    } else {
      this.fast = this.fk * ad + (1.0 - this.fk) * this.fast;
      this.slow = this.sk * ad + (1.0 - this.sk) * this.slow;
    }
    if (this.n <= this.lookback) return Number.NaN;
    this.out = this.fast - this.slow;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close, bar.volume ?? Number.NaN);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.n = 0;
    this.ad = 0;
    this.fast = 0;
    this.slow = 0;
    this.out = Number.NaN;
  }
}

/**
 * Chaikin A/D oscillator over bar columns (see {@link AdOsc}).
 *
 * @param bars - `{ high, low, close, volume }` columns.
 * @param options - `{ fastPeriod = 3, slowPeriod = 10 }`.
 * @example
 * adOsc(bars); // NaN for the first 9 entries
 * @see TA-Lib `TA_ADOSC`.
 */
export function adOsc(bars: HlcvColumns, options?: z.input<typeof adOscOptions>): Float64Array {
  return driveHlcv(new AdOsc(options), bars);
}
