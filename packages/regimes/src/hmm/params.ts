import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";

/** How state covariances are parameterised (hmmlearn's names): one full matrix per state, a diagonal per state, one variance per state, or one full matrix shared by all states. */
export type CovarianceType = "full" | "diag" | "spherical" | "tied";

/** zod schema of {@link CovarianceType}. */
export const covarianceTypeSchema = z.enum(["full", "diag", "spherical", "tied"]);

/**
 * The parameters of a Gaussian HMM with K states over D features, as returned by `model.params` and accepted by
 * `GaussianHmm.fromParams`. All arrays are row-major `Float64Array`s (copies: mutating them does not change a model).
 *
 * - `startProb[k]` = p(s₁ = k).
 * - `transMat[i * K + j]` = p(sₜ = j | sₜ₋₁ = i) (rows sum to 1).
 * - `means[k * D + d]` = mean of feature d in state k.
 * - `covars[k * D * D + a * D + b]` = covariance of features a and b in state k, always stored as full D×D
 *   matrices whatever the `covariance` type (tied models repeat the shared matrix). For a univariate model
 *   `covars[k]` is simply the variance of state k.
 *
 * @example
 * const { startProb, transMat, means, covars } = GaussianHmm.fromParams({
 *   startProb: [0.5, 0.5], transMat: [[0.99, 0.01], [0.02, 0.98]], means: [0.05, -0.1], covars: [1, 9],
 * }).params;
 * transMat[1]; // → 0.01 (= p(sₜ = 1 | sₜ₋₁ = 0))
 */
export interface HmmParams {
  /** Number of hidden states K. */
  readonly nStates: number;
  /** Number of observed features D. */
  readonly nFeatures: number;
  /** Covariance parameterisation (see {@link CovarianceType}). */
  readonly covariance: CovarianceType;
  /** Initial state distribution, length K. */
  readonly startProb: Float64Array;
  /** Row-stochastic transition matrix, K×K row-major. */
  readonly transMat: Float64Array;
  /** State means, K×D row-major. */
  readonly means: Float64Array;
  /** State covariances as full matrices, K×D×D row-major. */
  readonly covars: Float64Array;
}

const float64 = z.custom<Float64Array>((v) => v instanceof Float64Array, "expected a Float64Array");
const nested = z.union([
  float64,
  z.array(z.number()),
  z.array(z.array(z.number())),
  z.array(z.array(z.array(z.number()))),
]);

/** zod schema of the input of `GaussianHmm.fromParams` (nested arrays or flat row-major arrays). */
export const hmmParamsInputSchema = z.object({
  startProb: z.union([float64, z.array(z.number())]),
  transMat: nested,
  means: nested,
  covars: nested,
  covariance: covarianceTypeSchema.optional(),
  nFeatures: z.number().int().min(1).optional(),
});

/**
 * Input of `GaussianHmm.fromParams`. Arrays may be nested (`transMat: [[0.9, 0.1], [0.2, 0.8]]`) or flat
 * row-major. `covars` may be given in the full K×D×D layout of {@link HmmParams} or in the covariance type's own
 * layout (hmmlearn's): `spherical` K variances, `diag` K×D, `tied` one D×D matrix. `covariance` defaults to
 * `"full"`; `nFeatures` defaults to what the shape of `means` implies (univariate for a flat `means` of length K).
 */
export type HmmParamsInput = z.input<typeof hmmParamsInputSchema>;

function flatten(v: unknown): number[] {
  if (v instanceof Float64Array) return Array.from(v);
  const out: number[] = [];
  const rec = (x: unknown) => {
    if (Array.isArray(x)) for (const y of x) rec(y);
    else out.push(x as number);
  };
  rec(v);
  return out;
}

/** Probability tolerance: rows must sum to 1 within this (then they are renormalised exactly). */
const PROB_TOL = 1e-6;

