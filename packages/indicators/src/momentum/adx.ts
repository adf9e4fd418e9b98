import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { HlcColumns } from "../indicator.js";
import { DmCore } from "./internal/dmCore.js";
import { HlcIndicator, hlcSeries } from "./internal/hlcIndicator.js";
import { period } from "./internal/options.js";

/** Options of {@link adx} / {@link Adx}: `period` (bars, integer ≥ 2, default 14). */
export const adxOptions = z.object({ period: period(14) }).strict();
/** Parsed ADX options. */
export type AdxOptions = z.output<typeof adxOptions>;

/**
 * Private ADX kernel shared with ADXR: DX values (see {@link Dx}) averaged over the first `period` DX bars
 * (bars `period … 2·period − 1`, TA-Lib-zero DX contributing nothing), then Wilder-smoothed
 * `adx = (adx·(period−1) + dx)/period`, skipping bars whose DX is undefined.
 */
export class AdxCore {
  readonly period: number;
  readonly lookback: number;
  private readonly dm: DmCore;
  private sumDx = 0;
  adx = Number.NaN;
  constructor(p: number) {
    this.period = p;
    this.dm = new DmCore(p);
    this.lookback = 2 * p - 1;
  }
  /** Consumes one bar; returns the ADX or NaN during warm-up. */
  step(high: number, low: number, close: number): number {
    const n = this.dm.step(high, low, close);
    const p = this.period;
    if (n <= p) return Number.NaN;
    const v = this.dm.dx();
    const defined = v >= 0 || Number.isNaN(v);
    if (n <= 2 * p) {
      if (defined) this.sumDx += v;
      if (n < 2 * p) return Number.NaN;
      this.adx = this.sumDx / p;
      return this.adx;
    }
    if (defined) this.adx = (this.adx * (p - 1) + v) / p;
    return this.adx;
  }
  get n(): number {
    return this.dm.n;
  }
  reset(): void {
    this.dm.reset();
    this.sumDx = 0;
    this.adx = Number.NaN;
  }
}

/**
 * Streaming Average Directional Movement Index (Wilder): the Wilder average of {@link Dx}, seeded with the mean of
 * the first `period` DX values. Lookback `2·period − 1` (27 for period 14).
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new Adx().lookback; // → 27
 * @see TA-Lib `TA_ADX` (ta_ADX.c); Wilder (1978).
 */
export class Adx extends HlcIndicator<AdxCore> {
  constructor(options?: z.input<typeof adxOptions>) {
    const core = new AdxCore(parseWith(adxOptions, options ?? {}, "ADX options").period);
    super(core, core.lookback);
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const v = this.core.step(high, low, close);
    if (this.core.n > this.lookback) this.out = v;
    return v;
  }
}

/**
 * Average Directional Movement Index over bar columns (see {@link Adx}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * adx(bars); // NaN for the first 27 entries, then values in [0, 100]
 * @see TA-Lib `TA_ADX`.
 */
export function adx(bars: HlcColumns, options?: z.input<typeof adxOptions>): Float64Array {
  return hlcSeries(new Adx(options), bars.high, bars.low, bars.close);
}
