/**
 * Test helpers for accuracy-at-scale checks (not exported from the package).
 * @internal
 */
import { Rng } from "@quantkit/core";
import { fsum } from "../util/sum.js";

/** A seeded Gaussian random walk of `n` points starting at `level` with step σ `step`. */
export function walk(n: number, level: number, step: number, seed: number): Float64Array {
  const rng = new Rng(seed, 0);
  const x = new Float64Array(n);
  let v = level;
  for (let i = 0; i < n; i++) {
    v += step * rng.normal();
    x[i] = v;
  }
  return x;
}

/**
 * Reference variance of `x[from..to)`: two passes with compensated sums (mean first, then Σ(x − mean)²), accurate
 * to a few ulps for these window sizes.
 */
export function exactVariance(x: Float64Array, from: number, to: number, ddof: number): number {
  const n = to - from;
  const mean = fsum(x, from, to) / n;
  const dev = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = x[from + i]! - mean;
    dev[i] = d * d;
  }
  // second-order correction for the rounding of the mean (Σd is ~0 but not exactly)
  let sd = 0;
  for (let i = 0; i < n; i++) sd += x[from + i]! - mean;
  return (fsum(dev) - (sd * sd) / n) / (n - ddof);
}

/** `n` i.i.d. Gaussian values around `level` with standard deviation `sd` (seeded). */
export function noisy(n: number, level: number, sd: number, seed: number): Float64Array {
  const rng = new Rng(seed, 1);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = level + sd * rng.normal();
  return x;
}