/** Validates and normalises `fromParams` input into {@link HmmParams}; throws a ValidationError naming the field. */
export function parseHmmParams(input: unknown): HmmParams {
  const p = parseWith(hmmParamsInputSchema, input, "HMM parameters");
  const issues: { path: string; message: string }[] = [];
  const startProb = Float64Array.from(flatten(p.startProb));
  const K = startProb.length;
  if (K < 1) issues.push({ path: "startProb", message: "expected at least one state" });
  const transMat = Float64Array.from(flatten(p.transMat));
  if (transMat.length !== K * K)
    issues.push({
      path: "transMat",
      message: `expected ${K}×${K} = ${K * K} entries, got ${transMat.length}`,
    });
  const means = Float64Array.from(flatten(p.means));
  let D = p.nFeatures ?? 0;
  if (!D) {
    const m = p.means;
    if (Array.isArray(m) && Array.isArray(m[0])) D = (m[0] as number[]).length;
    else D = K > 0 ? means.length / K : 0;
  }
  if (!Number.isInteger(D) || D < 1 || means.length !== K * D)
    issues.push({ path: "means", message: `expected K×D = ${K}×${D} entries, got ${means.length}` });
  const covariance = p.covariance ?? "full";
  const raw = flatten(p.covars);
  const covars = new Float64Array(K * D * D);
  if (raw.length === K * D * D) covars.set(raw);
  else if (covariance === "spherical" && raw.length === K) {
    for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) covars[k * D * D + d * D + d] = raw[k]!;
  } else if (covariance === "diag" && raw.length === K * D) {
    for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) covars[k * D * D + d * D + d] = raw[k * D + d]!;
  } else if (covariance === "tied" && raw.length === D * D) {
    for (let k = 0; k < K; k++) covars.set(raw, k * D * D);
  } else {
    issues.push({
      path: "covars",
      message: `expected ${K * D * D} entries (K×D×D) or the ${covariance} layout, got ${raw.length}`,
    });
  }
  if (issues.length) throw new ValidationError("HMM parameters", issues);
  checkDistribution(startProb, 0, K, "startProb", issues);
  for (let i = 0; i < K; i++) checkDistribution(transMat, i * K, K, `transMat.${i}`, issues);
  for (let i = 0; i < means.length; i++)
    if (!Number.isFinite(means[i]!)) issues.push({ path: `means.${i}`, message: "expected a finite number" });
  for (let k = 0; k < K; k++) {
    const o = k * D * D;
    for (let a = 0; a < D; a++) {
      if (!(covars[o + a * D + a]! > 0))
        issues.push({ path: `covars.${k}`, message: `expected a positive variance on diagonal ${a}` });
      for (let b = 0; b < D; b++) {
        const v = covars[o + a * D + b]!;
        if (!Number.isFinite(v) || Math.abs(v - covars[o + b * D + a]!) > 1e-12 * Math.abs(v))
          issues.push({ path: `covars.${k}`, message: "expected a finite symmetric matrix" });
        if (a !== b && (covariance === "diag" || covariance === "spherical") && v !== 0)
          issues.push({
            path: `covars.${k}`,
            message: `expected zero off-diagonals for ${covariance} covariance`,
          });
      }
      if (covariance === "spherical" && covars[o + a * D + a] !== covars[o])
        issues.push({ path: `covars.${k}`, message: "expected equal variances for spherical covariance" });
    }
    if (covariance === "tied" && k > 0) {
      for (let i = 0; i < D * D; i++)
        if (covars[o + i] !== covars[i]) {
          issues.push({ path: `covars.${k}`, message: "expected the same matrix for every state (tied)" });
          break;
        }
    }
  }
  if (issues.length) throw new ValidationError("HMM parameters", issues);
  return { nStates: K, nFeatures: D, covariance, startProb, transMat, means, covars };
}

function checkDistribution(
  v: Float64Array,
  off: number,
  n: number,
  path: string,
  issues: { path: string; message: string }[],
): void {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = v[off + i]!;
    if (!(x >= 0 && x <= 1))
      issues.push({ path: `${path}.${i}`, message: `expected a probability, got ${x}` });
    s += x;
  }
  if (Math.abs(s - 1) > PROB_TOL)
    issues.push({ path, message: `expected probabilities summing to 1, got ${s}` });
  else for (let i = 0; i < n; i++) v[off + i] = v[off + i]! / s;
}

/** Number of free parameters of a Gaussian HMM (for AIC/BIC): (K−1) + K(K−1) + K·D + covariance parameters. */
export function countParameters(K: number, D: number, covariance: CovarianceType): number {
  const cov =
    covariance === "full"
      ? (K * D * (D + 1)) / 2
      : covariance === "diag"
        ? K * D
        : covariance === "spherical"
          ? K
          : (D * (D + 1)) / 2;
  return K - 1 + K * (K - 1) + K * D + cov;
}
