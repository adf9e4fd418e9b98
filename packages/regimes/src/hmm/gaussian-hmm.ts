import { parseWith, QuantkitError, Rng } from "@quantkit/core";
import { z } from "zod";
import {
  backwardLog,
  backwardScaled,
  forwardLog,
  forwardScaled,
  forwardScaled1D,
  logSumExp,
} from "./forward-backward.js";
import { kmeans } from "./kmeans.js";
import { cholesky, mahalanobis2, stationary } from "./linalg.js";
import { type Observations, type Rows, toRows } from "./observations.js";
import {
  type CovarianceType,
  countParameters,
  covarianceTypeSchema,
  type HmmParams,
  type HmmParamsInput,
  parseHmmParams,
} from "./params.js";

const LOG_2PI = Math.log(2 * Math.PI);

/** zod schema of {@link GaussianHmmOptions}. */
export const gaussianHmmOptions = z.object({
  nStates: z.number().int().min(1).max(64),
  covariance: covarianceTypeSchema.default("diag"),
  seed: z.number().int().default(0),
  nInit: z.number().int().min(1).default(3),
  maxIter: z.number().int().min(1).default(200),
  tol: z.number().min(0).default(1e-6),
  covarFloor: z.number().min(0).default(1e-4),
  algorithm: z.enum(["scaling", "log"]).default("scaling"),
  acceleration: z.enum(["overrelaxed", "none"]).default("overrelaxed"),
  labelOrder: z
    .object({ by: z.enum(["mean", "variance"]).default("mean"), feature: z.number().int().min(0).default(0) })
    .default({ by: "mean", feature: 0 }),
});

/**
 * Options of {@link GaussianHmm}.
 *
 * - `nStates` — number of hidden states K (1..64).
 * - `covariance` — `"full" | "diag" | "spherical" | "tied"` (hmmlearn's meanings). @default "diag"
 * - `seed` — seeds k-means++ initialisation; restart r uses `new Rng(seed, r)`. @default 0
 * - `nInit` — random restarts; the fit with the highest log-likelihood is kept. @default 3
 * - `maxIter` — Baum–Welch iteration cap per restart. @default 200
 * - `tol` — stop when the log-likelihood gains less than this (nats, absolute). @default 1e-6
 * - `covarFloor` — variance floor as a fraction of each feature's sample variance (stops a state collapsing
 *   onto a few points). @default 1e-4
 * - `algorithm` — forward–backward with Rabiner scaling or in log space (same results to rounding).
 *   @default "scaling"
 * - `acceleration` — `"overrelaxed"` extrapolates each EM update while the likelihood keeps increasing
 *   (adaptive over-relaxed EM; falls back to the plain update otherwise) or `"none"` (textbook Baum–Welch).
 *   Both converge to a stationary point of the likelihood. @default "overrelaxed"
 * - `labelOrder` — canonical state order after fitting: ascending mean (`"mean"`) or variance (`"variance"`) of
 *   feature `feature`. @default { by: "mean", feature: 0 }
 */
export type GaussianHmmOptions = z.input<typeof gaussianHmmOptions>;
type ParsedOptions = z.output<typeof gaussianHmmOptions>;

/** One restart of {@link GaussianHmm.fit}. */
export interface RestartReport {
  readonly restart: number;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Convergence report of {@link GaussianHmm.fit} for the kept (best) restart, plus a summary of every restart. */
export interface FitReport {
  /** True if the log-likelihood gain fell below `tol` before `maxIter`. */
  readonly converged: boolean;
  /** Baum–Welch iterations run (E-steps). */
  readonly iterations: number;
  /** Log-likelihood of the returned parameters on the training data (nats). */
  readonly logLikelihood: number;
  /** Log-likelihood after every E-step of the kept restart (non-decreasing up to rounding). */
  readonly trace: Float64Array;
  /** Index of the kept restart. */
  readonly bestRestart: number;
  readonly restarts: readonly RestartReport[];
  /** Absolute variance floor applied per feature. */
  readonly covarFloor: Float64Array;
}

/** A sample drawn from a Gaussian HMM: the hidden state path and one column per feature. */
export interface HmmSample {
  readonly states: Int32Array;
  readonly columns: Float64Array[];
}

/** Internal mutable parameter set plus derived emission constants (not exported from the package). */
export class Kernel {
  readonly K: number;
  readonly D: number;
  readonly startProb: Float64Array;
  readonly transMat: Float64Array;
  readonly means: Float64Array;
  readonly covars: Float64Array;
  readonly chol: Float64Array;
  readonly logNorm: Float64Array;
  readonly invVar: Float64Array;
  readonly scratch: Float64Array;

  constructor(K: number, D: number) {
    this.K = K;
    this.D = D;
    this.startProb = new Float64Array(K);
    this.transMat = new Float64Array(K * K);
    this.means = new Float64Array(K * D);
    this.covars = new Float64Array(K * D * D);
    this.chol = new Float64Array(K * D * D);
    this.logNorm = new Float64Array(K);
    this.invVar = new Float64Array(K);
    this.scratch = new Float64Array(D);
  }

