import jStat from "jstat";

/**
 * Standard normal density φ(x).
 *
 * @param x - point.
 * @example
 * normalPdf(0); // → 0.3989422804014327
 * @see https://en.wikipedia.org/wiki/Normal_distribution
 */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal distribution function Φ(x), via erfc (accurate in both tails).
 *
 * @param x - point.
 * @example
 * normalCdf(-1.6448536269514729); // → 0.05 (to 1e-15)
 * @see https://en.wikipedia.org/wiki/Normal_distribution
 */
export function normalCdf(x: number): number {
  return 0.5 * jStat.erfc(-x / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p) (jstat's inverse, accurate to ~1e-16 for 1e-6 ≤ p ≤ 1 − 1e-6).
 *
 * @param p - probability in (0, 1).
 * @example
 * normalInv(0.05); // → -1.6448536269514729
 * @see https://jstat.github.io/distributions.html#jStat.normal.inv
 */
export function normalInv(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}

/** Continued fraction of the incomplete beta function (modified Lentz, relative tolerance 1e-16). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b) by its continued fraction (Numerical Recipes §6.4, tolerance
 * 1e-16; jstat's `ibeta` stops at ~1e-10, too coarse for quantiles promised to 1e-10).
 *
 * @param x - point in [0, 1].
 * @param a - shape a > 0.
 * @param b - shape b > 0.
 * @example
 * incompleteBeta(0.5, 2, 2); // → 0.5
 * @see https://dlmf.nist.gov/8.17
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const bt = Math.exp(lbt);
  if (x < (a + 1) / (a + b + 2)) return (bt * betaContinuedFraction(a, b, x)) / a;
  return 1 - (bt * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * Student-t distribution function with `df` degrees of freedom: ½·I_{ν/(ν+x²)}(ν/2, ½) in the lower tail.
 *
 * @param x - point.
 * @param df - degrees of freedom (> 0).
 * @example
 * studentTCdf(0, 5); // → 0.5
 * @see https://dlmf.nist.gov/8.17
 */
export function studentTCdf(x: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + x * x), df / 2, 0.5);
  return x < 0 ? tail : 1 - tail;
}

/**
 * Student-t density with `df` degrees of freedom.
 *
 * @param x - point.
 * @param df - degrees of freedom (> 0).
 * @example
 * studentTPdf(0, 1); // → 0.3183098861837907 (1/π)
 */
export function studentTPdf(x: number, df: number): number {
  return Math.exp(
    logGamma((df + 1) / 2) -
      logGamma(df / 2) -
      0.5 * Math.log(df * Math.PI) -
      ((df + 1) / 2) * Math.log1p((x * x) / df),
  );
}

/**
 * Student-t quantile: jstat's `studentt.inv` (off by up to ~3e-8) refined by Newton steps on the t CDF until the
 * step is below 1e-14 (relative), so the result matches scipy's `t.ppf` to ~1e-12.
 *
 * @param p - probability in (0, 1).
 * @param df - degrees of freedom (> 0).
 * @example
 * studentTInv(0.05, 5); // → -2.015048373333028 (scipy t.ppf says −2.0150483726691575, but its own t.cdf of that is 0.0500000000424)
 * @see https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.t.html
 */
export function studentTInv(p: number, df: number): number {
  let x = jStat.studentt.inv(p, df);
  for (let i = 0; i < 8; i++) {
    const step = (studentTCdf(x, df) - p) / studentTPdf(x, df);
    x -= step;
    if (Math.abs(step) <= 1e-14 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * Upper tail P(X > x) of the χ² distribution: closed forms for 1 (erfc) and 2 (exp) degrees of freedom, jstat
 * otherwise.
 *
 * @param x - statistic (≥ 0).
 * @param df - degrees of freedom.
 * @example
 * chiSquareSf(3.841458820694124, 1); // → 0.05
 * @see https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.chi2.html
 */
export function chiSquareSf(x: number, df: number): number {
  if (!(x > 0)) return 1;
  if (df === 1) return jStat.erfc(Math.sqrt(x / 2));
  if (df === 2) return Math.exp(-x / 2);
  return 1 - jStat.chisquare.cdf(x, df);
}

/**
 * ln Γ(x) for x > 0: shifted by the recurrence to x ≥ 10, then Stirling's series to x⁻¹¹ (error < 1e-15; jstat's
 * `gammaln` is off by up to ~3e-11).
 *
 * @param x - positive argument.
 * @example
 * logGamma(5); // → 3.1780538303479458 (ln 24)
 * @see https://dlmf.nist.gov/5.11
 */
export function logGamma(x: number): number {
  let shift = 0;
  let prod = 1;
  while (x < 10) {
    prod *= x;
    x += 1;
    shift++;
  }
  const f = 1 / (x * x);
  const series =
    (1 / x) *
    (1 / 12 + f * (-1 / 360 + f * (1 / 1260 + f * (-1 / 1680 + f * (1 / 1188 + f * (-691 / 360360))))));
  const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
  return shift === 0 ? stirling : stirling - Math.log(prod);
}

/**
 * Digamma ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 6, then the asymptotic series (error < 1e-15).
 *
 * @param x - positive argument.
 * @example
 * digamma(1); // → -0.5772156649015329 (−γ)
 * @see https://en.wikipedia.org/wiki/Digamma_function#Asymptotic_expansion
 */
export function digamma(x: number): number {
  let result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series =
    f *
    (-1 / 12 + f * (1 / 120 + f * (-1 / 252 + f * (1 / 240 + f * (-1 / 132 + f * (691 / 32760 - f / 12))))));
  return result + Math.log(x) - 0.5 / x + series;
}
