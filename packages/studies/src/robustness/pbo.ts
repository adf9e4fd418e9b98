import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { combinations, splitBoundaries } from "../cv/combinations.js";

/**
 * A T×N performance matrix, row-major: `values[t·cols + n]` is trial n's performance (e.g. return) in period t.
 */
export interface PerformanceMatrix {
  readonly values: Float64Array;
  /** T: number of periods (rows). */
  readonly rows: number;
  /** N: number of trials (columns), e.g. the parameter sets of a sweep. */
  readonly cols: number;
}

/**
 * A metric over one trial's slice of rows (in time order), e.g. a Sharpe ratio. Built-in names use per-block
 * moments (fast: no slice is materialized): `"sharpe"` = mean / sample std (n − 1), 0 when the slice is constant
 * at 0 and ±∞ when constant elsewhere; `"mean"`; `"sum"`.
 */
export type PboMetric = "sharpe" | "mean" | "sum" | ((slice: Float64Array) => number);

/**
 * Options of {@link probabilityOfBacktestOverfitting}.
 *
 * @example
 * pboOptions.parse({}).partitions // → 16
 */
export const pboOptions = z
  .object({
    /** S: number of contiguous row blocks (even, ≥ 2); all C(S, S/2) halves are evaluated. @default 16 */
    partitions: z
      .number()
      .int()
      .min(2)
      .refine((s) => s % 2 === 0, "expected an even number of partitions")
      .default(16),
    /** Performance metric of a trial over a set of rows. @default "sharpe" */
    metric: z
      .union([
        z.enum(["sharpe", "mean", "sum"]),
        z.custom<(slice: Float64Array) => number>((f) => typeof f === "function", "expected a function"),
      ])
      .default("sharpe"),
  })
  .strict();

/** Input form of {@link pboOptions}. */
export type PboOptions = z.input<typeof pboOptions>;

/** Result of {@link probabilityOfBacktestOverfitting}; every per-combination array has one entry per C(S, S/2). */
export interface PboResult {
  /** PBO = share of combinations with λ ≤ 0: the best in-sample trial ranks at or below the out-of-sample median. */
  readonly pbo: number;
  /** λ_c = ln(ω̄_c / (1 − ω̄_c)) per combination: the λ distribution (plot it as a histogram). */
  readonly logits: Float64Array;
  /** ω̄_c = rank of the IS-best trial among the OOS metrics / (N + 1), ranks 1…N with ties averaged. */
  readonly relativeRanks: Float64Array;
  /** n*_c: the in-sample best trial (first on ties). */
  readonly bestTrial: Int32Array;
  /** R_c[n*]: in-sample metric of the chosen trial. */
  readonly inSample: Float64Array;
  /** R̄_c[n*]: out-of-sample metric of the chosen trial. */
  readonly outOfSample: Float64Array;
  /** OLS fit outOfSample = intercept + slope·inSample (the paper's performance degradation); R² of the fit. */
  readonly degradation: { readonly slope: number; readonly intercept: number; readonly rSquared: number };
  /** Share of combinations whose chosen trial loses out of sample (R̄_c[n*] < 0). */
  readonly probabilityOfLoss: number;
  /** S, N, T and the number of combinations. */
  readonly partitions: number;
  readonly trials: number;
  readonly periods: number;
  readonly combinations: number;
  /** A short Markdown summary. */
  toString(): string;
}

function validateMatrix(m: PerformanceMatrix, what: string): void {
  const issues: { path: string; message: string }[] = [];
  if (!(m.values instanceof Float64Array))
    issues.push({ path: "values", message: "expected a Float64Array" });
  else if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows * m.cols !== m.values.length) {
    issues.push({
      path: "rows/cols",
      message: `expected rows·cols = values.length, got ${m.rows}·${m.cols} ≠ ${m.values.length}`,
    });
  }
  if (issues.length > 0) throw new ValidationError(what, issues);
  for (let i = 0; i < m.values.length; i++) {
    if (!Number.isFinite(m.values[i]!)) {
      throw new ValidationError(what, [
        {
          path: `row ${Math.floor(i / m.cols)}, trial ${i % m.cols}`,
          message: `expected a finite number, got ${m.values[i]} (never dropped or filled)`,
        },
      ]);
    }
  }
}

