import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "../momentum/internal/options.js";
import type { HlcvColumns } from "../momentum/mfi.js";
import { driveHlcv } from "../util/drive.js";
import { VolumeRatio, VR_MONEY_FLOW } from "./internal/volumeRatio.js";

/** Options of {@link cmf} / {@link Cmf}: `period` (bars, integer ≥ 1, default 20). */
export const cmfOptions = z.object({ period: period(20, 1) }).strict();
/** Parsed CMF options. */
export type CmfOptions = z.output<typeof cmfOptions>;

/**
 * Streaming Chaikin Money Flow: `Σ mfv / Σ volume` over the last `period` bars, with money-flow volume
 * `mfv = ((close−low) − (high−close))/(high−low)·volume` (0 when `high = low`). Window sums are
 * Neumaier-compensated; a window with zero total volume gives NaN (0/0, as pandas). A NaN bar gives NaN while it is
 * inside the window. Lookback `period − 1`. TA-Lib has no CMF: checked against a pandas golden file.
 *
 * @param options - `{ period = 20 }`.
 * @example
 * const c = new Cmf({ period: 2 });
 * c.update({ high: 12, low: 8, close: 11, volume: 100 }); c.update({ high: 10, low: 8, close: 8, volume: 100 }); // → -0.25
 * @see Marc Chaikin; https://school.stockcharts.com/doku.php?id=technical_indicators:chaikin_money_flow_cmf
 */
export class Cmf extends VolumeRatio {
  constructor(options?: z.input<typeof cmfOptions>) {
    super(parseWith(cmfOptions, options ?? {}, "CMF options").period, VR_MONEY_FLOW);
  }
}

/**
 * Chaikin Money Flow over bar columns (see {@link Cmf}).
 *
 * @param bars - `{ high, low, close, volume }` columns.
 * @param options - `{ period = 20 }`.
 * @example
 * cmf(bars, { period: 20 }); // NaN for the first 19 entries, then values in [−1, 1]
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:chaikin_money_flow_cmf
 */
export function cmf(bars: HlcvColumns, options?: z.input<typeof cmfOptions>): Float64Array {
  return driveHlcv(new Cmf(options), bars);
}
