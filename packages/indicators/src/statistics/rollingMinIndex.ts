import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "../momentum/internal/options.js";
import { driveClose } from "../util/drive.js";
import { RollingExtremumIndex } from "./internal/rollingExtremum.js";

/** Options of {@link rollingMinIndex} / {@link RollingMinIndex}: `period` (bars, integer ≥ 2, default 30). */
export const rollingMinIndexOptions = z.object({ period: period(30) }).strict();
/** Parsed rolling-min-index options. */
export type RollingMinIndexOptions = z.output<typeof rollingMinIndexOptions>;

/**
 * Streaming index (0-based position in the whole input) of the rolling min over the last `period` values, in
 * amortized O(1) per update. Ties follow TA-Lib exactly: TA-Lib keeps its current extreme while it stays in the
 * window and a new value equal to it takes over, but when the extreme leaves the window it rescans and picks the
 * *oldest* of the equal extremes; a deque that keeps ties reproduces this without rescanning. Lookback
 * `period − 1`. NaN while a NaN is inside the window.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * const m = new RollingMinIndex({ period: 2 });
 * [1, 3, 2, 0].map((x) => m.update(x)); // → [NaN, 0, 2, 3]
 * @see TA-Lib `TA_MININDEX` (ta_MININDEX.c).
 */
export class RollingMinIndex extends RollingExtremumIndex {
  constructor(options?: z.input<typeof rollingMinIndexOptions>) {
    super(parseWith(rollingMinIndexOptions, options ?? {}, "rolling min index options").period, "min");
  }
}

/**
 * Index of the rolling min over a column (see {@link RollingMinIndex}), as a Float64Array of 0-based positions.
 *
 * @param x - input series.
 * @param options - `{ period = 30 }`.
 * @example
 * rollingMinIndex(Float64Array.of(1, 3, 2, 0), { period: 2 }); // → [NaN, 0, 2, 3]
 * @see TA-Lib `TA_MININDEX`.
 */
export function rollingMinIndex(
  x: Float64Array,
  options?: z.input<typeof rollingMinIndexOptions>,
): Float64Array {
  return driveClose(new RollingMinIndex(options), x);
}
