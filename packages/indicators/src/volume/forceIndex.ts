import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { EmaCore } from "../momentum/internal/maCore.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";
import type { CloseVolumeColumns } from "./obv.js";

/**
 * Options of {@link forceIndex} / {@link ForceIndex}: `period` (13), `seed`: `"sma"` (default: the EMA starts
 * from the SMA of the first `period` raw values, TA-Lib's EMA convention) or `"first"` (starts from the first raw
 * value, pandas `ewm(span, adjust=False)`).
 */
export const forceIndexOptions = z
  .object({ period: period(13, 1), seed: z.enum(["sma", "first"]).default("sma") })
  .strict();
/** Parsed Force Index options. */
export type ForceIndexOptions = z.output<typeof forceIndexOptions>;

/**
 * Streaming Force Index (Elder): `EMA((close − prevClose)·volume, period)` with `k = 2/(period+1)`. Lookback
 * `period` with `seed: "sma"`, 1 with `seed: "first"`. NaN input propagates (recursive state). TA-Lib has no Force
 * Index: checked against a pandas golden file for both seedings.
 *
 * @param options - `{ period = 13, seed = "sma" }`.
 * @example
 * const f = new ForceIndex({ period: 1 });
 * [[10, 5], [12, 100]].map(([c, v]) => f.update({ high: c, low: c, close: c, volume: v })); // → [NaN, 200]
 * @see Alexander Elder, Trading for a Living (1993).
 */
export class ForceIndex implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly ema: EmaCore;
  private n = 0;
  private prev = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof forceIndexOptions>) {
    const o = parseWith(forceIndexOptions, options ?? {}, "Force Index options");
    this.ema = new EmaCore(o.period, 2 / (o.period + 1), o.seed);
    this.lookback = 1 + this.ema.lookback;
  }
  /** Scalar form of {@link update}. */
  step(close: number, volume: number): number {
    const prev = this.prev;
    this.prev = close;
    if (this.n++ === 0) return Number.NaN;
    const v = this.ema.update((close - prev) * volume);
    if (this.n <= this.lookback) return Number.NaN;
    this.out = v;
    return v;
  }
  update(bar: BarInput): number {
    return this.step(bar.close, bar.volume ?? Number.NaN);
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
    this.ema.reset();
    this.n = 0;
    this.prev = 0;
    this.out = Number.NaN;
  }
}

/**
 * Force Index over columns (see {@link ForceIndex}).
 *
 * @param bars - `{ close, volume }` columns.
 * @param options - `{ period = 13, seed = "sma" }`.
 * @example
 * forceIndex({ close: Float64Array.of(10, 12), volume: Float64Array.of(5, 100) }, { period: 1 }); // → [NaN, 200]
 * @see Alexander Elder, Trading for a Living (1993).
 */
export function forceIndex(
  bars: CloseVolumeColumns,
  options?: z.input<typeof forceIndexOptions>,
): Float64Array {
  const core = new ForceIndex(options);
  const { close, volume } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(close[i]!, volume[i]!);
  return out;
}
