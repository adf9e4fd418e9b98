import { parseWith } from "@quantkit/core";
import type { z } from "zod";
import { driveClose } from "../util/drive.js";
import { PO_APO, PriceOscillator, priceOscillatorOptions } from "./internal/poCore.js";

/**
 * Options of {@link apo} / {@link Apo}: `fastPeriod` (12), `slowPeriod` (26), `maType` ("sma", TA-Lib's
 * default MAType 0; "ema" is SMA-seeded as in TA-Lib).
 */
export const apoOptions = priceOscillatorOptions;
/** Parsed APO options. */
export type ApoOptions = z.output<typeof apoOptions>;

/**
 * Streaming APO (absolute price oscillator): `fast − slow` with `fast = MA(x, fastPeriod)`
 * and `slow = MA(x, slowPeriod)` (swapped if `slowPeriod < fastPeriod`); with `maType: "ema"` each EMA is seeded
 * with the SMA of its first inputs (unlike TA-Lib's MACD, the fast EMA is not delayed). Lookback `slowPeriod − 1`.
 *
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, maType = "sma" }`.
 * @example
 * const o = new Apo({ fastPeriod: 2, slowPeriod: 3 });
 * [2, 4, 6].map((x) => o.update(x)); // → [NaN, NaN, 1]
 * @see TA-Lib `TA_APO` (ta_APO.c).
 */
export class Apo extends PriceOscillator {
  constructor(options?: z.input<typeof apoOptions>) {
    super(parseWith(apoOptions, options ?? {}, "APO options"), PO_APO);
  }
}

/**
 * APO over a column (see {@link Apo}).
 *
 * @param close - input series.
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, maType = "sma" }`.
 * @example
 * apo(Float64Array.of(2, 4, 6), { fastPeriod: 2, slowPeriod: 3 }); // → [NaN, NaN, 1]
 * @see TA-Lib `TA_APO`.
 */
export function apo(close: Float64Array, options?: z.input<typeof apoOptions>): Float64Array {
  return driveClose(new Apo(options), close);
}
