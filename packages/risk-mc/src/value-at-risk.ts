import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { normalCdf, normalInv, normalPdf, studentTInv, studentTPdf } from "./distributions.js";
import { moments, type Series, toSeries } from "./moments.js";
import { NormalStream } from "./normal-stream.js";
import { smallestSorted } from "./smallest-sorted.js";
import { fitStudentTDf } from "./student-t-fit.js";

/** Risk-measure methods. */
export const VAR_METHODS = ["historical", "gaussian", "student-t", "cornish-fisher", "monte-carlo"] as const;
/** A risk-measure method name. */
export type VarMethod = (typeof VAR_METHODS)[number];

/** Historical quantile rules. */
export const QUANTILE_RULES = ["rockafellar-uryasev", "linear"] as const;
/** A historical quantile rule name. */
export type QuantileRule = (typeof QUANTILE_RULES)[number];

/** Options of {@link valueAtRisk} / {@link expectedShortfall}. */
export const riskOptions = z.object({
  /** Confidence level in (0.5, 1): 0.95 means the 5 % worst outcomes. @default 0.95 */
  level: z.number().gt(0.5).lt(1).default(0.95),
  /** @default "historical" */
  method: z.enum(VAR_METHODS).default("historical"),
  /**
   * Historical (and Monte Carlo) quantile rule: `"rockafellar-uryasev"` (default; the k-th smallest return with
   * k = ⌈(1 − level)·n⌉, and CVaR = VaR + Σ(loss − VaR)⁺/((1 − level)·n), as in Riskfolio-Lib) or `"linear"`
   * (numpy's default linear-interpolated percentile; CVaR = mean loss of the returns at or below it).
   */
  quantile: z.enum(QUANTILE_RULES).default("rockafellar-uryasev"),
  /** Horizon in periods of the input returns (≥ 1). @default 1 */
  horizon: z.number().int().min(1).default(1),
  /** Student-t degrees of freedom; fitted by maximum likelihood when absent (method "student-t"). */
  df: z.number().gt(2).optional(),
  /** Monte Carlo scenarios (method "monte-carlo"). @default 100000 */
  simulations: z.number().int().min(100).default(100_000),
  /** Monte Carlo model: `"bootstrap"` (iid resampling of the returns) or `"gaussian"`. @default "bootstrap" */
  model: z.enum(["bootstrap", "gaussian"]).default("bootstrap"),
  /** Monte Carlo seed (scenario i uses stream i). @default 0 */
  seed: z.number().int().default(0),
});
/** Input type of the options described by the zod schema above (RiskOptions); field docs are on the schema. */
export type RiskOptions = z.input<typeof riskOptions>;

/** VaR and CVaR together with the fitted quantities behind them. */
export interface RiskEstimate {
  /** Value at risk: a positive number is a loss (fraction of value, for returns). */
  readonly valueAtRisk: number;
  /** Expected shortfall (CVaR), a positive loss; always ≥ valueAtRisk. */
  readonly expectedShortfall: number;
  readonly method: VarMethod;
  readonly level: number;
  readonly horizon: number;
  /** Sample mean and standard deviation (n − 1) of the one-period returns. */
  readonly mean: number;
  readonly std: number;
  /** Fitted or given ν (student-t). */
  readonly df?: number;
  /** Skewness and excess kurtosis used by Cornish–Fisher (see {@link riskMeasures}). */
  readonly skewness?: number;
  readonly excessKurtosis?: number;
}

/** Number of tail observations k = ⌈(1 − level)·n⌉, with (1 − level)·n rounded to 1e-9 so 0.05·100 gives 5. */
export function tailCount(level: number, n: number): number {
  const m = (1 - level) * n;
  return Math.max(1, Math.ceil(Math.round(m * 1e9) / 1e9));
}

/**
 * Historical VaR/CVaR of a sample. Only the tail is sorted ({@link smallestSorted}: the values up to the k-th
 * smallest, ascending — the same numbers in the same order as a full sort's first entries, so the sums are
 * bit-identical to summing a fully sorted copy).
 */
