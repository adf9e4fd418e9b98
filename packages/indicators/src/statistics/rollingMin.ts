import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "../momentum/internal/options.js";
import { driveClose } from "../util/drive.js";
import { RollingExtremumValue } from "./internal/rollingExtremum.js";

/** Options of {@link rollingMin} / {@link RollingMin}: `period` (bars, integer ≥ 2, default 30 as TA-Lib). */
export const rollingMinOptions = z.object({ period: period(30) }).strict();
/** Parsed rolling-min options. */
export type RollingMinOptions = z.output<typeof rollingMinOptions>;

/**
 * Streaming rolling min over the last `period` values in amortized O(1) per update (a monotonic deque over typed
 * arrays). Lookback `period − 1`. NaN while a NaN is inside the window, then values resume.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * const m = new RollingMin({ period: 2 });
 * [1, 3, 2, 0].map((x) => m.update(x)); // → [NaN, 1, 2, 0]
 * @see TA-Lib `TA_MIN` (ta_MIN.c).
 */
export class RollingMin extends RollingExtremumValue {
  constructor(options?: z.input<typeof rollingMinOptions>) {
    super(parseWith(rollingMinOptions, options ?? {}, "rolling min options").period, "min");
  }
}

/**
 * Rolling min over a column (see {@link RollingMin}).
 *
 * @param x - input series.
 * @param options - `{ period = 30 }`.
 * @example
 * rollingMin(Float64Array.of(1, 3, 2, 0), { period: 2 }); // → [NaN, 1, 2, 0]
 * @see TA-Lib `TA_MIN`.
 */
export function rollingMin(x: Float64Array, options?: z.input<typeof rollingMinOptions>): Float64Array {
  return driveClose(new RollingMin(options), x);
}
