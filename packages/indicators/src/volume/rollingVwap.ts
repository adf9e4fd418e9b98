import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "../momentum/internal/options.js";
import type { HlcvColumns } from "../momentum/mfi.js";
import { driveHlcv } from "../util/drive.js";
import { VolumeRatio, VR_CLOSE, VR_TYPICAL } from "./internal/volumeRatio.js";

/** Price used by VWAP: the typical price `(high+low+close)/3` (default) or the close. */
export const vwapPrice = z.enum(["typical", "close"]);

/** Options of {@link rollingVwap} / {@link RollingVwap}: `period` (bars, default 20), `price` ("typical"). */
export const rollingVwapOptions = z
  .object({ period: period(20, 1), price: vwapPrice.default("typical") })
  .strict();
/** Parsed rolling-VWAP options. */
export type RollingVwapOptions = z.output<typeof rollingVwapOptions>;

/**
 * Streaming rolling VWAP: `Σ price·volume / Σ volume` over the last `period` bars, price = typical price
 * `(high+low+close)/3` or close. Neumaier-compensated window sums; zero total volume gives NaN; a NaN bar gives NaN
 * while inside the window. Lookback `period − 1`. Checked against a pandas golden file (TA-Lib has no VWAP).
 *
 * @param options - `{ period = 20, price = "typical" }`.
 * @example
 * const v = new RollingVwap({ period: 2, price: "close" });
 * v.update({ high: 10, low: 10, close: 10, volume: 1 }); v.update({ high: 13, low: 13, close: 13, volume: 2 }); // → 12
 * @see https://en.wikipedia.org/wiki/Volume-weighted_average_price
 */
export class RollingVwap extends VolumeRatio {
  constructor(options?: z.input<typeof rollingVwapOptions>) {
    const o = parseWith(rollingVwapOptions, options ?? {}, "rolling VWAP options");
    super(o.period, o.price === "typical" ? VR_TYPICAL : VR_CLOSE);
  }
}

/**
 * Rolling VWAP over bar columns (see {@link RollingVwap}).
 *
 * @param bars - `{ high, low, close, volume }` columns.
 * @param options - `{ period = 20, price = "typical" }`.
 * @example
 * rollingVwap(bars, { period: 20 }); // NaN for the first 19 entries
 * @see https://en.wikipedia.org/wiki/Volume-weighted_average_price
 */
export function rollingVwap(bars: HlcvColumns, options?: z.input<typeof rollingVwapOptions>): Float64Array {
  return driveHlcv(new RollingVwap(options), bars);
}
