import { mean, perPeriodRate, sampleCovariance, sampleStd, sampleVariance } from "./stats.js";

/**
 * The buy-and-hold benchmark equity: `initial × price[i] / price[0]` (use a total-return price such as Adj Close to
 * include dividends). This is the default benchmark of a backtest on one instrument.
 *
 * @example
 * buyAndHold(Float64Array.of(10, 12, 9), 100); // → [100, 120, 90]
 * @see https://www.investopedia.com/terms/b/buyandhold.asp
 */
export function buyAndHold(
  price: Float64Array,
  initial = 1,
  out = new Float64Array(price.length),
): Float64Array {
  const p0 = price[0]!;
  for (let i = 0; i < price.length; i++) out[i] = (initial * price[i]!) / p0;
  return out;
}

/**
 * CAPM beta of returns `r` on benchmark returns `b`: sample cov(r, b) / sample var(b) (n − 1 both).
 *
 * @example
 * beta(Float64Array.of(0.02, -0.02, 0.04), Float64Array.of(0.01, -0.01, 0.02)); // → 2
 * @see Sharpe, "Capital Asset Prices", Journal of Finance (1964); CAPM beta
 */
export function beta(r: Float64Array, b: Float64Array): number {
  return sampleCovariance(r, b) / sampleVariance(b);
}

/**
 * Annualized Jensen's alpha: `(mean(r − rf_p) − β × mean(b − rf_p)) × periodsPerYear` (arithmetic annualization).
 *
 * @param riskFreeRate - annual risk-free rate (default 0), compounded to a per-period rate.
 * @example
 * alpha(Float64Array.of(0.03, -0.01, 0.05), Float64Array.of(0.01, -0.01, 0.02), 1); // → 0.01 (β = 2)
 * @see Jensen, "The Performance of Mutual Funds in the Period 1945–1964", Journal of Finance (1968)
 */
export function alpha(r: Float64Array, b: Float64Array, periodsPerYear = 252, riskFreeRate = 0): number {
  const rf = perPeriodRate(riskFreeRate, periodsPerYear);
  return (mean(r) - rf - beta(r, b) * (mean(b) - rf)) * periodsPerYear;
}

/** Active returns `r − b`. */
function active(r: Float64Array, b: Float64Array): Float64Array {
  const a = new Float64Array(r.length);
  for (let i = 0; i < a.length; i++) a[i] = r[i]! - b[i]!;
  return a;
}

/**
 * Annualized tracking error: sample std of active returns `r − b` × √periodsPerYear.
 *
 * @example
 * trackingError(Float64Array.of(0.02, 0), Float64Array.of(0.01, 0.01), 1); // → 0.01414
 * @see Grinold & Kahn, "Active Portfolio Management" (2000), ch. 5
 */
export function trackingError(r: Float64Array, b: Float64Array, periodsPerYear = 252): number {
  return sampleStd(active(r, b)) * Math.sqrt(periodsPerYear);
}

/**
 * Annualized information ratio: mean(r − b) / sample std(r − b) × √periodsPerYear; NaN when the active returns are
 * constant (e.g. the strategy IS the benchmark).
 *
 * @example
 * informationRatio(Float64Array.of(0.03, 0.01), Float64Array.of(0.01, 0.01), 1); // → 0.7071
 * @see Grinold & Kahn, "Active Portfolio Management" (2000), ch. 5
 */
export function informationRatio(r: Float64Array, b: Float64Array, periodsPerYear = 252): number {
  const a = active(r, b);
  const sd = sampleStd(a);
  return sd > 0 ? (mean(a) / sd) * Math.sqrt(periodsPerYear) : Number.NaN;
}
