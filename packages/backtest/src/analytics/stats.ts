/**
 * Neumaier-compensated sum of `x[from..to)`: accurate to ~1 ulp of the result even for long, cancelling series.
 *
 * @example
 * kahanSum(Float64Array.of(1e16, 1, -1e16)); // → 1 (naive summation gives 0)
 * @see Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen" (1974)
 */
export function kahanSum(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Arithmetic mean (compensated); NaN when empty.
 * @example
 * mean(Float64Array.of(1, 2, 6)); // → 3
 * @see {@link kahanSum}
 */
export function mean(x: ArrayLike<number>): number {
  return x.length === 0 ? Number.NaN : kahanSum(x) / x.length;
}

/**
 * Sample covariance (denominator n − 1, two-pass with compensated sums); NaN when n < 2.
 *
 * @example
 * sampleCovariance(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6)); // → 2
 * @see https://numpy.org/doc/stable/reference/generated/numpy.cov.html (ddof = 1)
 */
export function sampleCovariance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2 || y.length !== n) return Number.NaN;
  const mx = mean(x);
  const my = mean(y);
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = (x[i]! - mx) * (y[i]! - my);
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return (s + c) / (n - 1);
}

/**
 * Sample variance (n − 1); NaN when n < 2.
 * @example
 * sampleVariance(Float64Array.of(1, 2, 3)); // → 1
 * @see {@link sampleCovariance}
 */
export function sampleVariance(x: ArrayLike<number>): number {
  return sampleCovariance(x, x);
}

/**
 * Sample standard deviation (n − 1); NaN when n < 2.
 * @example
 * sampleStd(Float64Array.of(1, 2, 3)); // → 1
 * @see {@link sampleCovariance}
 */
export function sampleStd(x: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(x));
}

/**
 * Quantile of ascending-sorted data with linear interpolation between order statistics (Hyndman–Fan type 7, the
 * default of numpy, pandas, R and Excel's PERCENTILE.INC).
 *
 * @param sorted - ascending values.
 * @param p - probability in [0, 1].
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // → 2.5
 * @see Hyndman & Fan, "Sample Quantiles in Statistical Packages" (1996), definition 7
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Converts an annual rate to a per-period rate compounding to it: `(1 + annual)^(1/periodsPerYear) − 1`.
 * @example
 * perPeriodRate(0.21, 2); // → 0.1
 * @see https://www.investopedia.com/terms/e/effectiveinterest.asp
 */
export function perPeriodRate(annual: number, periodsPerYear: number): number {
  return (1 + annual) ** (1 / periodsPerYear) - 1;
}
