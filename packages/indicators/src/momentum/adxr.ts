import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { HlcColumns } from "../indicator.js";
import { AdxCore } from "./adx.js";
import { HlcIndicator, hlcSeries } from "./internal/hlcIndicator.js";
import { LagCore } from "./internal/lagCore.js";
import { period } from "./internal/options.js";

/** Options of {@link adxr} / {@link Adxr}: `period` (bars, integer ≥ 2, default 14). */
export const adxrOptions = z.object({ period: period(14) }).strict();
/** Parsed ADXR options. */
export type AdxrOptions = z.output<typeof adxrOptions>;

/**
 * Streaming Average Directional Movement Index Rating: `ADXR = (ADX + ADX[t − (period − 1)])/2` (TA-Lib's lag of
 * `period − 1` bars). Lookback `3·period − 2` (40 for period 14).
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new Adxr().lookback; // → 40
 * @see TA-Lib `TA_ADXR` (ta_ADXR.c); Wilder (1978).
 */
export class Adxr extends HlcIndicator<AdxCore> {
  private readonly lag: LagCore | null;
  constructor(options?: z.input<typeof adxrOptions>) {
    const p = parseWith(adxrOptions, options ?? {}, "ADXR options").period;
    const core = new AdxCore(p);
    super(core, core.lookback + p - 1);
    this.lag = p > 1 ? new LagCore(p - 1) : null;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const a = this.core.step(high, low, close);
    if (this.core.n <= this.core.lookback) return Number.NaN;
    const old = this.lag !== null ? this.lag.push(a) : a;
    if (this.core.n <= this.lookback) return Number.NaN;
    this.out = (a + old) / 2.0;
    return this.out;
  }
  override reset(): void {
    super.reset();
    this.lag?.reset();
  }
}

/**
 * ADXR over bar columns (see {@link Adxr}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * adxr(bars); // NaN for the first 40 entries
 * @see TA-Lib `TA_ADXR`.
 */
export function adxr(bars: HlcColumns, options?: z.input<typeof adxrOptions>): Float64Array {
  return hlcSeries(new Adxr(options), bars.high, bars.low, bars.close);
}
