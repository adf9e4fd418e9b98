import { ValidationError } from "@quantkit/core";
import type { Series } from "./moments.js";
import { moments } from "./moments.js";

/** Summary statistics of a sample (e.g. terminal values). */
export interface Summary {
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Population skewness m₃/m₂^1.5. */
  readonly skewness: number;
  /** Excess kurtosis m₄/m₂² − 3. */
  readonly excessKurtosis: number;
  /** Linear-interpolated (numpy default) quantiles at the requested probabilities. */
  readonly quantiles: Readonly<Record<string, number>>;
}

/** numpy's default ("linear", R-7) quantile of an ascending-sorted sample. */
function sortedQuantile(s: Float64Array, p: number): number {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

function checkProbabilities(ps: readonly number[]): void {
  const bad = ps.findIndex((p) => !(p >= 0 && p <= 1));
  if (bad >= 0) {
    throw new ValidationError("quantile probabilities", [
      { path: `${bad}`, message: `expected a probability in [0, 1], got ${ps[bad]}` },
    ]);
  }
}

/**
 * Mean, standard deviation, extremes, skewness, excess kurtosis and linear-interpolated quantiles of a sample.
 *
 * @param values - sample (e.g. `terminal` of a simulation).
 * @param probabilities - quantile probabilities. @default [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
 * @example
 * summarize([1, 2, 3, 4]).quantiles["0.5"]; // → 2.5
 * @see https://numpy.org/doc/stable/reference/generated/numpy.quantile.html (method "linear")
 */
export function summarize(
  values: Series,
  probabilities: readonly number[] = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99],
): Summary {
  checkProbabilities(probabilities);
  const s = Float64Array.from(values).sort();
  if (s.length === 0)
    throw new ValidationError("summarize input", [{ path: "values", message: "expected values" }]);
  const m = moments(s);
  const quantiles: Record<string, number> = {};
  for (const p of probabilities) quantiles[String(p)] = sortedQuantile(s, p);
  return {
    count: s.length,
    mean: m.mean,
    std: m.std,
    min: s[0]!,
    max: s[s.length - 1]!,
    skewness: m.skewness,
    excessKurtosis: m.kurtosis - 3,
    quantiles,
  };
}

/** Percentile bands of a path matrix, one row per probability. */
export interface PercentileBands {
  readonly probabilities: readonly number[];
  /** Row-major `probabilities.length × (steps + 1)`: band j at column k is `bands[j·(steps + 1) + k]`. */
  readonly bands: Float64Array;
  /** Mean path, length steps + 1. */
  readonly mean: Float64Array;
  readonly columns: number;
}

/**
 * Cross-sectional percentile bands of a `paths × columns` row-major matrix (for fan charts): at every step, the
 * linear-interpolated quantiles over paths, plus the mean path. One column buffer is reused; O(paths·log paths)
 * per column.
 *
 * @param paths - row-major matrix (e.g. `simulateGbm(…).paths`).
 * @param columns - columns per row (`steps + 1`).
 * @param probabilities - band probabilities. @default [0.05, 0.25, 0.5, 0.75, 0.95]
 * @example
 * const { bands } = percentileBands(sim.paths!, sim.steps + 1); // 5 rows: 5 %, 25 %, median, 75 %, 95 %
 * @see https://numpy.org/doc/stable/reference/generated/numpy.quantile.html (method "linear")
 */
export function percentileBands(
  paths: Float64Array,
  columns: number,
  probabilities: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95],
): PercentileBands {
  checkProbabilities(probabilities);
  if (!Number.isInteger(columns) || columns < 1 || paths.length % columns !== 0 || paths.length === 0) {
    throw new ValidationError("percentileBands input", [
      {
        path: "columns",
        message: `expected a positive divisor of paths.length (${paths.length}), got ${columns}`,
      },
    ]);
  }
  const rows = paths.length / columns;
  const col = new Float64Array(rows);
  const bands = new Float64Array(probabilities.length * columns);
  const mean = new Float64Array(columns);
  for (let k = 0; k < columns; k++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const v = paths[i * columns + k]!;
      col[i] = v;
      sum += v;
    }
    mean[k] = sum / rows;
    col.sort();
    for (let j = 0; j < probabilities.length; j++)
      bands[j * columns + k] = sortedQuantile(col, probabilities[j]!);
  }
  return { probabilities, bands, mean, columns };
}
