import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "../momentum/internal/options.js";
import { driveClose } from "../util/drive.js";
import { RollingExtremumValue } from "./internal/rollingExtremum.js";

/** Options of {@link rollingMax} / {@link RollingMax}: `period` (bars, integer ≥ 2, default 30 as TA-Lib). */
export const rollingMaxOptions = z.object({ period: period(30) }).strict();
/** Parsed rolling-max options. */
export type RollingMaxOptions = z.output<typeof rollingMaxOptions>;

/**
 * Streaming rolling max over the last `period` values in amortized O(1) per update (a monotonic deque over typed
 * arrays). Lookback `period − 1`. NaN while a NaN is inside the window, then values resume.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * const m = new RollingMax({ period: 2 });
 * [1, 3, 2, 0].map((x) => m.update(x)); // → [NaN, 3, 3, 2]
 * @see TA-Lib `TA_MAX` (ta_MAX.c).
 */
export class RollingMax extends RollingExtremumValue {
  constructor(options?: z.input<typeof rollingMaxOptions>) {
    super(parseWith(rollingMaxOptions, options ?? {}, "rolling max options").period, "max");
  }
}

/**
 * Rolling max over a column (see {@link RollingMax}).
 *
 * @param x - input series.
 * @param options - `{ period = 30 }`.
 * @example
 * rollingMax(Float64Array.of(1, 3, 2, 0), { period: 2 }); // → [NaN, 3, 3, 2]
 * @see TA-Lib `TA_MAX`.
 */
export function rollingMax(x: Float64Array, options?: z.input<typeof rollingMaxOptions>): Float64Array {
  return driveClose(new RollingMax(options), x);
}
