import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";

/** A numeric series: a `Float64Array` or a plain array of numbers. */
export type Series = Float64Array | readonly number[];

const seriesSchema = z.union([z.instanceof(Float64Array), z.array(z.unknown())]);

/**
 * Validates a return series at the boundary: every value finite, at least `min` values. Never drops or fills:
 * the error names the first offending index.
 *
 * @param values - the series.
 * @param what - noun for messages, e.g. `"returns"`.
 * @param min - minimum length. @default 2
 * @example
 * toSeries([0.01, -0.02], "returns"); // → Float64Array [0.01, -0.02]
 */
export function toSeries(values: Series, what: string, min = 2): Float64Array {
  parseWith(seriesSchema, values, what);
  const out = values instanceof Float64Array ? values : Float64Array.from(values);
  if (out.length < min) {
    throw new ValidationError(what, [
      { path: "length", message: `expected at least ${min} values, got ${out.length}` },
    ]);
  }
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    if (!Number.isFinite(v) || (!(values instanceof Float64Array) && typeof values[i] !== "number")) {
      throw new ValidationError(what, [
        {
          path: `[${i}]`,
          message: `expected a finite number, got ${String(values[i])} (values are never dropped or filled)`,
        },
      ]);
    }
  }
  return out;
}

/** Arithmetic mean (Neumaier-compensated sum). @example mean([1, 2, 3]); // → 2 */
export function mean(x: Series): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + c) / x.length;
}

/** Summary moments of a sample; every estimator is named in its field's doc. */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation, n − 1 denominator (numpy `std(ddof=1)`). */
  readonly std: number;
  /** Central moments with an n denominator: m2 = Σ(x−x̄)²/n, m3, m4. */
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
  /** Population (biased) skewness m3 / m2^1.5 (scipy `skew(bias=True)`). */
  readonly skewness: number;
  /** Population raw (non-excess) kurtosis m4 / m2² (scipy `kurtosis(fisher=False)`), 3 for a normal. */
  readonly kurtosis: number;
}

/**
 * Mean, sample standard deviation and the n-denominator central moments, skewness and raw kurtosis.
 *
 * @param x - sample (at least 2 values).
 * @example
 * moments([1, 2, 3, 4]).std; // → 1.2909944487358056
 * @see https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.skew.html
 */
export function moments(x: Series): Moments {
  const n = x.length;
  const mu = mean(x);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mu;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const m2 = s2 / n;
  const m3 = s3 / n;
  const m4 = s4 / n;
  return {
    n,
    mean: mu,
    std: Math.sqrt(s2 / (n - 1)),
    m2,
    m3,
    m4,
    skewness: m3 / m2 ** 1.5,
    kurtosis: m4 / (m2 * m2),
  };
}
