import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { normalCdf, normalInv } from "./distributions.js";
import { moments, type Series, toSeries } from "./moments.js";

/** Euler–Mascheroni constant γ. */
const EULER_GAMMA = 0.5772156649015329;

/** Options shared by the Sharpe functions. */
export const sharpeOptions = z.object({
  /** Risk-free return per period, subtracted from every return. @default 0 */
  riskFree: z.number().finite().default(0),
  /**
   * Periods per year q used to annualize: annualized SR = √q·SR (iid) or η(q)·SR (`method: "autocorrelation"`).
   * @default 1 (no annualization: the per-period ratio)
   */
  periodsPerYear: z.number().positive().default(1),
  /**
   * `"iid"` (Lo 2002, normal iid returns), `"non-normal"` (standard error with skewness and kurtosis, Mertens 2002)
   * or `"autocorrelation"` (Lo 2002's η(q) = q/√(q + 2Σ_{k=1}^{q−1}(q − k)ρ_k) annualization, ρ_k the sample
   * autocorrelations up to `lags`, 0 beyond). @default "iid"
   */
  method: z.enum(["iid", "non-normal", "autocorrelation"]).default("iid"),
  /** Autocorrelation lags used by `"autocorrelation"`. @default min(q − 1, 10) */
  lags: z.number().int().min(1).optional(),
});
/** Input type of the options described by the zod schema above (SharpeOptions); field docs are on the schema. */
export type SharpeOptions = z.input<typeof sharpeOptions>;

interface Stats {
  readonly sr: number;
  readonly T: number;
  readonly skewness: number;
  readonly kurtosis: number;
  readonly x: Float64Array;
}

function stats(returns: Series, riskFree: number): Stats {
  const raw = toSeries(returns, "returns", 3);
  const x = riskFree === 0 ? raw : raw.map((v) => v - riskFree);
  const m = moments(x);
  if (!(m.std > 0)) {
    throw new ValidationError("returns", [
      {
        path: "returns",
        message: "the Sharpe ratio needs returns with non-zero variance (all values are equal)",
      },
    ]);
  }
  return { sr: m.mean / m.std, T: x.length, skewness: m.skewness, kurtosis: m.kurtosis, x };
}

/** Sample autocorrelation at lags 1..L (statsmodels `acf(fft=False)`: n-denominator autocovariances). */
function autocorrelations(x: Float64Array, lags: number): Float64Array {
  const n = x.length;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += x[i]!;
  mu /= n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (x[i]! - mu) ** 2;
  const out = new Float64Array(lags);
  for (let k = 1; k <= lags; k++) {
    let c = 0;
    for (let i = k; i < n; i++) c += (x[i]! - mu) * (x[i - k]! - mu);
    out[k - 1] = c / c0;
  }
  return out;
}

/**
 * Lo's (2002) annualization factor η(q) = q / √(q + 2·Σ_{k=1}^{L}(q − k)·ρ_k) (ρ_k = 0 for k > L); √q for iid returns.
 *
 * @param returns - per-period returns.
 * @param q - periods per year.
 * @param lags - autocorrelation lags L. @default min(q − 1, 10)
 * @example
 * loAnnualizationFactor(dailyReturns, 252); // → ≈ 15.87 (√252) when returns are uncorrelated
 * @see https://doi.org/10.2469/faj.v58.n4.2453 (Lo 2002, eq. 17)
 */
export function loAnnualizationFactor(returns: Series, q: number, lags?: number): number {
  const x = toSeries(returns, "returns", 3);
  const L = Math.min(lags ?? Math.min(Math.floor(q) - 1, 10), x.length - 1);
  if (L < 1) return Math.sqrt(q);
  const rho = autocorrelations(x, L);
  let s = 0;
  for (let k = 1; k <= L; k++) s += (q - k) * rho[k - 1]!;
  return q / Math.sqrt(q + 2 * s);
}

function annualizer(s: Stats, o: z.output<typeof sharpeOptions>): number {
  return o.method === "autocorrelation"
    ? loAnnualizationFactor(s.x, o.periodsPerYear, o.lags)
    : Math.sqrt(o.periodsPerYear);
}

