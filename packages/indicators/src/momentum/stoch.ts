import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { HlcColumns } from "../indicator.js";
import { maType, period } from "./internal/options.js";
import { StochasticLines, stochasticSeries } from "./internal/stochastic.js";

/**
 * Options of {@link stoch} / {@link Stoch}: `fastKPeriod` (5), `slowKPeriod` (3), `slowKMaType` ("sma"),
 * `slowDPeriod` (3), `slowDMaType` ("sma") — TA-Lib's `optInFastK_Period`, `optInSlowK_Period`, … and defaults.
 */
export const stochOptions = z
  .object({
    fastKPeriod: period(5, 1),
    slowKPeriod: period(3, 1),
    slowKMaType: maType.default("sma"),
    slowDPeriod: period(3, 1),
    slowDMaType: maType.default("sma"),
  })
  .strict();
/** Parsed Stochastic options. */
export type StochOptions = z.output<typeof stochOptions>;

/** Slow stochastic columns. */
export interface StochResult {
  readonly slowK: Float64Array;
  readonly slowD: Float64Array;
}

/**
 * Streaming slow Stochastic oscillator (Lane): raw `%K = 100·(close − LL)/(HH − LL)` over `fastKPeriod` bars
 * (0 when HH = LL), `slowK = MA(%K, slowKPeriod)`, `slowD = MA(slowK, slowDPeriod)`; MAs are SMA (default) or
 * SMA-seeded EMA. `update` returns `slowK`; `slowD` is a getter. Lookback
 * `(fastKPeriod − 1) + (slowKPeriod − 1) + (slowDPeriod − 1)`.
 *
 * @param options - see {@link stochOptions}.
 * @example
 * new Stoch().lookback; // → 8
 * @see TA-Lib `TA_STOCH` (ta_STOCH.c); George Lane, "Lane's Stochastics" (1984).
 */
export class Stoch extends StochasticLines {
  constructor(options?: z.input<typeof stochOptions>) {
    const o = parseWith(stochOptions, options ?? {}, "STOCH options");
    super(o.fastKPeriod, [o.slowKPeriod, o.slowKMaType], [o.slowDPeriod, o.slowDMaType]);
  }
  /** Slow %K. */
  get slowK(): number {
    return this.value;
  }
  /** Slow %D. */
  get slowD(): number {
    return this.dValue;
  }
}

/**
 * Slow Stochastic over bar columns (see {@link Stoch}): `{ slowK, slowD }`, NaN for the first `lookback` entries.
 *
 * @param bars - `{ high, low, close }` columns (a `Bars` object works).
 * @param options - see {@link stochOptions}.
 * @example
 * stoch(bars, { fastKPeriod: 14 }).slowK; // NaN for the first 17 entries
 * @see TA-Lib `TA_STOCH`.
 */
export function stoch(bars: HlcColumns, options?: z.input<typeof stochOptions>): StochResult {
  const [k, d] = stochasticSeries(new Stoch(options), bars);
  return { slowK: k, slowD: d };
}
