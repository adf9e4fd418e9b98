import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { LAG_LOG_RETURNS, LagOscillator } from "../momentum/internal/lagOscillator.js";
import { period } from "../momentum/internal/options.js";
import { driveClose } from "../util/drive.js";

/** Options of {@link logReturns} / {@link LogReturns}: `period` (bars between the two prices, integer ≥ 1, default 1). */
export const logReturnsOptions = z.object({ period: period(1, 1) }).strict();
/** Parsed logReturns options. */
export type LogReturnsOptions = z.output<typeof logReturnsOptions>;

/**
 * Streaming log returns `ln(x/x[t−period])`. Lookback `period`. NaN in either price gives NaN; no value is skipped or filled. Checked against
 * a pandas golden file.
 *
 * @param options - `{ period = 1 }`.
 * @example
 * const r = new LogReturns();
 * [100, 110].map((x) => r.update(x)); // → [NaN, 0.09531017980432493]
 * @see https://en.wikipedia.org/wiki/Rate_of_return#Logarithmic_or_continuously_compounded_return
 */
export class LogReturns extends LagOscillator {
  constructor(options?: z.input<typeof logReturnsOptions>) {
    super(parseWith(logReturnsOptions, options ?? {}, "logReturns options").period, LAG_LOG_RETURNS);
  }
}

/**
 * log returns `ln(x/x[t−period])`, over a column (see {@link LogReturns}).
 *
 * @param close - price series.
 * @param options - `{ period = 1 }`.
 * @example
 * logReturns(Float64Array.of(100, 110)); // → [NaN, 0.09531017980432493]
 * @see https://en.wikipedia.org/wiki/Rate_of_return#Logarithmic_or_continuously_compounded_return
 */
export function logReturns(close: Float64Array, options?: z.input<typeof logReturnsOptions>): Float64Array {
  return driveClose(new LogReturns(options), close);
}
