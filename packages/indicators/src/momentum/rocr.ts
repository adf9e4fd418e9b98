import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { driveClose } from "../util/drive.js";
import { LAG_ROCR, LagOscillator } from "./internal/lagOscillator.js";
import { period } from "./internal/options.js";

/** Options of {@link rocr} / {@link Rocr}: `period` (bars, integer ≥ 1, default 10). */
export const rocrOptions = z.object({ period: period(10, 1) }).strict();
/** Parsed ROCR options. */
export type RocrOptions = z.output<typeof rocrOptions>;

/**
 * Streaming rate-of-change ratio, `x/x[t−period]` (0 when the old value is 0). Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Rocr({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 1.1]
 * @see TA-Lib `TA_ROCR` (ta_ROCR.c).
 */
export class Rocr extends LagOscillator {
  constructor(options?: z.input<typeof rocrOptions>) {
    super(parseWith(rocrOptions, options ?? {}, "ROCR options").period, LAG_ROCR);
  }
}

/**
 * rate-of-change ratio, `x/x[t−period]` (0 when the old value is 0), over a column (see {@link Rocr}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * rocr(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 1.1]
 * @see TA-Lib `TA_ROCR`.
 */
export function rocr(close: Float64Array, options?: z.input<typeof rocrOptions>): Float64Array {
  return driveClose(new Rocr(options), close);
}
