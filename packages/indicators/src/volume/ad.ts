import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import type { HlcvColumns } from "../momentum/mfi.js";
import { driveHlcv } from "../util/drive.js";

/** Options of {@link ad} / {@link Ad}: none. */
export const adOptions = z.object({}).strict();

/**
 * Private A/D kernel shared with ADOSC: adds the money-flow volume `((close−low) − (high−close))/(high−low)·volume`
 * of each bar whose range is positive (TA-Lib's CLV), NaN-propagating.
 */
export function adStep(ad: number, high: number, low: number, close: number, volume: number): number {
  const r = high - low;
  if (r > 0.0) return ad + ((close - low - (high - close)) / r) * volume;
  return Number.isNaN(r) || Number.isNaN(close) || Number.isNaN(volume) ? Number.NaN : ad;
}

/**
 * Streaming Chaikin Accumulation/Distribution line: the running sum of money-flow volume (see `adStep`);
 * bars with `high = low` add nothing. Lookback 0; a NaN bar makes every later value NaN until `reset()`.
 *
 * @example
 * new Ad().update({ high: 12, low: 8, close: 11, volume: 100 }); // → 50
 * @see TA-Lib `TA_AD` (ta_AD.c); Marc Chaikin.
 */
export class Ad implements StreamingIndicator<BarInput> {
  readonly lookback = 0;
  private n = 0;
  private sum = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof adOptions>) {
    parseWith(adOptions, options ?? {}, "AD options");
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number, volume: number): number {
    this.n++;
    this.sum = adStep(this.sum, high, low, close, volume);
    this.out = this.sum;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close, bar.volume ?? Number.NaN);
  }
  peek(bar: BarInput): number {
    return adStep(this.sum, bar.high, bar.low, bar.close, bar.volume ?? Number.NaN);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > 0;
  }
  reset(): void {
    this.n = 0;
    this.sum = 0;
    this.out = Number.NaN;
  }
}

/**
 * Accumulation/Distribution line over bar columns (see {@link Ad}).
 *
 * @param bars - `{ high, low, close, volume }` columns.
 * @example
 * ad({ high: Float64Array.of(12), low: Float64Array.of(8), close: Float64Array.of(11), volume: Float64Array.of(100) }); // → [50]
 * @see TA-Lib `TA_AD`.
 */
export function ad(bars: HlcvColumns, options?: z.input<typeof adOptions>): Float64Array {
  return driveHlcv(new Ad(options), bars);
}
