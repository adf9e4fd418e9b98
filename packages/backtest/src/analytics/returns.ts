import { kahanSum, mean, perPeriodRate, sampleStd } from "./stats.js";

/**
 * Milliseconds in a Julian year (365.25 days): the calendar used by {@link cagr}.
 * @example
 * YEAR_MS; // → 31557600000
 * @see {@link cagr}
 */
export const YEAR_MS = 365.25 * 86_400_000;

/**
 * Simple period returns `r[i] = equity[i + 1] / equity[i] − 1` (length n − 1).
 *
 * @param equity - equity samples, > 0.
 * @param out - optional preallocated output of length n − 1.
 * @example
 * simpleReturns(Float64Array.of(100, 110, 99)); // → [0.1, −0.1]
 * @see https://pandas.pydata.org/docs/reference/api/pandas.Series.pct_change.html
 */
export function simpleReturns(
  equity: Float64Array,
  out = new Float64Array(Math.max(0, equity.length - 1)),
): Float64Array {
  for (let i = 1; i < equity.length; i++) out[i - 1] = equity[i]! / equity[i - 1]! - 1;
  return out;
}

/**
 * Total return over the curve: `last / first − 1`.
 *
 * @example
 * totalReturn(Float64Array.of(100, 150)); // → 0.5
 * @see {@link simpleReturns}
 */
export function totalReturn(equity: Float64Array): number {
  return equity.length < 2 ? Number.NaN : equity[equity.length - 1]! / equity[0]! - 1;
}

/**
 * Annualized return by period count (geometric): `(1 + total)^(periodsPerYear / (n − 1)) − 1`. Use it when the
 * samples are regular trading periods; {@link cagr} uses calendar time instead.
 *
 * @param periodsPerYear - e.g. 252 for daily bars (default 252).
 * @example
 * annualizedReturn(Float64Array.of(100, 121), 0.5); // → 0.1  (one period = two years)
 * @see {@link cagr}
 */
export function annualizedReturn(equity: Float64Array, periodsPerYear = 252): number {
  const n = equity.length - 1;
  return n < 1 ? Number.NaN : (1 + totalReturn(equity)) ** (periodsPerYear / n) - 1;
}

/**
 * Compound annual growth rate on calendar time: `(last / first)^(1 / years) − 1`, with years =
 * (ts[last] − ts[0]) / 365.25 days.
 *
 * @example
 * cagr(Float64Array.of(0, 2 * YEAR_MS), Float64Array.of(100, 121)); // → 0.1
 * @see https://www.investopedia.com/terms/c/cagr.asp
 */
export function cagr(ts: Float64Array, equity: Float64Array): number {
  const n = equity.length;
  if (n < 2) return Number.NaN;
  const years = (ts[n - 1]! - ts[0]!) / YEAR_MS;
  return (equity[n - 1]! / equity[0]!) ** (1 / years) - 1;
}

/**
 * Annualized volatility: sample standard deviation (n − 1) of period returns × √periodsPerYear.
 *
 * @example
 * volatility(Float64Array.of(0.01, -0.01), 252); // → 0.2245 (= 0.014142 × √252)
 * @see https://pandas.pydata.org/docs/reference/api/pandas.Series.std.html (ddof = 1)
 */
export function volatility(returns: Float64Array, periodsPerYear = 252): number {
  return sampleStd(returns) * Math.sqrt(periodsPerYear);
}

/**
 * Annualized Sharpe ratio: mean / sample std (n − 1) of excess returns `r − rf_p`, × √periodsPerYear, where the
 * per-period risk-free rate compounds to the annual one: `rf_p = (1 + rf)^(1/P) − 1`.
 *
 * @param returns - period returns.
 * @param periodsPerYear - default 252.
 * @param riskFreeRate - annual, default 0.
 * @example
 * sharpeRatio(Float64Array.of(0.02, 0, 0.01), 252, 0); // → 15.87 (= 0.01 / 0.01 × √252)
 * @see Sharpe, "The Sharpe Ratio", Journal of Portfolio Management (1994)
 */
export function sharpeRatio(returns: Float64Array, periodsPerYear = 252, riskFreeRate = 0): number {
  const rf = perPeriodRate(riskFreeRate, periodsPerYear);
  const ex = new Float64Array(returns.length);
  for (let i = 0; i < ex.length; i++) ex[i] = returns[i]! - rf;
  return (mean(ex) / sampleStd(ex)) * Math.sqrt(periodsPerYear);
}

/**
 * Annualized Sortino ratio: mean(r − mar_p) / downside deviation × √periodsPerYear, where the downside deviation
 * is `√(Σ min(0, r − mar_p)² / N)` over ALL N periods (Sortino & Price; empyrical's convention) and `mar_p`
 * compounds to the annual minimum acceptable return. +Infinity when no period falls below the target.
 *
 * @param mar - annual minimum acceptable return, default 0.
 * @example
 * sortinoRatio(Float64Array.of(0.02, -0.01, 0.02), 1, 0); // → 0.01 / √(0.0001/3) = 1.732
 * @see Sortino & Price, "Performance Measurement in a Downside Risk Framework", Journal of Investing (1994)
 */
export function sortinoRatio(returns: Float64Array, periodsPerYear = 252, mar = 0): number {
  const m = perPeriodRate(mar, periodsPerYear);
  const n = returns.length;
  if (n === 0) return Number.NaN;
  const ex = new Float64Array(n);
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = returns[i]! - m;
    ex[i] = e;
    d2[i] = e < 0 ? e * e : 0;
  }
  const dd = Math.sqrt(kahanSum(d2) / n);
  return (mean(ex) / dd) * Math.sqrt(periodsPerYear);
}
