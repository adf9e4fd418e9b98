import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";

/** Options of {@link obv} / {@link Obv}: none. */
export const obvOptions = z.object({}).strict();

/** Columns read by {@link obv}. */
export interface CloseVolumeColumns {
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Streaming On-Balance Volume (Granville): starts at the first bar's volume (as TA-Lib), then adds the volume on an
 * up close, subtracts it on a down close, keeps it on an unchanged close. Lookback 0. A NaN close or volume makes
 * every later value NaN (cumulative state) until `reset()`.
 *
 * @example
 * const o = new Obv();
 * [[10, 100], [11, 50], [10.5, 20]].map(([c, v]) => o.update({ high: c, low: c, close: c, volume: v })); // → [100, 150, 130]
 * @see TA-Lib `TA_OBV` (ta_OBV.c); Joseph Granville, Granville's New Key to Stock Market Profits (1963).
 */
export class Obv implements StreamingIndicator<BarInput> {
  readonly lookback = 0;
  private n = 0;
  private prev = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof obvOptions>) {
    parseWith(obvOptions, options ?? {}, "OBV options");
  }
  /** Scalar form of {@link update}. */
  step(close: number, volume: number): number {
    if (this.n++ === 0) this.out = volume;
    else if (close > this.prev) this.out += volume;
    else if (close < this.prev) this.out -= volume;
    if (Number.isNaN(close) || Number.isNaN(volume)) this.out = Number.NaN;
    this.prev = close;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.close, bar.volume ?? Number.NaN);
  }
  peek(bar: BarInput): number {
    const v = bar.volume ?? Number.NaN;
    const c = bar.close;
    let out = this.out;
    if (this.n === 0) out = v;
    else if (c > this.prev) out += v;
    else if (c < this.prev) out -= v;
    return Number.isNaN(c) || Number.isNaN(v) ? Number.NaN : out;
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > 0;
  }
  reset(): void {
    this.n = 0;
    this.prev = 0;
    this.out = Number.NaN;
  }
}

/**
 * On-Balance Volume over columns (see {@link Obv}).
 *
 * @param bars - `{ close, volume }` columns.
 * @example
 * obv({ close: Float64Array.of(10, 11, 10.5), volume: Float64Array.of(100, 50, 20) }); // → [100, 150, 130]
 * @see TA-Lib `TA_OBV`.
 */
export function obv(bars: CloseVolumeColumns, options?: z.input<typeof obvOptions>): Float64Array {
  const core = new Obv(options);
  const { close, volume } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(close[i]!, volume[i]!);
  return out;
}
