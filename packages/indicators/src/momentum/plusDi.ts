import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { HlcColumns } from "../indicator.js";
import { DIR_PLUS_DI, DirectionalIndicator } from "./internal/directional.js";
import { hlcSeries } from "./internal/hlcIndicator.js";
import { period } from "./internal/options.js";

/** Options of {@link plusDi} / {@link PlusDi}: `period` (bars, integer ≥ 1, default 14). */
export const plusDiOptions = z.object({ period: period(14, 1) }).strict();
/** Parsed PLUS_DI options. */
export type PlusDiOptions = z.output<typeof plusDiOptions>;

/**
 * Streaming plus directional indicator: `+DI = 100·(+DM_smoothed / TR_smoothed)`, both Wilder-smoothed and seeded
 * by the sum of the first `period − 1` raw values (0 when the smoothed TR is TA-Lib-zero). Lookback `period`.
 * For `period = 1` TA-Lib returns the unscaled ratio `rawDM/TR` of the bar (lookback 1); quantkit does the same.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new PlusDi({ period: 14 }).lookback; // → 14
 * @see TA-Lib `TA_PLUS_DI` (ta_PLUS_DI.c); Wilder (1978).
 */
export class PlusDi extends DirectionalIndicator {
  constructor(options?: z.input<typeof plusDiOptions>) {
    super(parseWith(plusDiOptions, options ?? {}, "PLUS_DI options").period, DIR_PLUS_DI);
  }
}

/**
 * Plus directional indicator over bar columns (see {@link PlusDi}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * plusDi(bars, { period: 14 }); // NaN for the first 14 entries, then values in [0, 100]
 * @see TA-Lib `TA_PLUS_DI`.
 */
export function plusDi(bars: HlcColumns, options?: z.input<typeof plusDiOptions>): Float64Array {
  return hlcSeries(new PlusDi(options), bars.high, bars.low, bars.close);
}