  /** Recomputes Cholesky factors and normalising constants; false if a covariance is not positive definite. */
  prepare(): boolean {
    const { K, D } = this;
    for (let k = 0; k < K; k++) {
      const logDet = cholesky(this.covars, this.chol, k * D * D, D);
      if (Number.isNaN(logDet)) return false;
      this.logNorm[k] = -0.5 * (D * LOG_2PI + logDet);
      this.invVar[k] = 1 / this.covars[k * D * D]!;
    }
    return true;
  }

  /** log p(x | k) for every state into `out[outOff ..]`; x at `x[xOff .. xOff + D)`. Allocation-free. */
  logEmissions(x: Float64Array, xOff: number, out: Float64Array, outOff: number): void {
    const { K, D } = this;
    if (D === 1) {
      const v = x[xOff]!;
      for (let k = 0; k < K; k++) {
        const e = v - this.means[k]!;
        out[outOff + k] = this.logNorm[k]! - 0.5 * e * e * this.invVar[k]!;
      }
    } else {
      for (let k = 0; k < K; k++) {
        const q = mahalanobis2(x, xOff, this.means, k * D, this.chol, k * D * D, D, this.scratch);
        out[outOff + k] = this.logNorm[k]! - 0.5 * q;
      }
    }
  }

  /**
   * Shifted emission likelihoods b[t,k] = exp(log p(xₜ|k) − off[t]) with off[t] = maxₖ log p(xₜ|k) (so the most
   * likely state's entry is exactly 1 and no exp is spent on it).
   */
  scaledEmissions(rows: Rows, b: Float64Array, off: Float64Array): void {
    const { K } = this;
    for (let t = 0; t < rows.T; t++) off[t] = this.scaledEmissionRow(rows.x, t * this.D, b, t * K);
  }

  /** One row of {@link Kernel.scaledEmissions}; returns the offset. Shared with the online filter (same bits). */
  scaledEmissionRow(x: Float64Array, xOff: number, b: Float64Array, row: number): number {
    const K = this.K;
    this.logEmissions(x, xOff, b, row);
    let arg = 0;
    let m = b[row]!;
    for (let k = 1; k < K; k++)
      if (b[row + k]! > m) {
        m = b[row + k]!;
        arg = k;
      }
    for (let k = 0; k < K; k++) b[row + k] = k === arg ? 1 : Math.exp(b[row + k]! - m);
    return m;
  }

  logEmissionMatrix(rows: Rows, logB: Float64Array): void {
    for (let t = 0; t < rows.T; t++) this.logEmissions(rows.x, t * this.D, logB, t * this.K);
  }

  copyFrom(o: Kernel): void {
    this.startProb.set(o.startProb);
    this.transMat.set(o.transMat);
    this.means.set(o.means);
    this.covars.set(o.covars);
    this.chol.set(o.chol);
    this.logNorm.set(o.logNorm);
    this.invVar.set(o.invVar);
  }
}

/**
 * Writes θ + ω(M − θ) into `k`: linear for means and covariances' off-diagonals, geometric (log scale) for
 * transition probabilities and variances, so probabilities stay positive and variances above the floor.
 */
function extrapolate(k: Kernel, theta: Kernel, m: Kernel, omega: number, floor: Float64Array): void {
  const { K, D } = k;
  k.startProb.set(m.startProb);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) {
      const a = theta.transMat[i * K + j]!;
      const b = m.transMat[i * K + j]!;
      const v = a > 0 && b > 0 ? a * (b / a) ** omega : b;
      k.transMat[i * K + j] = v;
      s += v;
    }
    for (let j = 0; j < K; j++) k.transMat[i * K + j] = k.transMat[i * K + j]! / s;
  }
  for (let i = 0; i < K * D; i++) k.means[i] = theta.means[i]! + omega * (m.means[i]! - theta.means[i]!);
  for (let s = 0; s < K; s++)
    for (let a = 0; a < D; a++)
      for (let b = 0; b < D; b++) {
        const idx = s * D * D + a * D + b;
        const x = theta.covars[idx]!;
        const y = m.covars[idx]!;
        k.covars[idx] = a === b ? Math.max(floor[a]!, x * (y / x) ** omega) : x + omega * (y - x);
      }
}

/**
 * Initial clustering by dispersion: rows split into K equal-count bands of their squared standardised distance from
 * the overall mean (so, for returns, calm / normal / turbulent days), with the band means as centres.
 */
