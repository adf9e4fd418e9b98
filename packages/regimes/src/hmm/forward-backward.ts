/**
 * Allocation-free forward–backward kernels for hidden Markov models over row-major `Float64Array` buffers
 * (`buf[t * K + k]`). Two numerically safe variants: Rabiner's scaling (probabilities normalised at every step,
 * log-likelihood = Σ log cₜ) and log space (log-sum-exp). Both produce the same sufficient statistics.
 * Internal: used by `GaussianHmm` and `OnlineHmmFilter`.
 *
 * @see L. R. Rabiner (1989), "A tutorial on hidden Markov models", Proc. IEEE 77(2), §V.A (scaling).
 */

/**
 * Σ log cₜ of the scaling factors: log-likelihood = Σ log cₜ + Σ offₜ. The cₜ ≤ 1 (b ≤ 1 and the predicted
 * probabilities sum to 1) are multiplied and folded into the log only when the product gets small, which saves a
 * log per step.
 */
class ScaleLogSum {
  private sum = 0;
  private prod = 1;

  add(s: number): void {
    if (s < 1e-100) this.sum += Math.log(s);
    else {
      this.prod *= s;
      if (this.prod < 1e-200) {
        this.sum += Math.log(this.prod);
        this.prod = 1;
      }
    }
  }

  value(): number {
    return this.sum + Math.log(this.prod);
  }
}

/**
 * One step of the scaled forward recursion at time t: `alpha[t] ∝ (alpha[t−1]·A) ∘ b[t]` (or `start ∘ b[0]`),
 * normalised in place; returns the scale cₜ (the sum before normalising).
 */
function forwardStep(
  t: number,
  K: number,
  start: Float64Array,
  A: Float64Array,
  b: Float64Array,
  alpha: Float64Array,
): number {
  const row = t * K;
  let s = 0;
  if (t === 0) {
    for (let j = 0; j < K; j++) {
      const v = start[j]! * b[j]!;
      alpha[j] = v;
      s += v;
    }
  } else {
    const prev = row - K;
    for (let j = 0; j < K; j++) {
      let p = 0;
      for (let i = 0; i < K; i++) p += alpha[prev + i]! * A[i * K + j]!;
      const v = p * b[row + j]!;
      alpha[row + j] = v;
      s += v;
    }
  }
  const inv = 1 / s;
  for (let j = 0; j < K; j++) alpha[row + j] = alpha[row + j]! * inv;
  return s;
}

/**
 * Scaled forward pass. `b[t*K+k] = exp(log p(xₜ | k) − off[t])` are the shifted emission likelihoods. Writes the
 * filtered probabilities p(sₜ | x₁..ₜ) into `alpha` and the normalisers into `c`; returns log p(x₁..x_T).
 */
export function forwardScaled(
  T: number,
  K: number,
  start: Float64Array,
  A: Float64Array,
  b: Float64Array,
  off: Float64Array,
  alpha: Float64Array,
  c: Float64Array,
): number {
  const ll = new ScaleLogSum();
  let offSum = 0;
  for (let t = 0; t < T; t++) {
    const s = forwardStep(t, K, start, A, b, alpha);
    c[t] = s;
    offSum += off[t]!;
    ll.add(s);
  }
  return ll.value() + offSum;
}

/**
 * Scaled backward pass that also accumulates the posteriors: `gamma[t*K+i] = p(sₜ = i | x₁..x_T)` and
 * `xi[i*K+j] = Σₜ p(sₜ = i, sₜ₊₁ = j | x₁..x_T)`. `beta` is a K×T scratch buffer; `tmp` has length K.
 */
export function backwardScaled(
  T: number,
  K: number,
  A: Float64Array,
  b: Float64Array,
  alpha: Float64Array,
  c: Float64Array,
  beta: Float64Array,
  gamma: Float64Array,
  xi: Float64Array,
  tmp: Float64Array,
): void {
  xi.fill(0);
  const last = (T - 1) * K;
  for (let i = 0; i < K; i++) beta[last + i] = 1;
  for (let t = T - 2; t >= 0; t--) {
    const row = t * K;
    const next = row + K;
    const invC = 1 / c[t + 1]!;
    for (let j = 0; j < K; j++) tmp[j] = b[next + j]! * beta[next + j]! * invC;
    for (let i = 0; i < K; i++) {
      let s = 0;
      const ai = alpha[row + i]!;
      for (let j = 0; j < K; j++) {
        const w = A[i * K + j]! * tmp[j]!;
        s += w;
        xi[i * K + j] = xi[i * K + j]! + ai * w;
      }
      beta[row + i] = s;
    }
  }
  for (let t = 0; t < T; t++) {
    const row = t * K;
    let s = 0;
    for (let i = 0; i < K; i++) {
      const g = alpha[row + i]! * beta[row + i]!;
      gamma[row + i] = g;
      s += g;
    }
    const inv = 1 / s;
    for (let i = 0; i < K; i++) gamma[row + i] = gamma[row + i]! * inv;
  }
}

