import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "./internal/options.js";
import { MacdCore, MacdLines, type MacdResult, runMacd } from "./macd.js";

/** Options of {@link macdFix} / {@link MacdFix}: `signalPeriod` (bars, default 9). */
export const macdFixOptions = z.object({ signalPeriod: period(9) }).strict();
/** Parsed MACDFIX options. */
export type MacdFixOptions = z.output<typeof macdFixOptions>;

function core(signalPeriod: number): MacdCore {
  return MacdCore.ema(12, 26, signalPeriod, 0.15, 0.075);
}

/**
 * Streaming MACD with TA-Lib's fixed 12/26 smoothing constants `k = 0.15` and `0.075` (instead of 2/13 and 2/27),
 * seeded as {@link Macd}. Lookback `25 + signalPeriod − 1`.
 *
 * @param options - `{ signalPeriod = 9 }`.
 * @example
 * new MacdFix().lookback; // → 33
 * @see TA-Lib `TA_MACDFIX` (ta_MACDFIX.c).
 */
export class MacdFix extends MacdLines {
  constructor(options?: z.input<typeof macdFixOptions>) {
    super(core(parseWith(macdFixOptions, options ?? {}, "MACDFIX options").signalPeriod));
  }
}

/**
 * MACDFIX over a column: `{ macd, signal, histogram }` (see {@link MacdFix}).
 *
 * @param close - input series.
 * @param options - `{ signalPeriod = 9 }`.
 * @example
 * macdFix(close).macd; // NaN for the first 33 entries
 * @see TA-Lib `TA_MACDFIX`.
 */
export function macdFix(close: Float64Array, options?: z.input<typeof macdFixOptions>): MacdResult {
  return runMacd(core(parseWith(macdFixOptions, options ?? {}, "MACDFIX options").signalPeriod), close);
}
