import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { HlcColumns } from "../indicator.js";
import { maType, period } from "./internal/options.js";
import { StochasticLines, stochasticSeries } from "./internal/stochastic.js";

/** Options of {@link stochF} / {@link StochF}: `fastKPeriod` (5), `fastDPeriod` (3), `fastDMaType` ("sma"). */
export const stochFOptions = z
  .object({ fastKPeriod: period(5, 1), fastDPeriod: period(3, 1), fastDMaType: maType.default("sma") })
  .strict();
/** Parsed fast-stochastic options. */
export type StochFOptions = z.output<typeof stochFOptions>;

/** Fast stochastic columns. */
export interface StochFResult {
  readonly fastK: Float64Array;
  readonly fastD: Float64Array;
}

/**
 * Streaming fast Stochastic: `fastK = 100·(close − LL)/(HH − LL)` over `fastKPeriod` bars (0 when HH = LL) and
 * `fastD = MA(fastK, fastDPeriod)`. `update` returns `fastK`; `fastD` is a getter. Lookback
 * `(fastKPeriod − 1) + (fastDPeriod − 1)`.
 *
 * @param options - see {@link stochFOptions}.
 * @example
 * new StochF().lookback; // → 6
 * @see TA-Lib `TA_STOCHF` (ta_STOCHF.c).
 */
export class StochF extends StochasticLines {
  constructor(options?: z.input<typeof stochFOptions>) {
    const o = parseWith(stochFOptions, options ?? {}, "STOCHF options");
    super(o.fastKPeriod, null, [o.fastDPeriod, o.fastDMaType]);
  }
  /** Fast %K. */
  get fastK(): number {
    return this.value;
  }
  /** Fast %D. */
  get fastD(): number {
    return this.dValue;
  }
}

/**
 * Fast Stochastic over bar columns (see {@link StochF}): `{ fastK, fastD }`.
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - see {@link stochFOptions}.
 * @example
 * stochF(bars).fastD; // NaN for the first 6 entries
 * @see TA-Lib `TA_STOCHF`.
 */
export function stochF(bars: HlcColumns, options?: z.input<typeof stochFOptions>): StochFResult {
  const [k, d] = stochasticSeries(new StochF(options), bars);
  return { fastK: k, fastD: d };
}
