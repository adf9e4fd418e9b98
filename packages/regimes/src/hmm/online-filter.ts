import { QuantkitError } from "@quantkit/core";
import type { GaussianHmm, Kernel } from "./gaussian-hmm.js";

/**
 * Streaming Hamilton filter: updates p(sₜ | x₁..xₜ) in O(K²) (plus the emission densities) per new observation,
 * allocation-free, for the streaming backtester and live use. It performs exactly the arithmetic of
 * `GaussianHmm.filter`, so its probabilities are bit-identical to the batch filter's rows. The model's parameters
 * are copied at construction: refitting the model later does not change a running filter.
 *
 * @example
 * const f = new OnlineHmmFilter(model);
 * f.update(0.012);   // → f.probs: Float64Array of K probabilities for the newest bar
 * f.mostLikely;      // → index of the most probable state
 * @see J. D. Hamilton (1989), "A new approach to the economic analysis of nonstationary time series", Econometrica.
 */
export class OnlineHmmFilter {
  /** Filtered probabilities after the last update (a live view: copy it to keep it). */
  readonly probs: Float64Array;
  /** Joint p(sₜ₋₁ = i, sₜ = j | x₁..xₜ) of the last update (K×K row-major), for online transition learning. */
  readonly joint: Float64Array;
  private readonly k: Kernel;
  private readonly K: number;
  private readonly prev: Float64Array;
  private readonly b: Float64Array;
  private readonly xbuf: Float64Array;
  private n = 0;
  private ll = 0;

  /** @param model - a fitted (or `fromParams`) GaussianHmm; its parameters are copied. */
  constructor(model: GaussianHmm) {
    this.k = model.kernelCopy();
    this.K = this.k.K;
    this.probs = new Float64Array(this.K);
    this.joint = new Float64Array(this.K * this.K);
    this.prev = new Float64Array(this.K);
    this.b = new Float64Array(this.K);
    this.xbuf = new Float64Array(this.k.D);
  }

  /** Number of observations seen. */
  get count(): number {
    return this.n;
  }

  /** Log-likelihood log p(x₁..xₜ) of the observations seen so far (nats). */
  get logLikelihood(): number {
    return this.ll;
  }

  /** Index of the most probable state now (ties → the lowest index); −1 before the first update. */
  get mostLikely(): number {
    if (this.n === 0) return -1;
    let arg = 0;
    for (let i = 1; i < this.K; i++) if (this.probs[i]! > this.probs[arg]!) arg = i;
    return arg;
  }

  /**
   * Adds one observation and returns the updated filtered probabilities (the {@link OnlineHmmFilter.probs} view).
   *
   * @param x - the new observation: a number for a univariate model, or D feature values.
   */
  update(x: number | ArrayLike<number>): Float64Array {
    const { K, k, b, probs } = this;
    const xb = this.xbuf;
    if (typeof x === "number") {
      if (k.D !== 1)
        throw new QuantkitError(`OnlineHmmFilter.update: expected ${k.D} feature values, got a number`);
      xb[0] = x;
    } else {
      if (x.length !== k.D)
        throw new QuantkitError(`OnlineHmmFilter.update: expected ${k.D} feature values, got ${x.length}`);
      for (let d = 0; d < k.D; d++) xb[d] = x[d]!;
    }
    for (let d = 0; d < k.D; d++)
      if (!Number.isFinite(xb[d]!))
        throw new QuantkitError(`OnlineHmmFilter.update: observation ${this.n} feature ${d} is not finite`);
    k.logEmissions(xb, 0, b, 0);
    let m = b[0]!;
    for (let j = 1; j < K; j++) if (b[j]! > m) m = b[j]!;
    for (let j = 0; j < K; j++) b[j] = Math.exp(b[j]! - m);
    let s = 0;
    if (this.n === 0) {
      for (let j = 0; j < K; j++) {
        const v = k.startProb[j]! * b[j]!;
        probs[j] = v;
        s += v;
      }
      this.joint.fill(0);
    } else {
      this.prev.set(probs);
      const A = k.transMat;
      for (let j = 0; j < K; j++) {
        let p = 0;
        for (let i = 0; i < K; i++) p += this.prev[i]! * A[i * K + j]!;
        const v = p * b[j]!;
        probs[j] = v;
        s += v;
      }
      const invS = 1 / s;
      for (let i = 0; i < K; i++) {
        const pi = this.prev[i]! * invS;
        for (let j = 0; j < K; j++) this.joint[i * K + j] = pi * A[i * K + j]! * b[j]!;
      }
    }
    const inv = 1 / s;
    for (let j = 0; j < K; j++) probs[j] = probs[j]! * inv;
    this.ll += Math.log(s) + m;
    this.n++;
    return probs;
  }

  /** Forgets all observations (the next update starts from the model's start distribution). */
  reset(): void {
    this.n = 0;
    this.ll = 0;
    this.probs.fill(0);
    this.joint.fill(0);
  }
}
