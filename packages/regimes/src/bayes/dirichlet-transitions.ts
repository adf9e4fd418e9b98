import { parseWith, QuantkitError } from "@quantkit/core";
import { z } from "zod";
import { betaQuantile } from "./beta.js";

/** zod schema of {@link DirichletTransitionsOptions}. */
export const dirichletTransitionsOptions = z.object({
  nStates: z.number().int().min(1).max(64),
  prior: z.union([z.number().positive(), z.array(z.array(z.number().positive()))]).default(1),
});

/**
 * Options of {@link DirichletTransitions}: `nStates` K, and `prior` — the Dirichlet concentration of every row of
 * the transition matrix, either one number for all entries (default 1: uniform) or a K×K matrix (e.g. a larger
 * diagonal to encode persistence).
 */
export type DirichletTransitionsOptions = z.input<typeof dirichletTransitionsOptions>;

/**
 * Bayesian transition matrix: an independent Dirichlet prior on each row, updated with transition counts — expected
 * counts from the smoother (`GaussianHmm.expectedTransitionCounts`), Viterbi path counts, or online two-slice
 * filtered joints (`OnlineHmmFilter.joint()`), one bar at a time. Gives the posterior mean, exact credible
 * intervals (each entry's marginal is Beta(α_ij, α_i0 − α_ij)) and the posterior predictive probability of
 * switching within k steps.
 *
 * @example
 * const bt = new DirichletTransitions({ nStates: 2 });
 * bt.addPath(Int32Array.of(0, 0, 0, 1, 1));
 * bt.posteriorMean()[0];          // → 0.6  (= (2 + 1) / (3 + 2))
 * bt.credibleInterval(0, 0, 0.95); // → [lo, hi] from Beta(3, 2) quantiles
 * @see A. Gelman et al., Bayesian Data Analysis (3rd ed.), §3.4 (Dirichlet–multinomial conjugacy).
 */
export class DirichletTransitions {
  /** Number of states K. */
  readonly nStates: number;
  /** Posterior concentrations α (K×K row-major) = prior + counts. Read-only view. */
  readonly alpha: Float64Array;
  private readonly prior: Float64Array;

  /** @param options - see {@link DirichletTransitionsOptions}. */
  constructor(options: DirichletTransitionsOptions) {
    const o = parseWith(dirichletTransitionsOptions, options, "DirichletTransitions options");
    const K = o.nStates;
    this.nStates = K;
    this.prior = new Float64Array(K * K);
    if (typeof o.prior === "number") this.prior.fill(o.prior);
    else {
      if (o.prior.length !== K || o.prior.some((r) => r.length !== K))
        throw new QuantkitError(`Invalid DirichletTransitions options: prior: expected a ${K}×${K} matrix`);
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) this.prior[i * K + j] = o.prior[i]![j]!;
    }
    this.alpha = this.prior.slice();
  }

  /**
   * Adds (expected or integer) transition counts `counts[i*K+j]` from state i to state j, each ≥ 0.
   *
   * @param counts - K×K row-major counts.
   * @param weight - multiplies the counts (e.g. < 1 to discount). @default 1
   */
  addCounts(counts: ArrayLike<number>, weight = 1): this {
    const K = this.nStates;
    if (counts.length !== K * K)
      throw new QuantkitError(
        `DirichletTransitions.addCounts: expected ${K * K} counts, got ${counts.length}`,
      );
    for (let i = 0; i < K * K; i++) {
      const c = counts[i]!;
      if (!(c >= 0))
        throw new QuantkitError(`DirichletTransitions.addCounts: count ${i} must be ≥ 0, got ${c}`);
      this.alpha[i] = this.alpha[i]! + weight * c;
    }
    return this;
  }

  /** Adds the transitions of a state path (e.g. from `GaussianHmm.viterbi`). */
  addPath(path: ArrayLike<number>): this {
    const K = this.nStates;
    for (let t = 1; t < path.length; t++) {
      const i = path[t - 1]!;
      const j = path[t]!;
      if (!(i >= 0 && i < K && j >= 0 && j < K))
        throw new QuantkitError(`DirichletTransitions.addPath: state at row ${t} out of range 0..${K - 1}`);
      this.alpha[i * K + j] = this.alpha[i * K + j]! + 1;
    }
    return this;
  }

  /** Online update with one observed transition i → j (weight 1 by default). */
  observe(from: number, to: number, weight = 1): this {
    const K = this.nStates;
    if (!(from >= 0 && from < K && to >= 0 && to < K))
      throw new QuantkitError(`DirichletTransitions.observe: states must be in 0..${K - 1}`);
    this.alpha[from * K + to] = this.alpha[from * K + to]! + weight;
    return this;
  }

  /** Resets the posterior to the prior. */
  reset(): this {
    this.alpha.set(this.prior);
    return this;
  }

  /** Posterior mean of the transition matrix, E[A_ij] = α_ij / α_i0 (K×K row-major, rows sum to 1). */
  posteriorMean(): Float64Array {
    const K = this.nStates;
    const out = new Float64Array(K * K);
    for (let i = 0; i < K; i++) {
      let s = 0;
      for (let j = 0; j < K; j++) s += this.alpha[i * K + j]!;
      for (let j = 0; j < K; j++) out[i * K + j] = this.alpha[i * K + j]! / s;
    }
    return out;
  }

  /**
   * Equal-tailed credible interval of A_ij from its exact Beta(α_ij, α_i0 − α_ij) marginal.
   *
   * @param level - coverage in (0, 1). @default 0.95
   * @returns `[lower, upper]`.
   */
  credibleInterval(from: number, to: number, level = 0.95): [number, number] {
    const K = this.nStates;
    if (!(level > 0 && level < 1))
      throw new QuantkitError(`credibleInterval: level must be in (0, 1), got ${level}`);
    if (K === 1) return [1, 1];
    let s = 0;
    for (let j = 0; j < K; j++) s += this.alpha[from * K + j]!;
    const a = this.alpha[from * K + to]!;
    const b = s - a;
    const q = (1 - level) / 2;
    return [betaQuantile(q, a, b), betaQuantile(1 - q, a, b)];
  }

  /**
   * Posterior predictive probability of leaving the current regime within the next k steps, averaged over the
   * current state distribution: Σᵢ πᵢ (1 − E[A_ii^k]) with E[A_ii^k] = Πₘ₌₀^{k−1} (α_ii + m) / (α_i0 + m)
   * (exact under the Beta marginal; no plug-in of the mean).
   *
   * @param probs - current state probabilities (e.g. filtered), length K; or a state index.
   * @param k - horizon in steps (≥ 1). @default 1
   * @example
   * bt.switchProbability(filter.probs, 5); // → P(regime change within 5 bars)
   */
  switchProbability(probs: ArrayLike<number> | number, k = 1): number {
    const K = this.nStates;
    if (!(Number.isInteger(k) && k >= 1))
      throw new QuantkitError(`switchProbability: k must be an integer ≥ 1`);
    let total = 0;
    for (let i = 0; i < K; i++) {
      const w = typeof probs === "number" ? (i === probs ? 1 : 0) : probs[i]!;
      if (w === 0) continue;
      let s = 0;
      for (let j = 0; j < K; j++) s += this.alpha[i * K + j]!;
      const a = this.alpha[i * K + i]!;
      let stay = 1;
      for (let m = 0; m < k; m++) stay *= (a + m) / (s + m);
      total += w * (1 - stay);
    }
    return Math.min(1, Math.max(0, total));
  }
}
