import { ValidationError } from "@quantkit/core";
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";

/**
 * A lower-triangular-like factor L with L·Lᵀ = Σ for a covariance matrix: the Cholesky factor (ml-matrix) when Σ is
 * positive definite, else V·√Λ from the eigen-decomposition when Σ is positive semi-definite (singular). Throws a
 * `ValidationError` naming the smallest eigenvalue when Σ is not symmetric or not PSD (eigenvalue below
 * −1e-10·max(1, largest)).
 *
 * @param cov - square covariance matrix (array of rows).
 * @param what - field name for messages. @default "cov"
 * @returns the factor, row-major `n × n`.
 * @example
 * covarianceFactor([[4, 2], [2, 2]]); // → Float64Array [2, 0, 1, 1]
 * @see https://mljs.github.io/matrix/classes/CholeskyDecomposition.html
 */
export function covarianceFactor(cov: readonly (readonly number[])[], what = "cov"): Float64Array {
  const n = cov.length;
  const issues = [];
  for (let i = 0; i < n; i++) {
    const row = cov[i]!;
    if (row.length !== n)
      issues.push({ path: `${what}.${i}`, message: `expected ${n} columns, got ${row.length}` });
    for (let j = 0; j < row.length; j++) {
      const v = row[j]!;
      if (!Number.isFinite(v))
        issues.push({ path: `${what}.${i}.${j}`, message: `expected a finite number, got ${v}` });
      else if (j < i && Math.abs(v - cov[j]![i]!) > 1e-12 * Math.max(1, Math.abs(v))) {
        issues.push({
          path: `${what}.${i}.${j}`,
          message: `not symmetric: ${v} vs ${cov[j]![i]} at ${what}.${j}.${i}`,
        });
      }
    }
  }
  if (n === 0) issues.push({ path: what, message: "expected a non-empty square matrix" });
  if (issues.length > 0) throw new ValidationError("covariance matrix", issues);
  const m = new Matrix(cov.map((r) => [...r]));
  const chol = new CholeskyDecomposition(m);
  const out = new Float64Array(n * n);
  if (chol.isPositiveDefinite()) {
    const l = chol.lowerTriangularMatrix;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = l.get(i, j);
    return out;
  }
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const max = Math.max(...values.map(Math.abs));
  const min = Math.min(...values);
  if (min < -1e-10 * Math.max(1, max)) {
    throw new ValidationError("covariance matrix", [
      {
        path: what,
        message: `not positive semi-definite: smallest eigenvalue ${min} (largest ${max}); a covariance matrix must have no negative eigenvalue`,
      },
    ]);
  }
  const v = eig.eigenvectorMatrix;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      out[i * n + j] = v.get(i, j) * Math.sqrt(values[j]! > 1e-12 * max ? values[j]! : 0);
  }
  return out;
}