function dispersionClusters(rows: Rows, K: number): { labels: Int32Array; centers: Float64Array } {
  const { x, T, D } = rows;
  const mean = new Float64Array(D);
  const v = new Float64Array(D);
  for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) mean[d] = mean[d]! + x[t * D + d]! / T;
  for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) v[d] = v[d]! + (x[t * D + d]! - mean[d]!) ** 2 / T;
  const dist = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += (x[t * D + d]! - mean[d]!) ** 2 / (v[d]! || 1);
    dist[t] = s;
  }
  const order = Array.from({ length: T }, (_, i) => i).sort((a, b) => dist[a]! - dist[b]! || a - b);
  const labels = new Int32Array(T);
  const centers = new Float64Array(K * D);
  const counts = new Float64Array(K);
  for (let r = 0; r < T; r++) {
    const t = order[r]!;
    const k = Math.min(K - 1, Math.floor((r * K) / T));
    labels[t] = k;
    counts[k] = counts[k]! + 1;
    for (let d = 0; d < D; d++) centers[k * D + d] = centers[k * D + d]! + x[t * D + d]!;
  }
  for (let k = 0; k < K; k++)
    for (let d = 0; d < D; d++) centers[k * D + d] = centers[k * D + d]! / (counts[k]! || 1);
  return { labels, centers };
}

/** Buffers for one forward–backward run over T observations (allocated once per call, reused by iterations). */
class Workspace {
  readonly b: Float64Array;
  readonly off: Float64Array;
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  readonly gamma: Float64Array;
  readonly c: Float64Array;
  readonly xi: Float64Array;
  readonly tmp: Float64Array;
  readonly logStart: Float64Array;
  readonly logA: Float64Array;
  constructor(T: number, K: number) {
    this.b = new Float64Array(T * K);
    this.off = new Float64Array(T);
    this.alpha = new Float64Array(T * K);
    this.beta = new Float64Array(T * K);
    this.gamma = new Float64Array(T * K);
    this.c = new Float64Array(T);
    this.xi = new Float64Array(K * K);
    this.tmp = new Float64Array(K);
    this.logStart = new Float64Array(K);
    this.logA = new Float64Array(K * K);
  }
}

function logInto(src: Float64Array, dst: Float64Array): void {
  for (let i = 0; i < src.length; i++) dst[i] = Math.log(src[i]!);
}

/**
 * A hidden Markov model with Gaussian emissions, fitted by Baum–Welch (EM) and queried with inference methods
 * named for what they may see: {@link GaussianHmm.filter} (causal, p(sₜ | x₁..ₜ) — what a backtest may use),
 * {@link GaussianHmm.smooth} (hindsight, p(sₜ | x₁..x_T) — analysis only), {@link GaussianHmm.viterbi},
 * {@link GaussianHmm.score}. Fitting uses k-means++ initialisation with `nInit` seeded restarts, a relative
 * covariance floor, and orders the states canonically so labels are stable across seeds and refits.
 *
 * @example
 * const hmm = new GaussianHmm({ nStates: 2, seed: 1 }).fit(returns);
 * hmm.report?.converged;        // → true
 * const p = hmm.filter(returns); // p[t * 2 + 1] = p(state 1 at t | returns[0..t])
 * @see hmmlearn's GaussianHMM (parameterisation and covariance types); L. R. Rabiner (1989), Proc. IEEE 77(2);
 *   R. Salakhutdinov, S. Roweis (2003), "Adaptive overrelaxed bound optimization methods", ICML (acceleration).
 */
export class GaussianHmm {
  /** Parsed options (defaults filled in). */
  readonly options: ParsedOptions;
  /** Convergence report of the last {@link GaussianHmm.fit}, or null for a model built by `fromParams`. */
  report: FitReport | null = null;
  private kernel: Kernel | null = null;
  private covType: CovarianceType;
  private sx: Float64Array = new Float64Array(0);

  /**
   * @param options - see {@link GaussianHmmOptions}; validated with zod (throws ValidationError naming the field).
   */
  constructor(options: GaussianHmmOptions) {
    this.options = parseWith(gaussianHmmOptions, options, "GaussianHmm options");
    this.covType = this.options.covariance;
  }

  /**
   * Builds a model with fixed parameters (no fitting), e.g. to compare with another implementation, to simulate,
   * or to filter with parameters estimated elsewhere. See {@link HmmParamsInput} for accepted shapes.
   *
   * @param params - `{ startProb, transMat, means, covars, covariance? }`.
   * @param options - other options (algorithm, labelOrder, …) used if the model is later refitted.
   * @example
   * const m = GaussianHmm.fromParams({ startProb: [1, 0], transMat: [[0.9, 0.1], [0.1, 0.9]], means: [0, 1], covars: [1, 1] });
   * m.score(Float64Array.of(0)); // → −0.9189… (= log N(0; 0, 1))
   */
  static fromParams(params: HmmParamsInput, options: Partial<GaussianHmmOptions> = {}): GaussianHmm {
    const p = parseHmmParams(params);
    const m = new GaussianHmm({ ...options, nStates: p.nStates, covariance: p.covariance });
    const k = new Kernel(p.nStates, p.nFeatures);
    k.startProb.set(p.startProb);
    k.transMat.set(p.transMat);
    k.means.set(p.means);
    k.covars.set(p.covars);
    if (!k.prepare())
      throw new QuantkitError("Invalid HMM parameters: covars: a covariance matrix is not positive definite");
    m.kernel = k;
    return m;
  }