function historical(x: Float64Array, level: number, rule: QuantileRule): [number, number] {
  const n = x.length;
  if (rule === "linear") {
    const h = (n - 1) * (1 - level);
    const lo = Math.floor(h);
    // every value ≤ q lies among the values ≤ the (lo + 2)-th smallest, since q ≤ s[lo + 1]
    const s = smallestSorted(x, Math.min(n, lo + 2));
    const q = lo + 1 < n ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
    let sum = 0;
    let c = 0;
    for (let i = 0; i < s.length && s[i]! <= q; i++) {
      sum += s[i]!;
      c++;
    }
    return [-q, -(sum / c)];
  }
  const k = tailCount(level, n);
  const s = smallestSorted(x, k);
  const q = s[k - 1]!;
  let excess = 0;
  for (let i = 0; i < k; i++) excess += s[i]! - q;
  return [-q, -q - excess / ((1 - level) * n)];
}

function ipower(power: number, h: number): number {
  const d = normalPdf(h);
  let full = 1;
  if (power % 2 === 0) {
    const pstar = power / 2;
    for (let j = 1; j <= pstar; j++) full *= 2 * j;
    let I = full * d;
    for (let i = 1; i <= pstar; i++) {
      let prod = 1;
      for (let j = 1; j <= i; j++) prod *= 2 * j;
      I += (full / prod) * h ** (2 * i) * d;
    }
    return I;
  }
  const pstar = (power - 1) / 2;
  for (let j = 0; j <= pstar; j++) full *= 2 * j + 1;
  let I = -full * normalCdf(h);
  for (let i = 0; i <= pstar; i++) {
    let prod = 1;
    for (let j = 0; j <= i; j++) prod *= 2 * j + 1;
    I += (full / prod) * h ** (2 * i + 1) * d;
  }
  return I;
}

/**
 * VaR and CVaR with every intermediate: the single entry point behind {@link valueAtRisk} and
 * {@link expectedShortfall}. Conventions: inputs are per-period simple returns; outputs are positive losses
 * (a loss of 2 % is `0.02`; a negative number means even the tail is a gain); CVaR ≥ VaR.
 *
 * - `historical`: quantile rule `rockafellar-uryasev` (default) or `linear` (see {@link riskOptions}); horizon h
 *   scales both by √h (iid, zero-mean approximation).
 * - `gaussian`: VaR = −(h·μ + √h·σ·Φ⁻¹(1 − level)), CVaR = −h·μ + √h·σ·φ(Φ⁻¹(level))/(1 − level); μ the sample
 *   mean, σ the sample standard deviation (n − 1).
 * - `student-t`: unit-variance t with the sample mean/std and ν fitted by ML ({@link fitStudentTDf}) or given;
 *   s = σ·√((ν − 2)/ν), q = t_ν⁻¹(level): VaR = −h·μ + √h·s·q, CVaR = −h·μ + √h·s·f_ν(q)·(ν + q²)/((ν − 1)(1 − level)).
 * - `cornish-fisher`: modified VaR/ES of R PerformanceAnalytics (`VaR`/`ES(method = "modified")`, Boudt, Peterson
 *   & Croux 2008): skewness m₃/σ³ and excess kurtosis m₄/σ⁴ − 3 with n-denominator central moments m₃, m₄ and the
 *   n − 1 standard deviation σ; ES uses the Edgeworth expansion with PerformanceAnalytics' `min(−E, h)` floor.
 * - `monte-carlo`: `simulations` scenarios of the h-period compounded return Π(1 + r) − 1, each period drawn by
 *   iid bootstrap of the returns (`model: "bootstrap"`) or N(μ, σ²) (`"gaussian"`); then the historical rule.
 *
 * @param returns - per-period simple returns (finite; at least 2, 10 for student-t).
 * @param options - see {@link riskOptions}.
 * @example
 * riskMeasures([-0.03, 0.01, 0.02, -0.01, 0.005], { level: 0.8 }); // → { valueAtRisk: 0.03, expectedShortfall: 0.03, … }
 * @see https://doi.org/10.21314/JOR.2000.038 (Rockafellar & Uryasev 2000)
 */
