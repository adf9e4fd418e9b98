import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { logGamma } from "./distributions.js";
import { moments, type Series, toSeries } from "./moments.js";
import { nelderMead } from "./nelder-mead.js";

/** GARCH(1,1) parameters: r_t = μ + ε_t, ε_t = σ_t·z_t, σ²_t = ω + α·ε²_{t−1} + β·σ²_{t−1}. */
export interface GarchParams {
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  /** Degrees of freedom of unit-variance Student-t innovations; absent for normal innovations. */
  readonly df?: number;
}

/** Result of {@link fitGarch}. */
export interface GarchFit extends GarchParams {
  readonly distribution: "normal" | "t";
  /** Maximized log-likelihood (full, including constants). */
  readonly logLikelihood: number;
  /** σ²_t for each observation. */
  readonly conditionalVariance: Float64Array;
  /** z_t = (r_t − μ)/σ_t, the filtered innovations used by filtered historical simulation. */
  readonly standardizedResiduals: Float64Array;
  /** One-step-ahead variance forecast σ²_{T+1}. */
  readonly nextVariance: number;
  /** α + β. */
  readonly persistence: number;
  /** ω / (1 − α − β). */
  readonly unconditionalVariance: number;
}

/** Options of {@link fitGarch}. */
export const garchFitOptions = z.object({
  /** Innovation distribution. @default "normal" */
  distribution: z.enum(["normal", "t"]).default("normal"),
});
/** Input type of the options described by the zod schema above (GarchFitOptions); field docs are on the schema. */
export type GarchFitOptions = z.input<typeof garchFitOptions>;

function filter(
  r: Float64Array,
  mu: number,
  omega: number,
  alpha: number,
  beta: number,
  s2: Float64Array,
  v0: number,
) {
  let v = v0;
  for (let t = 0; t < r.length; t++) {
    s2[t] = v;
    const e = r[t]! - mu;
    v = omega + alpha * e * e + beta * v;
  }
  return v;
}

function logLik(r: Float64Array, p: GarchParams, s2: Float64Array, v0: number): number {
  filter(r, p.mu, p.omega, p.alpha, p.beta, s2, v0);
  const n = r.length;
  let ll = 0;
  if (p.df === undefined) {
    for (let t = 0; t < n; t++) {
      const e = r[t]! - p.mu;
      ll += Math.log(s2[t]!) + (e * e) / s2[t]!;
    }
    return -0.5 * (n * Math.log(2 * Math.PI) + ll);
  }
  const nu = p.df;
  const c = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
  for (let t = 0; t < n; t++) {
    const e = r[t]! - p.mu;
    ll += -0.5 * Math.log(s2[t]!) - ((nu + 1) / 2) * Math.log1p((e * e) / (s2[t]! * (nu - 2)));
  }
  return n * c + ll;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Fits GARCH(1,1) with a constant mean by maximum likelihood (normal or unit-variance Student-t innovations),
 * maximizing over a reparametrization that enforces ω > 0, α, β ≥ 0, α + β < 1 and ν > 2 with restarted
 * Nelder–Mead. The variance recursion starts at the sample variance (backcast).
 *
 * @param returns - per-period returns (log returns recommended), finite, at least 50.
 * @param options - `distribution`: `"normal"` (default) or `"t"`.
 * @example
 * const fit = fitGarch(dailyLogReturns, { distribution: "t" });
 * fit.alpha + fit.beta; // → persistence, e.g. 0.98
 * @see https://doi.org/10.1016/0304-4076(86)90063-1 (Bollerslev 1986)
 */
export function fitGarch(returns: Series, options: GarchFitOptions = {}): GarchFit {
  const o = parseWith(garchFitOptions, options, "fitGarch options");
  const r = toSeries(returns, "fitGarch returns", 50);
  const m = moments(r);
  const v0 = m.m2;
  const sd = Math.sqrt(v0);
  const s2 = new Float64Array(r.length);
  const withT = o.distribution === "t";
  const decode = (x: number[]): GarchParams => {
    const persistence = 0.99999 * sigmoid(x[2]!);
    const alpha = persistence * sigmoid(x[3]!);
    const beta = persistence - alpha;
    const omega = v0 * Math.exp(x[1]!);
    const base = { mu: m.mean + sd * x[0]!, omega, alpha, beta };
    return withT ? { ...base, df: 2 + Math.exp(x[4]!) } : base;
  };
  // Start: persistence 0.95, α/(α+β) = 0.1, ω = v·(1 − 0.95), ν = 8.
  const x0 = [0, Math.log(0.05), logit(0.95 / 0.99999), logit(0.1)];
  if (withT) x0.push(Math.log(6));
  const result = nelderMead((x) => -logLik(r, decode(x), s2, v0), x0, {
    step: 0.3,
    tol: 1e-13,
    maxEvals: 40_000,
  });
  const p = decode(result.x);
  const nextVariance = filter(r, p.mu, p.omega, p.alpha, p.beta, s2, v0);
  const z = new Float64Array(r.length);
  for (let t = 0; t < r.length; t++) z[t] = (r[t]! - p.mu) / Math.sqrt(s2[t]!);
  return {
    ...p,
    distribution: o.distribution,
    logLikelihood: -result.value,
    conditionalVariance: s2,
    standardizedResiduals: z,
    nextVariance,
    persistence: p.alpha + p.beta,
    unconditionalVariance: p.omega / (1 - p.alpha - p.beta),
  };
}