  /** Number of hidden states K. */
  get nStates(): number {
    return this.options.nStates;
  }

  /** Number of features D (throws before fitting). */
  get nFeatures(): number {
    return this.k().D;
  }

  /** Covariance parameterisation. */
  get covariance(): CovarianceType {
    return this.covType;
  }

  /** True once the model has parameters (fitted or built with `fromParams`). */
  get isFitted(): boolean {
    return this.kernel !== null;
  }

  /** A copy of the parameters (see {@link HmmParams} for layouts). */
  get params(): HmmParams {
    const k = this.k();
    return {
      nStates: k.K,
      nFeatures: k.D,
      covariance: this.covType,
      startProb: k.startProb.slice(),
      transMat: k.transMat.slice(),
      means: k.means.slice(),
      covars: k.covars.slice(),
    };
  }

  /** Number of free parameters, as used by {@link GaussianHmm.aic} / {@link GaussianHmm.bic}. */
  get nParameters(): number {
    const k = this.k();
    return countParameters(k.K, k.D, this.covType);
  }

  private k(): Kernel {
    if (!this.kernel)
      throw new QuantkitError("GaussianHmm: the model has no parameters yet: call fit() first");
    return this.kernel;
  }

  /**
   * Fits the model by Baum–Welch (EM) from `nInit` k-means++ initialisations and keeps the best; then orders the
   * states canonically (see `labelOrder`). Deterministic for a given seed. The report is in {@link GaussianHmm.report}.
   *
   * @param X - observations (a series or feature columns), all finite, at least 2 rows.
   * @returns this model.
   */
  fit(X: Observations): this {
    const rows = toRows(X, "GaussianHmm.fit observations");
    const { T, D } = rows;
    const K = this.options.nStates;
    if (T < Math.max(2, K))
      throw new QuantkitError(`GaussianHmm.fit: expected at least ${Math.max(2, K)} observations, got ${T}`);
    const floor = new Float64Array(D);
    const mean = new Float64Array(D);
    for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) mean[d] = mean[d]! + rows.x[t * D + d]!;
    for (let d = 0; d < D; d++) mean[d] = mean[d]! / T;
    for (let t = 0; t < T; t++)
      for (let d = 0; d < D; d++) floor[d] = floor[d]! + (rows.x[t * D + d]! - mean[d]!) ** 2;
    for (let d = 0; d < D; d++)
      floor[d] = Math.max((floor[d]! / T) * this.options.covarFloor, Number.MIN_VALUE);

