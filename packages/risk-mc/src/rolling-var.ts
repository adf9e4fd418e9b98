import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { type Series, toSeries } from "./moments.js";
import { type RiskOptions, riskMeasures } from "./value-at-risk.js";
import {
  type ChristoffersenResult,
  christoffersenTest,
  type KupiecResult,
  kupiecTest,
} from "./var-backtest.js";

/** Result of {@link backtestVaR}. */
export interface VarBacktest {
  /** VaR forecast for each period made from the `window` returns before it (NaN for the first `window`). */
  readonly forecasts: Float64Array;
  /** Expected-shortfall forecasts, aligned with `forecasts`. */
  readonly esForecasts: Float64Array;
  /** Exception flags for periods `window … n − 1`: 1 when returns[t] < −forecasts[t] (loss beyond VaR). */
  readonly exceptions: Uint8Array;
  /** Index of the first tested period (= window). */
  readonly start: number;
  readonly exceptionCount: number;
  readonly kupiec: KupiecResult;
  readonly christoffersen: ChristoffersenResult;
}

const backtestOptions = z.object({
  /** Estimation window in periods (≥ 20). @default 250 */
  window: z.number().int().min(20).default(250),
});

/**
 * Rolling (walk-forward) VaR backtest: for each period t ≥ window, forecasts VaR/ES from returns[t − window, t)
 * with {@link riskMeasures}, flags an exception when the realized return is below −VaR, and runs the Kupiec and
 * Christoffersen tests on the flags. Nothing at or after t enters the forecast for t.
 *
 * @param returns - per-period simple returns.
 * @param options - `window` (250) plus every {@link riskMeasures} option (`level` 0.95, `method`, `quantile`, …).
 * @example
 * const bt = backtestVaR(orclReturns, { window: 250, level: 0.99 });
 * bt.exceptionCount; // → 59 of 4785 days for ORCL 1996–2014 (expected 47.9); bt.kupiec.pValue → 0.118
 * @see https://www.bis.org/publ/bcbsc223.pdf (Basel supervisory backtesting framework)
 */
export function backtestVaR(returns: Series, options: RiskOptions & { window?: number } = {}): VarBacktest {
  const { window } = parseWith(backtestOptions, { window: options.window }, "backtestVaR options");
  const { window: _w, ...risk } = options;
  const x = toSeries(returns, "backtestVaR returns", window + 1);
  const n = x.length;
  const forecasts = new Float64Array(n).fill(Number.NaN);
  const esForecasts = new Float64Array(n).fill(Number.NaN);
  const exceptions = new Uint8Array(n - window);
  let count = 0;
  for (let t = window; t < n; t++) {
    const est = riskMeasures(x.subarray(t - window, t), risk);
    forecasts[t] = est.valueAtRisk;
    esForecasts[t] = est.expectedShortfall;
    const e = x[t]! < -est.valueAtRisk ? 1 : 0;
    exceptions[t - window] = e;
    count += e;
  }
  const level = risk.level ?? 0.95;
  return {
    forecasts,
    esForecasts,
    exceptions,
    start: window,
    exceptionCount: count,
    kupiec: kupiecTest(exceptions, { level }),
    christoffersen: christoffersenTest(exceptions, { level }),
  };
}
