import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { driveClose } from "../util/drive.js";
import { LAG_ROCR100, LagOscillator } from "./internal/lagOscillator.js";
import { period } from "./internal/options.js";

/** Options of {@link rocr100} / {@link Rocr100}: `period` (bars, integer ≥ 1, default 10). */
export const rocr100Options = z.object({ period: period(10, 1) }).strict();
/** Parsed ROCR100 options. */
export type Rocr100Options = z.output<typeof rocr100Options>;

/**
 * Streaming rate-of-change ratio ×100, `100·x/x[t−period]` (0 when the old value is 0). Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Rocr100({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 110.00000000000001]
 * @see TA-Lib `TA_ROCR100` (ta_ROCR100.c).
 */
export class Rocr100 extends LagOscillator {
  constructor(options?: z.input<typeof rocr100Options>) {
    super(parseWith(rocr100Options, options ?? {}, "ROCR100 options").period, LAG_ROCR100);
  }
}

/**
 * rate-of-change ratio ×100, `100·x/x[t−period]` (0 when the old value is 0), over a column (see {@link Rocr100}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * rocr100(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 110.00000000000001]
 * @see TA-Lib `TA_ROCR100`.
 */
export function rocr100(close: Float64Array, options?: z.input<typeof rocr100Options>): Float64Array {
  return driveClose(new Rocr100(options), close);
}
