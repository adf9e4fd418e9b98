import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { MaCore } from "./internal/maCore.js";
import { maType, period } from "./internal/options.js";
import { MacdCore, MacdLines, type MacdResult, runMacd } from "./macd.js";

/**
 * Options of {@link macdExt} / {@link MacdExt}: periods `fastPeriod` (12), `slowPeriod` (26), `signalPeriod` (9)
 * and their moving-average kinds `fastMaType`, `slowMaType`, `signalMaType` (`"sma"`, TA-Lib's default MAType 0,
 * or `"ema"`).
 */
export const macdExtOptions = z
  .object({
    fastPeriod: period(12),
    fastMaType: maType.default("sma"),
    slowPeriod: period(26),
    slowMaType: maType.default("sma"),
    signalPeriod: period(9),
    signalMaType: maType.default("sma"),
  })
  .strict();
/** Parsed MACDEXT options. */
export type MacdExtOptions = z.output<typeof macdExtOptions>;

/** MACDEXT's kernel: `MacdCore` over `MaCore`s of the chosen types (fast/slow swapped as TA-Lib does). */
function macdExtCore(o: MacdExtOptions): MacdCore {
  let [fp, ft, sp, st] = [o.fastPeriod, o.fastMaType, o.slowPeriod, o.slowMaType];
  if (sp < fp) [fp, ft, sp, st] = [sp, st, fp, ft];
  const sig = new MaCore(o.signalPeriod, o.signalMaType);
  return new MacdCore(new MaCore(fp, ft), new MaCore(sp, st), sig, sp - fp, sp - 1, sp - 1 + sig.lookback);
}

/**
 * Streaming MACD with selectable moving averages: `macd = MA_fast(x) − MA_slow(x)`, `signal = MA_signal(macd)`,
 * `histogram = macd − signal`. As in TA-Lib, if `slowPeriod < fastPeriod` the periods and their MA kinds are
 * swapped; both price MAs start at bar `slowPeriod − 1` (so an EMA fast MA is seeded with the SMA of the
 * `fastPeriod` inputs ending there, as in {@link Macd}), and the signal MA starts with the first MACD value.
 * `update` returns `macd`. Lookback `slowPeriod − 1 + signalPeriod − 1`.
 *
 * @param options - see {@link macdExtOptions}.
 * @example
 * new MacdExt({ fastMaType: "ema", slowMaType: "ema", signalMaType: "ema" }).lookback; // → 33
 * @see TA-Lib `TA_MACDEXT` (ta_MACDEXT.c).
 */
export class MacdExt extends MacdLines {
  constructor(options?: z.input<typeof macdExtOptions>) {
    super(macdExtCore(parseWith(macdExtOptions, options ?? {}, "MACDEXT options")));
  }
}

/**
 * MACDEXT over a column (see {@link MacdExt}): `{ macd, signal, histogram }`.
 *
 * @param close - input series.
 * @param options - see {@link macdExtOptions}.
 * @example
 * macdExt(close, { fastMaType: "ema", slowMaType: "ema" }).signal; // NaN for the first 33 entries
 * @see TA-Lib `TA_MACDEXT`.
 */
export function macdExt(close: Float64Array, options?: z.input<typeof macdExtOptions>): MacdResult {
  return runMacd(macdExtCore(parseWith(macdExtOptions, options ?? {}, "MACDEXT options")), close);
}
