import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "./internal/options.js";
import { GAIN_LOSS_CMO, GainLossOscillator, wilderGainLossSeries } from "./internal/wilderGainLoss.js";

/** Options of {@link cmo} / {@link Cmo}: `period` (bars, integer ≥ 2, default 14). */
export const cmoOptions = z.object({ period: period(14) }).strict();
/** Parsed CMO options. */
export type CmoOptions = z.output<typeof cmoOptions>;

/**
 * Streaming Chande Momentum Oscillator as TA-Lib computes it: `CMO = 100·(avgGain − avgLoss)/(avgGain + avgLoss)`
 * with the same Wilder-smoothed averages as {@link Rsi} (seeded with the mean of the first `period` changes), not
 * Chande's plain sums; 0 when the denominator is TA-Lib-zero. Range [−100, 100]. Lookback `period`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const c = new Cmo({ period: 2 });
 * [1, 2, 3, 2].map((x) => c.update(x)); // → [NaN, NaN, 100, 0]
 * @see TA-Lib `TA_CMO` (ta_CMO.c); Tushar Chande & Stanley Kroll, The New Technical Trader (1994).
 */
export class Cmo extends GainLossOscillator {
  constructor(options?: z.input<typeof cmoOptions>) {
    super(parseWith(cmoOptions, options ?? {}, "CMO options").period, GAIN_LOSS_CMO);
  }
}

/**
 * Chande Momentum Oscillator over a column (see {@link Cmo}).
 *
 * @param close - input series.
 * @param options - `{ period = 14 }`.
 * @example
 * cmo(Float64Array.of(1, 2, 3, 2), { period: 2 }); // → [NaN, NaN, 100, 0]
 * @see TA-Lib `TA_CMO`.
 */
export function cmo(close: Float64Array, options?: z.input<typeof cmoOptions>): Float64Array {
  return wilderGainLossSeries(
    close,
    parseWith(cmoOptions, options ?? {}, "CMO options").period,
    GAIN_LOSS_CMO,
  );
}
