import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { DIR_PLUS_DM, DirectionalIndicator } from "./internal/directional.js";
import { hlcSeries } from "./internal/hlcIndicator.js";
import { period } from "./internal/options.js";

/** Options of {@link plusDm} / {@link PlusDm}: `period` (bars, integer ≥ 1, default 14). */
export const plusDmOptions = z.object({ period: period(14, 1) }).strict();
/** Parsed PLUS_DM options. */
export type PlusDmOptions = z.output<typeof plusDmOptions>;

/** High/low columns read by the directional-movement functions. */
export interface HlColumns {
  readonly high: Float64Array;
  readonly low: Float64Array;
}

/**
 * Streaming Wilder-smoothed plus directional movement: raw `+DM = high − prevHigh` when it is positive and larger
 * than `prevLow − low`, else 0; the first value is the sum of the first `period − 1` raw values, then
 * `dm = dm − dm/period + rawDm`. Lookback `period − 1` (1 for period 1, where the raw value is returned).
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const d = new PlusDm({ period: 1 });
 * d.update({ high: 10, low: 9, close: 9.5 }); d.update({ high: 11, low: 9.5, close: 10 }); // → 1
 * @see TA-Lib `TA_PLUS_DM` (ta_PLUS_DM.c); Wilder, New Concepts in Technical Trading Systems (1978).
 */
export class PlusDm extends DirectionalIndicator {
  constructor(options?: z.input<typeof plusDmOptions>) {
    super(parseWith(plusDmOptions, options ?? {}, "PLUS_DM options").period, DIR_PLUS_DM);
  }
}

/**
 * Plus directional movement over bar columns (see {@link PlusDm}).
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * plusDm({ high: Float64Array.of(10, 11), low: Float64Array.of(9, 9.5) }, { period: 1 }); // → [NaN, 1]
 * @see TA-Lib `TA_PLUS_DM`.
 */
export function plusDm(bars: HlColumns, options?: z.input<typeof plusDmOptions>): Float64Array {
  return hlcSeries(new PlusDm(options), bars.high, bars.low);
}
