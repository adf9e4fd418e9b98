import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { HlcColumns } from "../indicator.js";
import { DIR_DX, DirectionalIndicator } from "./internal/directional.js";
import { hlcSeries } from "./internal/hlcIndicator.js";
import { period } from "./internal/options.js";

/** Options of {@link dx} / {@link Dx}: `period` (bars, integer ≥ 2, default 14). */
export const dxOptions = z.object({ period: period(14) }).strict();
/** Parsed DX options. */
export type DxOptions = z.output<typeof dxOptions>;

/**
 * Streaming directional movement index: `DX = 100·|+DI − −DI|/(+DI + −DI)` from Wilder-smoothed +DM, −DM and TR
 * (see {@link PlusDi}). When TR or `+DI + −DI` is TA-Lib-zero, the first value is 0 and later values repeat the
 * previous one, as TA-Lib does. Lookback `period`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new Dx().lookback; // → 14
 * @see TA-Lib `TA_DX` (ta_DX.c); Wilder (1978).
 */
export class Dx extends DirectionalIndicator {
  constructor(options?: z.input<typeof dxOptions>) {
    super(parseWith(dxOptions, options ?? {}, "DX options").period, DIR_DX);
  }
}

/**
 * Directional movement index over bar columns (see {@link Dx}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * dx(bars); // NaN for the first 14 entries, then values in [0, 100]
 * @see TA-Lib `TA_DX`.
 */
export function dx(bars: HlcColumns, options?: z.input<typeof dxOptions>): Float64Array {
  return hlcSeries(new Dx(options), bars.high, bars.low, bars.close);
}
