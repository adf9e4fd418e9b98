import { parseWith } from "@quantkit/core";
import type { z } from "zod";
import { driveClose } from "../util/drive.js";
import { PO_PPO, PriceOscillator, priceOscillatorOptions } from "./internal/poCore.js";

/**
 * Options of {@link ppo} / {@link Ppo}: `fastPeriod` (12), `slowPeriod` (26), `maType` ("sma", TA-Lib's
 * default MAType 0; "ema" is SMA-seeded as in TA-Lib).
 */
export const ppoOptions = priceOscillatorOptions;
/** Parsed PPO options. */
export type PpoOptions = z.output<typeof ppoOptions>;

/**
 * Streaming PPO (percentage price oscillator): `100·(fast − slow)/slow` (0 when slow is TA-Lib-zero) with `fast = MA(x, fastPeriod)`
 * and `slow = MA(x, slowPeriod)` (swapped if `slowPeriod < fastPeriod`); with `maType: "ema"` each EMA is seeded
 * with the SMA of its first inputs (unlike TA-Lib's MACD, the fast EMA is not delayed). Lookback `slowPeriod − 1`.
 *
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, maType = "sma" }`.
 * @example
 * const o = new Ppo({ fastPeriod: 2, slowPeriod: 3 });
 * [2, 4, 6].map((x) => o.update(x)); // → [NaN, NaN, 25]
 * @see TA-Lib `TA_PPO` (ta_PPO.c).
 */
export class Ppo extends PriceOscillator {
  constructor(options?: z.input<typeof ppoOptions>) {
    super(parseWith(ppoOptions, options ?? {}, "PPO options"), PO_PPO);
  }
}

/**
 * PPO over a column (see {@link Ppo}).
 *
 * @param close - input series.
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, maType = "sma" }`.
 * @example
 * ppo(Float64Array.of(2, 4, 6), { fastPeriod: 2, slowPeriod: 3 }); // → [NaN, NaN, 25]
 * @see TA-Lib `TA_PPO`.
 */
export function ppo(close: Float64Array, options?: z.input<typeof ppoOptions>): Float64Array {
  return driveClose(new Ppo(options), close);
}