    const ws = new Workspace(T, K);
    this.sx = new Float64Array(K);
    const best = new Kernel(K, D);
    const cur = new Kernel(K, D);
    const restarts: RestartReport[] = [];
    let bestLl = Number.NEGATIVE_INFINITY;
    let bestTrace: Float64Array = new Float64Array(0);
    let bestIdx = -1;
    for (let r = 0; r < this.options.nInit; r++) {
      // Restart 0: k-means++ with Lloyd iterations; restart 1: dispersion bands (finds volatility regimes that
      // k-means on the raw values splits by sign); later restarts: raw k-means++ seeds (more diverse).
      this.initialise(cur, rows, new Rng(this.options.seed, r), r === 0 ? 20 : 0, floor, r === 1);
      const res = this.em(cur, rows, ws, floor);
      restarts.push({
        restart: r,
        logLikelihood: res.ll,
        iterations: res.iterations,
        converged: res.converged,
      });
      if (res.ll > bestLl || bestIdx < 0) {
        bestLl = res.ll;
        bestIdx = r;
        bestTrace = res.trace;
        best.copyFrom(cur);
      }
    }
    this.canonicalise(best);
    best.prepare();
    this.kernel = best;
    const kept = restarts[bestIdx]!;
    this.report = {
      converged: kept.converged,
      iterations: kept.iterations,
      logLikelihood: bestLl,
      trace: bestTrace,
      bestRestart: bestIdx,
      restarts,
      covarFloor: floor,
    };
    return this;
  }

  private initialise(
    k: Kernel,
    rows: Rows,
    rng: Rng,
    lloyd: number,
    floor: Float64Array,
    dispersion: boolean,
  ): void {
    const { K, D } = k;
    const { T, x } = rows;
    const { labels, centers } = dispersion ? dispersionClusters(rows, K) : kmeans(rows, K, rng, lloyd);
    const counts = new Float64Array(K);
    const sums = new Float64Array(K * D);
    for (let t = 0; t < T; t++) {
      const s = labels[t]!;
      counts[s] = counts[s]! + 1;
      for (let d = 0; d < D; d++) sums[s * D + d] = sums[s * D + d]! + x[t * D + d]!;
    }
    // Global covariance, used for tiny clusters.
    const gm = new Float64Array(D);
    for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) gm[d] = gm[d]! + x[t * D + d]! / T;
    const gcov = new Float64Array(D * D);
    for (let t = 0; t < T; t++)
      for (let a = 0; a < D; a++)
        for (let b = 0; b < D; b++)
          gcov[a * D + b] = gcov[a * D + b]! + ((x[t * D + a]! - gm[a]!) * (x[t * D + b]! - gm[b]!)) / T;
    const gamma = new Float64Array(T * K);
    for (let s = 0; s < K; s++) {
      if (counts[s]! >= 2) for (let d = 0; d < D; d++) k.means[s * D + d] = sums[s * D + d]! / counts[s]!;
      else for (let d = 0; d < D; d++) k.means[s * D + d] = centers[s * D + d]!;
    }
    for (let t = 0; t < T; t++) gamma[t * K + labels[t]!] = 1;
    this.mStepCovars(k, rows, gamma, counts, floor);
    for (let s = 0; s < K; s++) {
      if (counts[s]! < 2 || counts[s]! <= D) {
        k.covars.set(gcov, s * D * D);
        this.applyFloor(k, s, floor);
      }
    }
    if (this.covType === "tied") {
      for (let s = 1; s < K; s++) k.covars.copyWithin(s * D * D, 0, D * D);
    }
    const stay = K === 1 ? 1 : 0.9;
    for (let i = 0; i < K; i++) {
      k.startProb[i] = 1 / K;
      for (let j = 0; j < K; j++) k.transMat[i * K + j] = i === j ? stay : (1 - stay) / (K - 1);
    }
  }

  /** Forward pass of the E-step for the current parameters (log-likelihood; NaN if a covariance is not PD). */
  private eForward(k: Kernel, rows: Rows, ws: Workspace): number {
    return k.prepare() ? this.forward(k, rows, ws) : Number.NaN;
  }

  /**
   * Baum–Welch iterations from the parameters in `k` (updated in place to the last accepted parameters). With
   * `acceleration: "overrelaxed"`, each EM update Δ = M(θ) − θ is extrapolated to θ + ωΔ (log scale for
   * probabilities and variances); the step is kept only if the likelihood still increases, ω grows ×1.5 after
   * every accepted step and falls back to 1 (the plain EM update, which never decreases the likelihood) otherwise.
   * Every forward pass counts as an iteration.
   */
  private em(
    k: Kernel,
    rows: Rows,
    ws: Workspace,
    floor: Float64Array,
  ): { ll: number; iterations: number; converged: boolean; trace: Float64Array } {
    const { K, D } = k;
    const { T } = rows;
    const { maxIter, tol } = this.options;
    const log = this.options.algorithm === "log";
    const accel = this.options.acceleration === "overrelaxed";
    const trace = new Float64Array(maxIter);
    const Nk = new Float64Array(K);
    const theta = new Kernel(K, D);
    const plain = new Kernel(K, D);
    let prev = Number.NEGATIVE_INFINITY;
    let converged = false;
    let evals = 0;
    let n = 0;
    let omega = 1;
    let pending = false;
    let ll = Number.NEGATIVE_INFINITY;
    while (evals < maxIter) {
      ll = this.eForward(k, rows, ws);
      evals++;
      if (pending && !(ll >= prev)) {
        // The extrapolated step lost likelihood: take the plain EM update instead.
        pending = false;
        omega = 1;
        if (evals >= maxIter) {
          k.copyFrom(theta);
          ll = prev;
          break;
        }
        k.copyFrom(plain);
        ll = this.eForward(k, rows, ws);
        evals++;
      }
      if (!Number.isFinite(ll)) {
        if (n > 0) k.copyFrom(theta);
        ll = prev;
        break;
      }
      trace[n++] = ll;
      if (ll - prev < tol) {
        converged = true;
        break;
      }
      if (accel) omega = Math.min(omega * 1.5, 64);
      pending = false;
      prev = ll;
      if (evals >= maxIter) break;
      if (log) backwardLog(T, K, ws.logA, ws.b, ws.alpha, ll, ws.beta, ws.gamma, ws.xi, ws.tmp);
      else backwardScaled(T, K, k.transMat, ws.b, ws.alpha, ws.c, ws.beta, ws.gamma, ws.xi, ws.tmp);
      theta.copyFrom(k);
      this.mStep(k, rows, ws, Nk, floor);
      if (accel && omega > 1) {
        plain.copyFrom(k);
        extrapolate(k, theta, plain, omega, floor);
        pending = true;
      }
    }
    return { ll, iterations: evals, converged, trace: trace.slice(0, n) };
  }

  private mStep(k: Kernel, rows: Rows, ws: Workspace, Nk: Float64Array, floor: Float64Array): void {
    const { K, D } = k;
    const { T, x } = rows;
    const g = ws.gamma;
    let s0 = 0;
    for (let i = 0; i < K; i++) s0 += g[i]!;
    for (let i = 0; i < K; i++) k.startProb[i] = g[i]! / s0;
    for (let i = 0; i < K; i++) {
      let s = 0;
      for (let j = 0; j < K; j++) s += ws.xi[i * K + j]!;
      if (s > 0) for (let j = 0; j < K; j++) k.transMat[i * K + j] = ws.xi[i * K + j]! / s;
    }
    Nk.fill(0);
    if (D === 1) {
      const sx = this.sx;
      sx.fill(0);
      for (let t = 0; t < T; t++) {
        const v = x[t]!;
        const r = t * K;
        for (let i = 0; i < K; i++) {
          const w = g[r + i]!;
          Nk[i] = Nk[i]! + w;
          sx[i] = sx[i]! + w * v;
        }
      }
      for (let i = 0; i < K; i++) if (Nk[i]! > 1e-300) k.means[i] = sx[i]! / Nk[i]!;
    } else {
      for (let t = 0; t < T; t++) for (let i = 0; i < K; i++) Nk[i] = Nk[i]! + g[t * K + i]!;
      const mu = new Float64Array(K * D);
      for (let t = 0; t < T; t++)
        for (let i = 0; i < K; i++) {
          const w = g[t * K + i]!;
          for (let d = 0; d < D; d++) mu[i * D + d] = mu[i * D + d]! + w * x[t * D + d]!;
        }
      for (let i = 0; i < K; i++)
        if (Nk[i]! > 1e-300) for (let d = 0; d < D; d++) k.means[i * D + d] = mu[i * D + d]! / Nk[i]!;
    }
    this.mStepCovars(k, rows, g, Nk, floor);
  }

  /** Covariance M-step from responsibilities `g` (T×K) and their sums `Nk`, then the covariance type and floor. */
  private mStepCovars(k: Kernel, rows: Rows, g: Float64Array, Nk: Float64Array, floor: Float64Array): void {
    const { K, D } = k;
    const { T, x } = rows;
    const type = this.covType;
    if (D === 1) {
      let tied = 0;
      let ntied = 0;
      for (let i = 0; i < K; i++) {
        if (!(Nk[i]! > 1e-300)) continue;
        const m = k.means[i]!;
        let s = 0;
        for (let t = 0; t < T; t++) {
          const e = x[t]! - m;
          s += g[t * K + i]! * e * e;
        }
        tied += s;
        ntied += Nk[i]!;
        k.covars[i] = Math.max(s / Nk[i]!, floor[0]!);
      }
      if (type === "tied") {
        const v = Math.max(tied / ntied, floor[0]!);
        for (let i = 0; i < K; i++) k.covars[i] = v;
      }
      return;
    }
    const S = new Float64Array(D * D);
    const tiedS = new Float64Array(D * D);
    let ntied = 0;
    for (let i = 0; i < K; i++) {
      if (!(Nk[i]! > 1e-300)) continue;
      S.fill(0);
      for (let t = 0; t < T; t++) {
        const w = g[t * K + i]!;
        if (w === 0) continue;
        for (let a = 0; a < D; a++) {
          const ea = x[t * D + a]! - k.means[i * D + a]!;
          for (let b = 0; b <= a; b++)
            S[a * D + b] = S[a * D + b]! + w * ea * (x[t * D + b]! - k.means[i * D + b]!);
        }
      }
      for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) S[b * D + a] = S[a * D + b]!;
      for (let j = 0; j < D * D; j++) tiedS[j] = tiedS[j]! + S[j]!;
      ntied += Nk[i]!;
      const o = i * D * D;
      if (type === "full") for (let j = 0; j < D * D; j++) k.covars[o + j] = S[j]! / Nk[i]!;
      else if (type === "diag" || type === "spherical") {
        k.covars.fill(0, o, o + D * D);
        let avg = 0;
        for (let a = 0; a < D; a++) avg += S[a * D + a]! / Nk[i]! / D;
        for (let a = 0; a < D; a++) k.covars[o + a * D + a] = type === "diag" ? S[a * D + a]! / Nk[i]! : avg;
      }
      if (type !== "tied") this.applyFloor(k, i, floor);
    }
    if (type === "tied") {
      for (let j = 0; j < D * D; j++) k.covars[j] = tiedS[j]! / ntied;
      this.applyFloor(k, 0, floor);
      for (let i = 1; i < K; i++) k.covars.copyWithin(i * D * D, 0, D * D);
    }
  }

  /** Floors the variances of state `i` and, for full matrices, adds to the diagonal until positive definite. */
  private applyFloor(k: Kernel, i: number, floor: Float64Array): void {
    const { D } = k;
    const o = i * D * D;
    let fmax = 0;
    for (let a = 0; a < D; a++) fmax = Math.max(fmax, floor[a]!);
    for (let a = 0; a < D; a++) {
      const f = this.covType === "spherical" ? fmax : floor[a]!;
      if (!(k.covars[o + a * D + a]! >= f)) k.covars[o + a * D + a] = f;
    }
    if (D > 1) {
      let bump = 1;
      while (Number.isNaN(cholesky(k.covars, k.chol, o, D)) && bump < 1e12) {
        for (let a = 0; a < D; a++) k.covars[o + a * D + a] = k.covars[o + a * D + a]! + floor[a]! * bump;
        bump *= 10;
      }
    }
  }

  /** Permutes states into canonical order (ascending mean or variance of the chosen feature). */
  private canonicalise(k: Kernel): void {
    const { K, D } = k;
    const f = Math.min(this.options.labelOrder.feature, D - 1);
    const mean = (s: number) => k.means[s * D + f]!;
    const vari = (s: number) => k.covars[s * D * D + f * D + f]!;
    const [first, second] = this.options.labelOrder.by === "mean" ? [mean, vari] : [vari, mean];
    const order = Array.from({ length: K }, (_, i) => i).sort(
      (a, b) => first(a) - first(b) || second(a) - second(b) || a - b,
    );
    const src = new Kernel(K, D);
    src.copyFrom(k);
    for (let n = 0; n < K; n++) {
      const o = order[n]!;
      k.startProb[n] = src.startProb[o]!;
      for (let m = 0; m < K; m++) k.transMat[n * K + m] = src.transMat[o * K + order[m]!]!;
      for (let d = 0; d < D; d++) k.means[n * D + d] = src.means[o * D + d]!;
      k.covars.set(src.covars.subarray(o * D * D, (o + 1) * D * D), n * D * D);
    }
  }

  private rows(X: Observations, what: string): Rows {
    return toRows(X, what, this.k().D);
  }

  /**
   * Causal state probabilities p(sₜ = k | x₁..xₜ) (Hamilton filter). Row t depends only on rows 0..t: appending
   * observations never changes earlier rows (bit-identical). Use these in backtests and live.
   *
   * @param X - observations with the model's number of features.
   * @returns T×K row-major probabilities (`out[t * K + k]`), each row summing to 1.
   */
  filter(X: Observations): Float64Array {
    const k = this.k();
    const rows = this.rows(X, "GaussianHmm.filter observations");
    const ws = new Workspace(rows.T, k.K);
    this.forward(k, rows, ws);
    if (this.options.algorithm === "log") {
      const out = ws.alpha;
      for (let t = 0; t < rows.T; t++) {
        const lse = logSumExp(out, t * k.K, k.K);
        for (let i = 0; i < k.K; i++) out[t * k.K + i] = Math.exp(out[t * k.K + i]! - lse);
      }
    }
    return ws.alpha;
  }

  private forward(k: Kernel, rows: Rows, ws: Workspace): number {
    if (rows.T === 0) return 0;
    if (this.options.algorithm === "log") {
      logInto(k.startProb, ws.logStart);
      logInto(k.transMat, ws.logA);
      k.logEmissionMatrix(rows, ws.b);
      return forwardLog(rows.T, k.K, ws.logStart, ws.logA, ws.b, ws.alpha, ws.tmp);
    }
    if (k.D === 1)
      return forwardScaled1D(
        rows.T,
        k.K,
        rows.x,
        k.means,
        k.invVar,
        k.logNorm,
        k.startProb,
        k.transMat,
        ws.b,
        ws.alpha,
        ws.c,
      );
    k.scaledEmissions(rows, ws.b, ws.off);
    return forwardScaled(rows.T, k.K, k.startProb, k.transMat, ws.b, ws.off, ws.alpha, ws.c);
  }

  private posterior(X: Observations, what: string): { ws: Workspace; ll: number; T: number } {
    const k = this.k();
    const rows = this.rows(X, what);
    const ws = new Workspace(rows.T, k.K);
    const ll = this.forward(k, rows, ws);
    if (rows.T === 0) return { ws, ll, T: 0 };
    if (this.options.algorithm === "log")
      backwardLog(rows.T, k.K, ws.logA, ws.b, ws.alpha, ll, ws.beta, ws.gamma, ws.xi, ws.tmp);
    else backwardScaled(rows.T, k.K, k.transMat, ws.b, ws.alpha, ws.c, ws.beta, ws.gamma, ws.xi, ws.tmp);
    return { ws, ll, T: rows.T };
  }

  /**
   * Smoothed state probabilities p(sₜ = k | x₁..x_T) (forward–backward). Uses the WHOLE series, future included:
   * for analysis and labelling history only, never for trading decisions.
   *
   * @returns T×K row-major probabilities, each row summing to 1.
   */
  smooth(X: Observations): Float64Array {
    return this.posterior(X, "GaussianHmm.smooth observations").ws.gamma;
  }

  /**
   * Expected transition counts Σₜ p(sₜ₋₁ = i, sₜ = j | x₁..x_T) (K×K row-major), from the smoother (hindsight);
   * the input of `DirichletTransitions.addCounts`.
   */
  expectedTransitionCounts(X: Observations): Float64Array {
    return this.posterior(X, "GaussianHmm observations").ws.xi.slice();
  }

  /** Log-likelihood log p(x₁..x_T) in nats (0 for an empty series). */
  score(X: Observations): number {
    const k = this.k();
    const rows = this.rows(X, "GaussianHmm.score observations");
    return this.forward(k, rows, new Workspace(rows.T, k.K));
  }

  /** Akaike information criterion −2·log L + 2p (lower is better). */
  aic(X: Observations): number {
    return -2 * this.score(X) + 2 * this.nParameters;
  }

  /** Bayesian information criterion −2·log L + p·ln T (lower is better). */
  bic(X: Observations): number {
    const T = X instanceof Float64Array ? X.length : (X[0]?.length ?? 0);
    return -2 * this.score(X) + this.nParameters * Math.log(T);
  }

  /**
   * Most likely state path (Viterbi, log space). Uses the whole series (hindsight).
   *
   * @returns the state index per row.
   */
  viterbi(X: Observations): Int32Array {
    const k = this.k();
    const rows = this.rows(X, "GaussianHmm.viterbi observations");
    const { T } = rows;
    const K = k.K;
    const path = new Int32Array(T);
    if (T === 0) return path;
    const logB = new Float64Array(T * K);
    k.logEmissionMatrix(rows, logB);
    const logA = new Float64Array(K * K);
    logInto(k.transMat, logA);
    const delta = new Float64Array(T * K);
    const psi = new Int32Array(T * K);
    for (let j = 0; j < K; j++) delta[j] = Math.log(k.startProb[j]!) + logB[j]!;
    for (let t = 1; t < T; t++) {
      for (let j = 0; j < K; j++) {
        let best = Number.NEGATIVE_INFINITY;
        let arg = 0;
        for (let i = 0; i < K; i++) {
          const v = delta[(t - 1) * K + i]! + logA[i * K + j]!;
          if (v > best) {
            best = v;
            arg = i;
          }
        }
        delta[t * K + j] = best + logB[t * K + j]!;
        psi[t * K + j] = arg;
      }
    }
    let arg = 0;
    for (let j = 1; j < K; j++) if (delta[(T - 1) * K + j]! > delta[(T - 1) * K + arg]!) arg = j;
    path[T - 1] = arg;
    for (let t = T - 1; t > 0; t--) path[t - 1] = psi[t * K + path[t]!]!;
    return path;
  }

  /**
   * Draws a state path and observations from the model.
   *
   * @param n - number of steps.
   * @param seed - Rng seed (stream 0). @default 0
   * @example
   * const { states, columns } = model.sample(1000, 7); // columns[0] is feature 0
   */
  sample(n: number, seed = 0): HmmSample {
    const k = this.k();
    const { K, D } = k;
    const rng = new Rng(seed);
    const states = new Int32Array(n);
    const columns = Array.from({ length: D }, () => new Float64Array(n));
    const z = new Float64Array(D);
    let s = -1;
    for (let t = 0; t < n; t++) {
      const u = rng.next();
      const p = s < 0 ? k.startProb : k.transMat.subarray(s * K, s * K + K);
      let acc = 0;
      let next = K - 1;
      for (let j = 0; j < K; j++) {
        acc += p[j]!;
        if (u < acc) {
          next = j;
          break;
        }
      }
      s = next;
      states[t] = s;
      for (let d = 0; d < D; d++) z[d] = rng.normal();
      for (let a = 0; a < D; a++) {
        let v = k.means[s * D + a]!;
        for (let b = 0; b <= a; b++) v += k.chol[s * D * D + a * D + b]! * z[b]!;
        columns[a]![t] = v;
      }
    }
    return { states, columns };
  }

  /**
   * Stationary distribution π of the transition matrix (π·A = π): the long-run share of time in each state.
   *
   * @example
   * GaussianHmm.fromParams({ startProb: [1, 0], transMat: [[0.9, 0.1], [0.2, 0.8]], means: [0, 0], covars: [1, 1] })
   *   .stationaryDistribution(); // → Float64Array [0.6667, 0.3333]
   */
  stationaryDistribution(): Float64Array {
    const k = this.k();
    return stationary(k.transMat, k.K);
  }

  /**
   * Expected duration of each state in steps, 1 / (1 − A_kk) (geometric sojourn; Infinity for an absorbing state).
   *
   * @example
   * // transMat [[0.9, 0.1], [0.2, 0.8]] → Float64Array [10, 5]
   */
  expectedDurations(): Float64Array {
    const k = this.k();
    const out = new Float64Array(k.K);
    for (let i = 0; i < k.K; i++) out[i] = 1 / (1 - k.transMat[i * k.K + i]!);
    return out;
  }

  /** @internal A private copy of the parameters and emission constants, for {@link OnlineHmmFilter}. */
  kernelCopy(): Kernel {
    const k = this.k();
    const c = new Kernel(k.K, k.D);
    c.copyFrom(k);
    return c;
  }
}
