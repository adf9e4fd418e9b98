import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";
import { RollingSum } from "../momentum/internal/rollingSum.js";

/** Options of {@link emv} / {@link Emv}: `period` (SMA length, 14), `volumeDivisor` (scale, default 1e8). */
export const emvOptions = z
  .object({ period: period(14, 1), volumeDivisor: z.number().positive().finite().default(100_000_000) })
  .strict();
/** Parsed Ease of Movement options. */
export type EmvOptions = z.output<typeof emvOptions>;

/** Columns read by {@link emv}. */
export interface HlvColumns {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Streaming Ease of Movement (Arms), smoothed: raw `EMV = distance / boxRatio` with
 * `distance = (high+low)/2 − (prevHigh+prevLow)/2` and `boxRatio = (volume/volumeDivisor)/(high − low)`, i.e.
 * `distance·(high − low)·volumeDivisor/volume`, then its `period`-bar SMA (compensated window sum). Zero-volume
 * bars give a non-finite raw value, reported as NaN while they are inside the window (never filled). Lookback
 * `period`. TA-Lib has no EMV: checked against a pandas golden file.
 *
 * @param options - `{ period = 14, volumeDivisor = 1e8 }`.
 * @example
 * const e = new Emv({ period: 1, volumeDivisor: 1 });
 * e.update({ high: 10, low: 8, close: 9, volume: 1 }); e.update({ high: 12, low: 10, close: 11, volume: 4 }); // → 1
 * @see Richard Arms, Volume Cycles in the Stock Market (1994); https://school.stockcharts.com/doku.php?id=technical_indicators:ease_of_movement_emv
 */
export class Emv implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly divisor: number;
  private readonly sum: RollingSum;
  private n = 0;
  private prevMid = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof emvOptions>) {
    const o = parseWith(emvOptions, options ?? {}, "EMV options");
    this.divisor = o.volumeDivisor;
    this.sum = new RollingSum(o.period);
    this.lookback = o.period;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, volume: number): number {
    const mid = (high + low) / 2;
    const prev = this.prevMid;
    this.prevMid = mid;
    if (this.n++ === 0) return Number.NaN;
    const raw = (mid - prev) / (volume / this.divisor / (high - low));
    this.sum.push(raw);
    if (this.n <= this.lookback) return Number.NaN;
    this.out = this.sum.sum / this.sum.period;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.volume ?? Number.NaN);
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
    this.sum.reset();
    this.n = 0;
    this.prevMid = 0;
    this.out = Number.NaN;
  }
}

/**
 * Ease of Movement over bar columns (see {@link Emv}).
 *
 * @param bars - `{ high, low, volume }` columns.
 * @param options - `{ period = 14, volumeDivisor = 1e8 }`.
 * @example
 * emv(bars); // NaN for the first 14 entries
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:ease_of_movement_emv
 */
export function emv(bars: HlvColumns, options?: z.input<typeof emvOptions>): Float64Array {
  const core = new Emv(options);
  const { high, low, volume } = bars;
  const n = high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!, volume[i]!);
  return out;
}