/**
 * Sharpe ratio mean(r − r_f)/sd(r − r_f) with the n − 1 standard deviation, annualized explicitly: × √q for
 * `periodsPerYear` q (default 1 = per period) or × Lo's η(q) with `method: "autocorrelation"`.
 *
 * @param returns - per-period returns.
 * @param options - `riskFree` (per period, 0), `periodsPerYear` (1), `method` ("iid"), `lags`.
 * @example
 * sharpeRatio(dailyReturns, { periodsPerYear: 252 }); // → e.g. 0.57 for ORCL 1995–2014
 * @see https://doi.org/10.2469/faj.v58.n4.2453 (Lo 2002)
 */
export function sharpeRatio(returns: Series, options: SharpeOptions = {}): number {
  const o = parseWith(sharpeOptions, options, "sharpeRatio options");
  const s = stats(returns, o.riskFree);
  return s.sr * annualizer(s, o);
}

/**
 * Standard error of the (annualized) Sharpe ratio: iid normal √((1 + SR²/2)/T) (Lo 2002), non-normal
 * √((1 − γ₃·SR + (γ₄ − 1)/4·SR²)/T) with population skewness γ₃ and raw kurtosis γ₄ (Mertens 2002), each × √q; or
 * with `"autocorrelation"` η(q)·√((1 + SR²/2)/T) (Lo's factor applied to the iid error: an approximation, stated).
 * SR is the per-period ratio and T the number of returns.
 *
 * @param returns - per-period returns.
 * @param options - as {@link sharpeRatio}.
 * @example
 * sharpeStandardError(dailyReturns, { periodsPerYear: 252 }); // → ≈ √(252/T) ≈ 0.224 for T = 5035
 * @see https://doi.org/10.2469/faj.v58.n4.2453 (Lo 2002, eq. 9)
 */
export function sharpeStandardError(returns: Series, options: SharpeOptions = {}): number {
  const o = parseWith(sharpeOptions, options, "sharpeStandardError options");
  const s = stats(returns, o.riskFree);
  const v =
    o.method === "non-normal"
      ? 1 - s.skewness * s.sr + ((s.kurtosis - 1) / 4) * s.sr * s.sr
      : 1 + (s.sr * s.sr) / 2;
  return Math.sqrt(v / s.T) * annualizer(s, o);
}

/**
 * Two-sided confidence interval SR ± z·SE for the Sharpe ratio (normal approximation, z = Φ⁻¹((1 + level)/2)).
 *
 * @param returns - per-period returns.
 * @param options - {@link sharpeRatio} options and `level` (default 0.95).
 * @example
 * sharpeConfidenceInterval(dailyReturns, { periodsPerYear: 252 }); // → { estimate: 0.57, lower: 0.13, upper: 1.01, … }
 */
export function sharpeConfidenceInterval(
  returns: Series,
  options: SharpeOptions & { level?: number } = {},
): { estimate: number; standardError: number; lower: number; upper: number; level: number } {
  const { level = 0.95, ...rest } = options;
  if (!(level > 0 && level < 1)) {
    throw new ValidationError("sharpeConfidenceInterval options", [
      { path: "level", message: `expected a number in (0, 1), got ${level}` },
    ]);
  }
  const estimate = sharpeRatio(returns, rest);
  const standardError = sharpeStandardError(returns, rest);
  const z = normalInv(0.5 + level / 2);
  return {
    estimate,
    standardError,
    lower: estimate - z * standardError,
    upper: estimate + z * standardError,
    level,
  };
}

const psrOptions = z.object({
  /** Benchmark Sharpe ratio SR*, per period (not annualized). @default 0 */
  benchmark: z.number().finite().default(0),
  /** Risk-free return per period. @default 0 */
  riskFree: z.number().finite().default(0),
});

function psrCore(s: Stats, benchmark: number): number {
  const v = 1 - s.skewness * s.sr + ((s.kurtosis - 1) / 4) * s.sr * s.sr;
  return normalCdf(((s.sr - benchmark) * Math.sqrt(s.T - 1)) / Math.sqrt(v));
}

