import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { driveClose } from "../util/drive.js";
import { LAG_ROC, LagOscillator } from "./internal/lagOscillator.js";
import { period } from "./internal/options.js";

/** Options of {@link roc} / {@link Roc}: `period` (bars, integer ≥ 1, default 10). */
export const rocOptions = z.object({ period: period(10, 1) }).strict();
/** Parsed ROC options. */
export type RocOptions = z.output<typeof rocOptions>;

/**
 * Streaming rate of change in percent, `100·(x/x[t−period] − 1)` (0 when the old value is 0). Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Roc({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 10.000000000000009]
 * @see TA-Lib `TA_ROC` (ta_ROC.c).
 */
export class Roc extends LagOscillator {
  constructor(options?: z.input<typeof rocOptions>) {
    super(parseWith(rocOptions, options ?? {}, "ROC options").period, LAG_ROC);
  }
}

/**
 * rate of change in percent, `100·(x/x[t−period] − 1)` (0 when the old value is 0), over a column (see {@link Roc}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * roc(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 10.000000000000009]
 * @see TA-Lib `TA_ROC`.
 */
export function roc(close: Float64Array, options?: z.input<typeof rocOptions>): Float64Array {
  return driveClose(new Roc(options), close);
}
