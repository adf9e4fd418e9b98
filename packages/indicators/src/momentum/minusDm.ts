import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { DIR_MINUS_DM, DirectionalIndicator } from "./internal/directional.js";
import { hlcSeries } from "./internal/hlcIndicator.js";
import { period } from "./internal/options.js";
import type { HlColumns } from "./plusDm.js";

/** Options of {@link minusDm} / {@link MinusDm}: `period` (bars, integer ≥ 1, default 14). */
export const minusDmOptions = z.object({ period: period(14, 1) }).strict();
/** Parsed MINUS_DM options. */
export type MinusDmOptions = z.output<typeof minusDmOptions>;

/**
 * Streaming Wilder-smoothed minus directional movement: raw `−DM = prevLow − low` when it is positive and larger
 * than `high − prevHigh`, else 0; the first value is the sum of the first `period − 1` raw values, then
 * `dm = dm − dm/period + rawDm`. Lookback `period − 1` (1 for period 1, where the raw value is returned).
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const d = new MinusDm({ period: 1 });
 * d.update({ high: 10, low: 9, close: 9.5 }); d.update({ high: 9.5, low: 8, close: 8.5 }); // → 1
 * @see TA-Lib `TA_MINUS_DM` (ta_MINUS_DM.c); Wilder, New Concepts in Technical Trading Systems (1978).
 */
export class MinusDm extends DirectionalIndicator {
  constructor(options?: z.input<typeof minusDmOptions>) {
    super(parseWith(minusDmOptions, options ?? {}, "MINUS_DM options").period, DIR_MINUS_DM);
  }
}

/**
 * Minus directional movement over bar columns (see {@link MinusDm}).
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * minusDm({ high: Float64Array.of(10, 9.5), low: Float64Array.of(9, 8) }, { period: 1 }); // → [NaN, 1]
 * @see TA-Lib `TA_MINUS_DM`.
 */
export function minusDm(bars: HlColumns, options?: z.input<typeof minusDmOptions>): Float64Array {
  return hlcSeries(new MinusDm(options), bars.high, bars.low);
}
