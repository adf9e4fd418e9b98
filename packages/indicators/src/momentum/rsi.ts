import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "./internal/options.js";
import { GAIN_LOSS_RSI, GainLossOscillator, wilderGainLossSeries } from "./internal/wilderGainLoss.js";

/** Options of {@link rsi} / {@link Rsi}: `period` (bars, integer ≥ 2, default 14). */
export const rsiOptions = z.object({ period: period(14) }).strict();
/** Parsed RSI options. */
export type RsiOptions = z.output<typeof rsiOptions>;

/**
 * Streaming Relative Strength Index (Wilder): `RSI = 100·avgGain/(avgGain+avgLoss)`, where the average gain and
 * loss are seeded with the simple mean of the first `period` changes and then Wilder-smoothed
 * (`avg = (avg·(period−1) + change)/period`, computed as TA-Lib does: multiply, add, divide). When
 * `avgGain + avgLoss` is (TA-Lib-)zero the value is 0. Lookback `period`; a NaN input makes every later output NaN
 * (recursive state) until `reset()`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const r = new Rsi({ period: 2 });
 * [1, 2, 3, 2].map((x) => r.update(x)); // → [NaN, NaN, 100, 50]
 * @see TA-Lib `TA_RSI` (ta_RSI.c); J. Welles Wilder, New Concepts in Technical Trading Systems (1978).
 */
export class Rsi extends GainLossOscillator {
  constructor(options?: z.input<typeof rsiOptions>) {
    super(parseWith(rsiOptions, options ?? {}, "RSI options").period, GAIN_LOSS_RSI);
  }
}

/**
 * Relative Strength Index over a column (see {@link Rsi} for the formula and seeding).
 *
 * @param close - input series.
 * @param options - `{ period = 14 }`.
 * @returns a new Float64Array the length of `close`, NaN for the first `period` entries.
 * @example
 * rsi(Float64Array.of(1, 2, 3, 2), { period: 2 }); // → [NaN, NaN, 100, 50]
 * @see TA-Lib `TA_RSI`.
 */
export function rsi(close: Float64Array, options?: z.input<typeof rsiOptions>): Float64Array {
  return wilderGainLossSeries(
    close,
    parseWith(rsiOptions, options ?? {}, "RSI options").period,
    GAIN_LOSS_RSI,
  );
}
