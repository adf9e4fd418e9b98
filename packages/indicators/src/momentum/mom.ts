import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { driveClose } from "../util/drive.js";
import { LAG_MOM, LagOscillator } from "./internal/lagOscillator.js";
import { period } from "./internal/options.js";

/** Options of {@link mom} / {@link Mom}: `period` (bars, integer ≥ 1, default 10). */
export const momOptions = z.object({ period: period(10, 1) }).strict();
/** Parsed MOM options. */
export type MomOptions = z.output<typeof momOptions>;

/**
 * Streaming momentum, `x − x[t−period]`. Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Mom({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 10]
 * @see TA-Lib `TA_MOM` (ta_MOM.c).
 */
export class Mom extends LagOscillator {
  constructor(options?: z.input<typeof momOptions>) {
    super(parseWith(momOptions, options ?? {}, "MOM options").period, LAG_MOM);
  }
}

/**
 * momentum, `x − x[t−period]`, over a column (see {@link Mom}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * mom(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 10]
 * @see TA-Lib `TA_MOM`.
 */
export function mom(close: Float64Array, options?: z.input<typeof momOptions>): Float64Array {
  return driveClose(new Mom(options), close);
}
