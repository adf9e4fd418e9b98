import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { driveClose } from "../util/drive.js";
import { LAG_ROCP, LagOscillator } from "./internal/lagOscillator.js";
import { period } from "./internal/options.js";

/** Options of {@link rocp} / {@link Rocp}: `period` (bars, integer ≥ 1, default 10). */
export const rocpOptions = z.object({ period: period(10, 1) }).strict();
/** Parsed ROCP options. */
export type RocpOptions = z.output<typeof rocpOptions>;

/**
 * Streaming rate of change as a fraction, `(x − x[t−period])/x[t−period]` (0 when the old value is 0). Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Rocp({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 0.1]
 * @see TA-Lib `TA_ROCP` (ta_ROCP.c).
 */
export class Rocp extends LagOscillator {
  constructor(options?: z.input<typeof rocpOptions>) {
    super(parseWith(rocpOptions, options ?? {}, "ROCP options").period, LAG_ROCP);
  }
}

/**
 * rate of change as a fraction, `(x − x[t−period])/x[t−period]` (0 when the old value is 0), over a column (see {@link Rocp}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * rocp(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 0.1]
 * @see TA-Lib `TA_ROCP`.
 */
export function rocp(close: Float64Array, options?: z.input<typeof rocpOptions>): Float64Array {
  return driveClose(new Rocp(options), close);
}