/** Sharpe from count, mean and sum of squared deviations; the documented conventions for constant slices. */
function sharpeOf(n: number, mean: number, m2: number): number {
  const sd = Math.sqrt(m2 / (n - 1));
  if (sd > 0) return mean / sd;
  return mean === 0 ? 0 : mean > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/**
 * Evaluates a metric on every (half, trial) for all C(S, S/2) halves of the blocks: returns a function that fills
 * `is` and `oos` (length N) for combination c. Moment metrics combine per-block (count, mean, M2) with Chan's
 * parallel update, so nothing is materialized.
 */
function makeEvaluator(
  m: PerformanceMatrix,
  bounds: number[],
  metric: PboMetric,
): (blocks: readonly number[], out: Float64Array) => void {
  const { values, cols } = m;
  const S = bounds.length - 1;
  if (typeof metric === "function") {
    const scratch = new Float64Array(m.rows);
    return (blocks, out) => {
      for (let n = 0; n < cols; n++) {
        let k = 0;
        for (const b of blocks)
          for (let t = bounds[b]!; t < bounds[b + 1]!; t++) scratch[k++] = values[t * cols + n]!;
        out[n] = metric(scratch.subarray(0, k));
      }
    };
  }
  // per block and trial: mean and M2 (two-pass within the block)
  const bMean = new Float64Array(S * cols);
  const bM2 = new Float64Array(S * cols);
  const scratchM2 = new Float64Array(cols);
  for (let b = 0; b < S; b++) {
    const lo = bounds[b]!;
    const hi = bounds[b + 1]!;
    const cnt = hi - lo;
    for (let n = 0; n < cols; n++) {
      let s = 0;
      for (let t = lo; t < hi; t++) s += values[t * cols + n]!;
      const mu = s / cnt;
      let q = 0;
      for (let t = lo; t < hi; t++) q += (values[t * cols + n]! - mu) ** 2;
      bMean[b * cols + n] = mu;
      bM2[b * cols + n] = q;
    }
  }
  const size = new Float64Array(S);
  for (let b = 0; b < S; b++) size[b] = bounds[b + 1]! - bounds[b]!;
  const kind = metric === "mean" ? 0 : metric === "sum" ? 1 : 2;
  return (blocks, out) => {
    const k = blocks.length;
    out.fill(0);
    // accumulate block by block across all trials (row-major block stats: contiguous in n)
    let cnt = 0;
    const m2 = scratchM2;
    m2.fill(0);
    for (let j = 0; j < k; j++) {
      const b = blocks[j]!;
      const nb = size[b]!;
      const tot = cnt + nb;
      const wNew = nb / tot;
      const wCross = (cnt * nb) / tot;
      const base = b * cols;
      for (let n = 0; n < cols; n++) {
        const d = bMean[base + n]! - out[n]!;
        out[n] = out[n]! + d * wNew;
        m2[n] = m2[n]! + bM2[base + n]! + d * d * wCross;
      }
      cnt = tot;
    }
    if (kind === 1) for (let n = 0; n < cols; n++) out[n] = out[n]! * cnt;
    else if (kind === 2) for (let n = 0; n < cols; n++) out[n] = sharpeOf(cnt, out[n]!, m2[n]!);
  };
}

/**
 * Probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation (CSCV): the T×N
 * performance matrix is cut into S contiguous row blocks; for every way of choosing S/2 blocks as in-sample (the
 * rest out-of-sample) the best in-sample trial n* is found and its out-of-sample relative rank ω̄ turned into the
 * logit λ = ln(ω̄/(1 − ω̄)). PBO = P(λ ≤ 0). Also reports the performance degradation (OLS of OOS on IS metric of
 * the chosen trial) and the probability of an out-of-sample loss.
 *
 * @param matrix - T×N row-major performance (rows = periods in time order, cols = trials), all finite.
 * @param options - `partitions` S (even, 16), `metric` ("sharpe" | "mean" | "sum" | custom function).
 * @example
 * const r = probabilityOfBacktestOverfitting({ values, rows: 1000, cols: 50 }, { partitions: 10 });
 * r.pbo; // → ≈ 0.5 for pure-noise trials, near 0 when one trial truly dominates
 * @see https://doi.org/10.21314/JCF.2016.322 (Bailey, Borwein, López de Prado & Zhu 2017, The probability of
 *   backtest overfitting; SSRN 2326253, 2015)
 */
export function probabilityOfBacktestOverfitting(
  matrix: PerformanceMatrix,
  options: PboOptions = {},
): PboResult {
  const o = parseWith(pboOptions, options, "probabilityOfBacktestOverfitting options");
  validateMatrix(matrix, "performance matrix");
  const S = o.partitions;
  const N = matrix.cols;
  if (N < 2) {
    throw new ValidationError("performance matrix", [
      { path: "cols", message: `expected ≥ 2 trials, got ${N}` },
    ]);
  }
  if (matrix.rows < 2 * S) {
    throw new ValidationError("performance matrix", [
      {
        path: "rows",
        message: `expected ≥ 2·partitions = ${2 * S} periods (2 per block), got ${matrix.rows}`,
      },
    ]);
  }
  const bounds = splitBoundaries(matrix.rows, S);
  const evaluate = makeEvaluator(matrix, bounds, o.metric as PboMetric);
  const combos = combinations(S, S / 2, 1_000_000);
  const C = combos.length;
  const logits = new Float64Array(C);
  const ranks = new Float64Array(C);
  const best = new Int32Array(C);
  const isPerf = new Float64Array(C);
  const oosPerf = new Float64Array(C);
  const is = new Float64Array(N);
  const oos = new Float64Array(N);
  const inHalf = new Uint8Array(S);
  const rest: number[] = new Array(S / 2);
  let overfit = 0;
  let losses = 0;
  for (let c = 0; c < C; c++) {
    const J = combos[c]!;
    inHalf.fill(0);
    for (const b of J) inHalf[b] = 1;
    let k = 0;
    for (let b = 0; b < S; b++) if (inHalf[b] === 0) rest[k++] = b;
    evaluate(J, is);
    evaluate(rest, oos);
    let nStar = 0;
    for (let n = 1; n < N; n++) if (is[n]! > is[nStar]!) nStar = n;
    const v = oos[nStar]!;
    let less = 0;
    let equal = 0;
    for (let n = 0; n < N; n++) {
      const x = oos[n]!;
      if (x < v) less++;
      else if (x === v) equal++;
    }
    const w = (less + (equal + 1) / 2) / (N + 1);
    const lambda = Math.log(w / (1 - w));
    logits[c] = lambda;
    ranks[c] = w;
    best[c] = nStar;
    isPerf[c] = is[nStar]!;
    oosPerf[c] = v;
    if (lambda <= 0) overfit++;
    if (v < 0) losses++;
  }
  const degradation = ols(isPerf, oosPerf);
  const pbo = overfit / C;
  const probabilityOfLoss = losses / C;
  return {
    pbo,
    logits,
    relativeRanks: ranks,
    bestTrial: best,
    inSample: isPerf,
    outOfSample: oosPerf,
    degradation,
    probabilityOfLoss,
    partitions: S,
    trials: N,
    periods: matrix.rows,
    combinations: C,
    toString: () =>
      [
        `PBO (CSCV, S = ${S}, ${C} combinations, ${N} trials, ${matrix.rows} periods): ${pbo.toFixed(4)}`,
        `probability of OOS loss: ${probabilityOfLoss.toFixed(4)}`,
        `degradation: OOS = ${degradation.intercept.toPrecision(4)} + ${degradation.slope.toPrecision(4)}·IS (R² ${degradation.rSquared.toFixed(3)})`,
      ].join("\n"),
  };
}

/** OLS y = a + b·x with R²; non-finite pairs (±∞ Sharpe of constant slices) are excluded and the fit is NaN if < 2 remain. */
function ols(x: Float64Array, y: Float64Array): { slope: number; intercept: number; rSquared: number } {
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) continue;
    n++;
    mx += (x[i]! - mx) / n;
    my += (y[i]! - my) / n;
  }
  if (n < 2) return { slope: Number.NaN, intercept: Number.NaN, rSquared: Number.NaN };
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) continue;
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, rSquared: (sxy * sxy) / (sxx * syy) };
}
