/**
 * Small dense linear-algebra kernels over row-major `Float64Array` matrices, used by the HMM's Gaussian emissions.
 * Internal: not exported from the package index.
 */

/**
 * In-place lower Cholesky factor of the symmetric `d`×`d` matrix stored at `a[off .. off + d*d)` into
 * `l[off ..]` (upper triangle zeroed). Returns log|A| (the log-determinant), or NaN if `a` is not positive definite.
 */
export function cholesky(a: Float64Array, l: Float64Array, off: number, d: number): number {
  let logDet = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[off + i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[off + i * d + k]! * l[off + j * d + k]!;
      if (i === j) {
        if (!(s > 0)) return Number.NaN;
        const r = Math.sqrt(s);
        l[off + i * d + i] = r;
        logDet += 2 * Math.log(r);
      } else {
        l[off + i * d + j] = s / l[off + j * d + j]!;
      }
    }
    for (let j = i + 1; j < d; j++) l[off + i * d + j] = 0;
  }
  return logDet;
}

/**
 * Squared Mahalanobis distance (x − μ)ᵀ Σ⁻¹ (x − μ) given the Cholesky factor `l` of Σ at `lOff`, the point at
 * `x[xOff ..]`, the mean at `mu[muOff ..]`, using `scratch` (length ≥ d). Allocation-free.
 */
export function mahalanobis2(
  x: Float64Array,
  xOff: number,
  mu: Float64Array,
  muOff: number,
  l: Float64Array,
  lOff: number,
  d: number,
  scratch: Float64Array,
): number {
  let q = 0;
  for (let i = 0; i < d; i++) {
    let s = x[xOff + i]! - mu[muOff + i]!;
    for (let k = 0; k < i; k++) s -= l[lOff + i * d + k]! * scratch[k]!;
    const y = s / l[lOff + i * d + i]!;
    scratch[i] = y;
    q += y * y;
  }
  return q;
}

/**
 * Stationary distribution π of the row-stochastic `k`×`k` matrix `a` (π A = π, Σπ = 1), by Gaussian elimination
 * with partial pivoting on (Aᵀ − I) with its last row replaced by ones. Returns NaNs if A is reducible into
 * several closed classes (the system is then singular).
 */
export function stationary(a: Float64Array, k: number): Float64Array {
  const m = new Float64Array(k * (k + 1));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) m[i * (k + 1) + j] = a[j * k + i]! - (i === j ? 1 : 0);
  }
  for (let j = 0; j < k; j++) m[(k - 1) * (k + 1) + j] = 1;
  m[(k - 1) * (k + 1) + k] = 1;
  const w = k + 1;
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r * w + c]!) > Math.abs(m[p * w + c]!)) p = r;
    if (Math.abs(m[p * w + c]!) < 1e-300) return new Float64Array(k).fill(Number.NaN);
    if (p !== c) {
      for (let j = 0; j < w; j++) {
        const t = m[c * w + j]!;
        m[c * w + j] = m[p * w + j]!;
        m[p * w + j] = t;
      }
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r * w + c]! / m[c * w + c]!;
      if (f === 0) continue;
      for (let j = c; j < w; j++) m[r * w + j] = m[r * w + j]! - f * m[c * w + j]!;
    }
  }
  const pi = new Float64Array(k);
  for (let i = 0; i < k; i++) pi[i] = Math.max(0, m[i * w + k]! / m[i * w + i]!);
  let s = 0;
  for (let i = 0; i < k; i++) s += pi[i]!;
  for (let i = 0; i < k; i++) pi[i] = pi[i]! / s;
  return pi;
}