export function riskMeasures(returns: Series, options: RiskOptions = {}): RiskEstimate {
  const o = parseWith(riskOptions, options, "risk measure options");
  const x = toSeries(returns, "returns", o.method === "student-t" ? 10 : 2);
  const m = moments(x);
  if (!(m.std > 0) && (o.method === "student-t" || o.method === "cornish-fisher")) {
    throw new ValidationError("returns", [
      {
        path: "returns",
        message: `method "${o.method}" needs returns with non-zero variance (all values are equal)`,
      },
    ]);
  }
  const { level, horizon: h } = o;
  const sh = Math.sqrt(h);
  const base = { method: o.method, level, horizon: h, mean: m.mean, std: m.std };
  switch (o.method) {
    case "historical": {
      const [v, e] = historical(x, level, o.quantile);
      return { ...base, valueAtRisk: sh * v, expectedShortfall: sh * e };
    }
    case "gaussian": {
      const z = normalInv(level);
      return {
        ...base,
        valueAtRisk: -h * m.mean + sh * m.std * z,
        expectedShortfall: -h * m.mean + (sh * m.std * normalPdf(z)) / (1 - level),
      };
    }
    case "student-t": {
      const nu = o.df ?? fitStudentTDf(x).df;
      const s = m.std * Math.sqrt((nu - 2) / nu);
      const q = studentTInv(level, nu);
      const es = (studentTPdf(q, nu) * (nu + q * q)) / ((nu - 1) * (1 - level));
      return {
        ...base,
        df: nu,
        valueAtRisk: -h * m.mean + sh * s * q,
        expectedShortfall: -h * m.mean + sh * s * es,
      };
    }
    case "cornish-fisher": {
      const sigma = m.std;
      const skew = m.m3 / sigma ** 3;
      const exkurt = m.m4 / sigma ** 4 - 3;
      const z = normalInv(1 - level);
      const hcf =
        z +
        ((z * z - 1) * skew) / 6 +
        ((z ** 3 - 3 * z) * exkurt) / 24 -
        ((2 * z ** 3 - 5 * z) * skew * skew) / 36;
      let E = normalPdf(hcf);
      E += ((ipower(4, hcf) - 6 * ipower(2, hcf) + 3 * normalPdf(hcf)) * exkurt) / 24;
      E += ((ipower(3, hcf) - 3 * ipower(1, hcf)) * skew) / 6;
      E +=
        ((ipower(6, hcf) - 15 * ipower(4, hcf) + 45 * ipower(2, hcf) - 15 * normalPdf(hcf)) * skew * skew) /
        72;
      E /= 1 - level;
      return {
        ...base,
        skewness: skew,
        excessKurtosis: exkurt,
        valueAtRisk: -h * m.mean - sh * sigma * hcf,
        expectedShortfall: -h * m.mean - sh * sigma * Math.min(-E, hcf),
      };
    }
    case "monte-carlo": {
      const sims = new Float64Array(o.simulations);
      const rng = new NormalStream(o.seed, 0);
      const n = x.length;
      for (let i = 0; i < sims.length; i++) {
        rng.reseed(o.seed, i);
        let g = 1;
        for (let k = 0; k < h; k++) {
          g *= 1 + (o.model === "bootstrap" ? x[rng.int(n)]! : m.mean + m.std * rng.normal());
        }
        sims[i] = g - 1;
      }
      const [v, e] = historical(sims, level, o.quantile);
      return { ...base, valueAtRisk: v, expectedShortfall: e };
    }
  }
}

/**
 * Value at risk of a return series as a positive loss (see {@link riskMeasures} for every method's formula).
 *
 * @param returns - per-period simple returns.
 * @param options - `level` (0.95), `method` ("historical"), `quantile`, `horizon` (1), `df`, `simulations`, `model`, `seed`.
 * @example
 * valueAtRisk([-0.03, 0.01, 0.02, -0.01, 0.005], { level: 0.8 }); // → 0.03
 * @see https://en.wikipedia.org/wiki/Value_at_risk
 */
export function valueAtRisk(returns: Series, options: RiskOptions = {}): number {
  return riskMeasures(returns, options).valueAtRisk;
}

/**
 * Expected shortfall (CVaR, the mean loss beyond VaR) as a positive loss, ≥ {@link valueAtRisk} with the same
 * options. See {@link riskMeasures} for every method's formula.
 *
 * @param returns - per-period simple returns.
 * @param options - as {@link valueAtRisk}.
 * @example
 * expectedShortfall([-0.03, -0.01, 0.02, 0.01, 0.005], { level: 0.6 }); // → 0.02 (= VaR 0.01 + (0.02)/(0.4·5))
 * @see https://doi.org/10.21314/JOR.2000.038 (Rockafellar & Uryasev 2000)
 */
export function expectedShortfall(returns: Series, options: RiskOptions = {}): number {
  return riskMeasures(returns, options).expectedShortfall;
}

/** Alias of {@link expectedShortfall}. @example cvar(returns, { level: 0.99 }); */
export const cvar = expectedShortfall;
