import { perPeriodRate } from "./stats.js";

/**
 * Rolling annualized Sharpe ratio over the trailing `window` returns: `out[i]` uses `returns[i − window + 1 .. i]`
 * (NaN before the window fills, and wherever the window holds a NaN). Same definition as {@link sharpeRatio} on
 * each window (excess over the per-period risk-free rate, sample std with n − 1), updated in O(1) per step with a
 * sliding Welford mean/M2 that is re-seeded from scratch every `window` steps so rounding cannot accumulate.
 *
 * @param returns - period returns.
 * @param window - trailing window length in periods (≥ 2), e.g. 63 for a quarter of daily returns.
 * @param periodsPerYear - default 252.
 * @param riskFreeRate - annual, default 0.
 * @example
 * rollingSharpe(Float64Array.of(0.01, 0.02, 0, 0.01), 3); // → [NaN, NaN, 15.87, 15.87]
 * @see https://pandas.pydata.org/docs/reference/api/pandas.Series.rolling.html (rolling mean / std, ddof 1)
 */
export function rollingSharpe(
  returns: Float64Array,
  window: number,
  periodsPerYear = 252,
  riskFreeRate = 0,
  out = new Float64Array(returns.length),
): Float64Array {
  if (!Number.isInteger(window) || window < 2) {
    throw new RangeError(`rollingSharpe: window must be an integer ≥ 2, got ${window}`);
  }
  const rf = perPeriodRate(riskFreeRate, periodsPerYear);
  const scale = Math.sqrt(periodsPerYear);
  const n = returns.length;
  let mean = 0;
  let m2 = 0;
  let count = 0;
  let lastNaN = -1;
  for (let i = 0; i < n; i++) {
    const x = returns[i]! - rf;
    if (Number.isNaN(x)) lastNaN = i;
    if (i - lastNaN < window) {
      out[i] = Number.NaN;
      count = 0;
      continue;
    }
    if (count === 0 || i % window === 0) {
      // (Re)seed exactly from the window: two passes over `window` values.
      let s = 0;
      for (let k = i - window + 1; k <= i; k++) s += returns[k]! - rf;
      mean = s / window;
      m2 = 0;
      for (let k = i - window + 1; k <= i; k++) {
        const d = returns[k]! - rf - mean;
        m2 += d * d;
      }
      count = window;
    } else {
      const y = returns[i - window]! - rf;
      // slide: replace y by x, keeping count = window
      const oldMean = mean;
      mean += (x - y) / window;
      m2 += (x - y) * (x - mean + y - oldMean);
    }
    const variance = m2 / (window - 1);
    out[i] = variance > 0 ? (mean / Math.sqrt(variance)) * scale : Number.NaN;
  }
  return out;
}