/**
 * Probabilistic Sharpe ratio PSR(SR*) = Φ((SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)): the probability
 * that the true Sharpe ratio exceeds SR*. All ratios per period (not annualized); γ₃ population skewness, γ₄ raw
 * (non-excess) kurtosis — quantstats' version wrongly uses excess kurtosis. PSR(SR̂) = 0.5.
 *
 * @param returns - per-period returns.
 * @param options - `benchmark` SR* per period (0), `riskFree` (0).
 * @example
 * probabilisticSharpeRatio(dailyReturns); // → 0.9946 for ORCL 1995–2014
 * @see https://doi.org/10.2139/ssrn.1821643 (Bailey & López de Prado 2012)
 */
export function probabilisticSharpeRatio(returns: Series, options: z.input<typeof psrOptions> = {}): number {
  const o = parseWith(psrOptions, options, "probabilisticSharpeRatio options");
  return psrCore(stats(returns, o.riskFree), o.benchmark);
}

/**
 * Expected maximum Sharpe ratio among N independent trials with zero true Sharpe:
 * SR₀ = √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), γ the Euler–Mascheroni constant.
 *
 * @param trials - number of independent trials N (≥ 2).
 * @param variance - variance V of the trials' (per-period) Sharpe estimates.
 * @example
 * expectedMaxSharpe(100, 1); // → 2.5306
 * @see https://doi.org/10.3905/jpm.2014.40.5.094 (Bailey & López de Prado 2014)
 */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (!(trials >= 2) || !(variance >= 0)) {
    throw new ValidationError("expectedMaxSharpe", [
      {
        path: "trials/variance",
        message: `expected trials ≥ 2 and variance ≥ 0, got ${trials}, ${variance}`,
      },
    ]);
  }
  return (
    Math.sqrt(variance) *
    ((1 - EULER_GAMMA) * normalInv(1 - 1 / trials) + EULER_GAMMA * normalInv(1 - 1 / (trials * Math.E)))
  );
}

const dsrOptions = z.object({
  /** Number of independent strategy trials N (≥ 2). */
  trials: z.number().int().min(2),
  /** Variance of the trials' per-period Sharpe ratios. */
  trialsVariance: z.number().nonnegative(),
  riskFree: z.number().finite().default(0),
});

/**
 * Deflated Sharpe ratio: the PSR against SR₀ = {@link expectedMaxSharpe}(trials, trialsVariance), correcting for
 * selection among many trials and for non-normal returns (raw kurtosis).
 *
 * @param returns - per-period returns of the selected strategy.
 * @param options - `trials` N, `trialsVariance` V (per-period SR variance across trials), `riskFree`.
 * @example
 * deflatedSharpeRatio(dailyReturns, { trials: 100, trialsVariance: 0.5 / 252 }); // → 2.1e-8 (not significant)
 * @see https://doi.org/10.3905/jpm.2014.40.5.094 (Bailey & López de Prado 2014)
 */
export function deflatedSharpeRatio(returns: Series, options: z.input<typeof dsrOptions>): number {
  const o = parseWith(dsrOptions, options, "deflatedSharpeRatio options");
  return psrCore(stats(returns, o.riskFree), expectedMaxSharpe(o.trials, o.trialsVariance));
}

/**
 * Minimum track record length (in periods) for the Sharpe ratio to exceed SR* with confidence `level`:
 * 1 + (1 − γ₃·SR + (γ₄ − 1)/4·SR²)·(Φ⁻¹(level)/(SR − SR*))². Infinite when SR ≤ SR*.
 *
 * @param returns - per-period returns.
 * @param options - `benchmark` SR* per period (0), `level` (0.95), `riskFree` (0).
 * @example
 * minTrackRecordLength(dailyReturns); // → 2100 days for ORCL 1995–2014
 * @see https://doi.org/10.2139/ssrn.1821643 (Bailey & López de Prado 2012)
 */
export function minTrackRecordLength(
  returns: Series,
  options: z.input<typeof psrOptions> & { level?: number } = {},
): number {
  const { level = 0.95, ...rest } = options;
  const o = parseWith(psrOptions, rest, "minTrackRecordLength options");
  const s = stats(returns, o.riskFree);
  if (s.sr <= o.benchmark) return Number.POSITIVE_INFINITY;
  const v = 1 - s.skewness * s.sr + ((s.kurtosis - 1) / 4) * s.sr * s.sr;
  return 1 + v * (normalInv(level) / (s.sr - o.benchmark)) ** 2;
}
