import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import { MacdCore, type MacdResult, runMacd } from "./macd.js";

/** Options of {@link macdFix} / {@link MacdFix}: `signalPeriod` (bars, default 9). */
export const macdFixOptions = z.object({ signalPeriod: period(9) }).strict();
/** Parsed MACDFIX options. */
export type MacdFixOptions = z.output<typeof macdFixOptions>;

function core(signalPeriod: number): MacdCore {
  return new MacdCore(12, 26, signalPeriod, 0.15, 0.075);
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
export class MacdFix implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly core: MacdCore;
  constructor(options?: z.input<typeof macdFixOptions>) {
    this.core = core(parseWith(macdFixOptions, options ?? {}, "MACDFIX options").signalPeriod);
    this.lookback = this.core.lookback;
  }
  update(x: number): number {
    return this.core.update(x);
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.core.macd;
  }
  /** The MACD line. */
  get macd(): number {
    return this.core.macd;
  }
  /** The signal line. */
  get signal(): number {
    return this.core.signal;
  }
  /** MACD − signal. */
  get histogram(): number {
    return this.core.histogram;
  }
  get isReady(): boolean {
    return this.core.isReady;
  }
  reset(): void {
    this.core.reset();
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
