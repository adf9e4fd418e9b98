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
  private readonly k: Kernel;
  private readonly K: number;
  private readonly prev: Float64Array;
  private readonly b: Float64Array;
  private readonly xbuf: Float64Array;
  private n = 0;
  /** Numeric state kept in a typed array (no boxed doubles): [last normaliser s, Σ folded logs, running Π s, Σ offsets]. */
  private readonly st = Float64Array.of(1, 0, 1, 0);

  /** @param model - a fitted (or `fromParams`) GaussianHmm; its parameters are copied. */
  constructor(model: GaussianHmm) {
    this.k = model.kernelCopy();
    this.K = this.k.K;
    this.probs = new Float64Array(this.K);
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
    return this.st[1]! + Math.log(this.st[2]!) + this.st[3]!;
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
   * O(K²) and allocation-free.
   *
   * @param x - the new observation: a number for a univariate model, or D feature values.
   */
  update(x: number | ArrayLike<number>): Float64Array {
    const { K, k, b, probs, prev } = this;
    const xb = this.xbuf;
    if (typeof x === "number") {
      if (k.D !== 1)
        throw new QuantkitError(`OnlineHmmFilter.update: expected ${k.D} feature values, got a number`);
      if (!Number.isFinite(x))
        throw new QuantkitError(`OnlineHmmFilter.update: observation ${this.n} is not finite`);
      xb[0] = x;
    } else {
      if (x.length !== k.D)
        throw new QuantkitError(`OnlineHmmFilter.update: expected ${k.D} feature values, got ${x.length}`);
      for (let d = 0; d < k.D; d++) {
        const v = x[d]!;
        if (!Number.isFinite(v))
          throw new QuantkitError(`OnlineHmmFilter.update: observation ${this.n} feature ${d} is not finite`);
        xb[d] = v;
      }
    }
    let m: number;
    if (k.D === 1) {
      // Inlined univariate emission row: the same arithmetic as Kernel.scaledEmissionRow / forwardScaled1D.
      const v = xb[0]!;
      const means = k.means;
      const logNorm = k.logNorm;
      const invVar = k.invVar;
      let arg = 0;
      m = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < K; j++) {
        const e = v - means[j]!;
        const l = logNorm[j]! - 0.5 * e * e * invVar[j]!;
        b[j] = l;
        if (j === 0 || l > m) {
          m = l;
          arg = j;
        }
      }
      for (let j = 0; j < K; j++) b[j] = j === arg ? 1 : Math.exp(b[j]! - m);
    } else m = k.scaledEmissionRow(xb, 0, b, 0);
    let s = 0;
    if (this.n === 0) {
      for (let j = 0; j < K; j++) {
        const v = k.startProb[j]! * b[j]!;
        probs[j] = v;
        s += v;
      }
    } else {
      for (let i = 0; i < K; i++) prev[i] = probs[i]!;
      const A = k.transMat;
      for (let j = 0; j < K; j++) {
        let p = 0;
        for (let i = 0; i < K; i++) p += prev[i]! * A[i * K + j]!;
        const v = p * b[j]!;
        probs[j] = v;
        s += v;
      }
    }
    const st = this.st;
    st[0] = s;
    const inv = 1 / s;
    for (let j = 0; j < K; j++) probs[j] = probs[j]! * inv;
    // Same log-likelihood bookkeeping as the batch forward pass (bit-identical totals).
    st[3] = st[3]! + m;
    if (s < 1e-100) st[1] = st[1]! + Math.log(s);
    else {
      const prod = st[2]! * s;
      if (prod < 1e-200) {
        st[1] = st[1]! + Math.log(prod);
        st[2] = 1;
      } else st[2] = prod;
    }
    this.n++;
    return probs;
  }

  /**
   * The two-slice filtered joint p(sₜ₋₁ = i, sₜ = j | x₁..xₜ) of the last update (K×K row-major, sums to 1; all
   * zeros after the first observation), for online transition learning (`DirichletTransitions.addCounts`).
   * Computed on demand in O(K²) into `out`.
   */
  joint(out: Float64Array = new Float64Array(this.K * this.K)): Float64Array {
    const { K, k, b, prev } = this;
    out.fill(0);
    if (this.n < 2) return out;
    const invS = 1 / this.st[0]!;
    for (let i = 0; i < K; i++) {
      const pi = prev[i]! * invS;
      for (let j = 0; j < K; j++) out[i * K + j] = pi * k.transMat[i * K + j]! * b[j]!;
    }
    return out;
  }

  /** Forgets all observations (the next update starts from the model's start distribution). */
  reset(): void {
    this.n = 0;
    this.st.set([1, 0, 1, 0]);
    this.probs.fill(0);
  }
}
