import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { HlcColumns } from "../indicator.js";
import { DIR_MINUS_DI, DirectionalIndicator } from "./internal/directional.js";
import { hlcSeries } from "./internal/hlcIndicator.js";
import { period } from "./internal/options.js";

/** Options of {@link minusDi} / {@link MinusDi}: `period` (bars, integer ≥ 1, default 14). */
export const minusDiOptions = z.object({ period: period(14, 1) }).strict();
/** Parsed MINUS_DI options. */
export type MinusDiOptions = z.output<typeof minusDiOptions>;

/**
 * Streaming minus directional indicator: `−DI = 100·(−DM_smoothed / TR_smoothed)`, both Wilder-smoothed and seeded
 * by the sum of the first `period − 1` raw values (0 when the smoothed TR is TA-Lib-zero). Lookback `period`.
 * For `period = 1` TA-Lib returns the unscaled ratio `rawDM/TR` of the bar (lookback 1); quantkit does the same.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new MinusDi({ period: 14 }).lookback; // → 14
 * @see TA-Lib `TA_MINUS_DI` (ta_MINUS_DI.c); Wilder (1978).
 */
export class MinusDi extends DirectionalIndicator {
  constructor(options?: z.input<typeof minusDiOptions>) {
    super(parseWith(minusDiOptions, options ?? {}, "MINUS_DI options").period, DIR_MINUS_DI);
  }
}

/**
 * Minus directional indicator over bar columns (see {@link MinusDi}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * minusDi(bars, { period: 14 }); // NaN for the first 14 entries, then values in [0, 100]
 * @see TA-Lib `TA_MINUS_DI`.
 */
export function minusDi(bars: HlcColumns, options?: z.input<typeof minusDiOptions>): Float64Array {
  return hlcSeries(new MinusDi(options), bars.high, bars.low, bars.close);
}