/** log(Σ exp(vᵢ)) over `v[off .. off + n)`, stable. */
export function logSumExp(v: Float64Array, off: number, n: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) if (v[off + i]! > m) m = v[off + i]!;
  if (m === Number.NEGATIVE_INFINITY) return m;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(v[off + i]! - m);
  return m + Math.log(s);
}

/**
 * Log-space forward pass: `la[t*K+k] = log p(x₁..xₜ, sₜ = k)`. `logB` holds log p(xₜ | k); `logStart`, `logA`
 * are elementwise logs. Returns log p(x₁..x_T). `tmp` has length K.
 */
export function forwardLog(
  T: number,
  K: number,
  logStart: Float64Array,
  logA: Float64Array,
  logB: Float64Array,
  la: Float64Array,
  tmp: Float64Array,
): number {
  for (let j = 0; j < K; j++) la[j] = logStart[j]! + logB[j]!;
  for (let t = 1; t < T; t++) {
    const row = t * K;
    const prev = row - K;
    for (let j = 0; j < K; j++) {
      for (let i = 0; i < K; i++) tmp[i] = la[prev + i]! + logA[i * K + j]!;
      la[row + j] = logSumExp(tmp, 0, K) + logB[row + j]!;
    }
  }
  return logSumExp(la, (T - 1) * K, K);
}

/**
 * Log-space backward pass with posterior accumulation (same outputs as {@link backwardScaled}); `lb` is a T×K
 * scratch buffer, `tmp` has length K.
 */
export function backwardLog(
  T: number,
  K: number,
  logA: Float64Array,
  logB: Float64Array,
  la: Float64Array,
  ll: number,
  lb: Float64Array,
  gamma: Float64Array,
  xi: Float64Array,
  tmp: Float64Array,
): void {
  xi.fill(0);
  const last = (T - 1) * K;
  for (let i = 0; i < K; i++) lb[last + i] = 0;
  for (let t = T - 2; t >= 0; t--) {
    const row = t * K;
    const next = row + K;
    for (let i = 0; i < K; i++) {
      const lai = la[row + i]! - ll;
      for (let j = 0; j < K; j++) {
        const v = logA[i * K + j]! + logB[next + j]! + lb[next + j]!;
        tmp[j] = v;
        xi[i * K + j] = xi[i * K + j]! + Math.exp(lai + v);
      }
      lb[row + i] = logSumExp(tmp, 0, K);
    }
  }
  for (let t = 0; t < T; t++) {
    const row = t * K;
    let s = 0;
    for (let i = 0; i < K; i++) {
      const g = Math.exp(la[row + i]! + lb[row + i]! - ll);
      gamma[row + i] = g;
      s += g;
    }
    const inv = 1 / s;
    for (let i = 0; i < K; i++) gamma[row + i] = gamma[row + i]! * inv;
  }
}

/**
 * Univariate fused variant of {@link forwardScaled}: computes the shifted Gaussian emission likelihoods into `b`
 * (same arithmetic as `Kernel.scaledEmissionRow`, so results are bit-identical) and runs the scaled forward pass
 * in the same loop. Returns log p(x₁..x_T).
 */
export function forwardScaled1D(
  T: number,
  K: number,
  x: Float64Array,
  means: Float64Array,
  invVar: Float64Array,
  logNorm: Float64Array,
  start: Float64Array,
  A: Float64Array,
  b: Float64Array,
  alpha: Float64Array,
  c: Float64Array,
): number {
  const ll = new ScaleLogSum();
  let offSum = 0;
  for (let t = 0; t < T; t++) {
    const row = t * K;
    const v = x[t]!;
    let arg = 0;
    let m = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) {
      const e = v - means[k]!;
      const l = logNorm[k]! - 0.5 * e * e * invVar[k]!;
      b[row + k] = l;
      if (k === 0 || l > m) {
        m = l;
        arg = k;
      }
    }
    for (let k = 0; k < K; k++) b[row + k] = k === arg ? 1 : Math.exp(b[row + k]! - m);
    const s = forwardStep(t, K, start, A, b, alpha);
    c[t] = s;
    offSum += m;
    ll.add(s);
  }
  return ll.value() + offSum;
}
