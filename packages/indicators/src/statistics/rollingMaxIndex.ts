import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "../momentum/internal/options.js";
import { driveClose } from "../util/drive.js";
import { RollingExtremumIndex } from "./internal/rollingExtremum.js";

/** Options of {@link rollingMaxIndex} / {@link RollingMaxIndex}: `period` (bars, integer ≥ 2, default 30). */
export const rollingMaxIndexOptions = z.object({ period: period(30) }).strict();
/** Parsed rolling-max-index options. */
export type RollingMaxIndexOptions = z.output<typeof rollingMaxIndexOptions>;

/**
 * Streaming index (0-based position in the whole input) of the rolling max over the last `period` values, in
 * amortized O(1) per update. Ties follow TA-Lib exactly: TA-Lib keeps its current extreme while it stays in the
 * window and a new value equal to it takes over, but when the extreme leaves the window it rescans and picks the
 * *oldest* of the equal extremes; a deque that keeps ties reproduces this without rescanning. Lookback
 * `period − 1`. NaN while a NaN is inside the window.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * const m = new RollingMaxIndex({ period: 2 });
 * [1, 3, 2, 0].map((x) => m.update(x)); // → [NaN, 1, 1, 2]
 * @see TA-Lib `TA_MAXINDEX` (ta_MAXINDEX.c).
 */
export class RollingMaxIndex extends RollingExtremumIndex {
  constructor(options?: z.input<typeof rollingMaxIndexOptions>) {
    super(parseWith(rollingMaxIndexOptions, options ?? {}, "rolling max index options").period, "max");
  }
}

/**
 * Index of the rolling max over a column (see {@link RollingMaxIndex}), as a Float64Array of 0-based positions.
 *
 * @param x - input series.
 * @param options - `{ period = 30 }`.
 * @example
 * rollingMaxIndex(Float64Array.of(1, 3, 2, 0), { period: 2 }); // → [NaN, 1, 1, 2]
 * @see TA-Lib `TA_MAXINDEX`.
 */
export function rollingMaxIndex(
  x: Float64Array,
  options?: z.input<typeof rollingMaxIndexOptions>,
): Float64Array {
  return driveClose(new RollingMaxIndex(options), x);
}
