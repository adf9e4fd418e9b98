import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { LAG_RETURNS, LagOscillator } from "../momentum/internal/lagOscillator.js";
import { period } from "../momentum/internal/options.js";
import { driveClose } from "../util/drive.js";

/** Options of {@link returns} / {@link Returns}: `period` (bars between the two prices, integer ≥ 1, default 1). */
export const returnsOptions = z.object({ period: period(1, 1) }).strict();
/** Parsed returns options. */
export type ReturnsOptions = z.output<typeof returnsOptions>;

/**
 * Streaming simple returns `x/x[t−period] − 1`. Lookback `period`. NaN in either price gives NaN; no value is skipped or filled. Checked against
 * a pandas golden file.
 *
 * @param options - `{ period = 1 }`.
 * @example
 * const r = new Returns();
 * [100, 110].map((x) => r.update(x)); // → [NaN, 0.10000000000000009]
 * @see https://en.wikipedia.org/wiki/Rate_of_return
 */
export class Returns extends LagOscillator {
  constructor(options?: z.input<typeof returnsOptions>) {
    super(parseWith(returnsOptions, options ?? {}, "returns options").period, LAG_RETURNS);
  }
}

/**
 * simple returns `x/x[t−period] − 1`, over a column (see {@link Returns}).
 *
 * @param close - price series.
 * @param options - `{ period = 1 }`.
 * @example
 * returns(Float64Array.of(100, 110)); // → [NaN, 0.10000000000000009]
 * @see https://en.wikipedia.org/wiki/Rate_of_return
 */
export function returns(close: Float64Array, options?: z.input<typeof returnsOptions>): Float64Array {
  return driveClose(new Returns(options), close);
}
