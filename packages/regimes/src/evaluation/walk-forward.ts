import { parseWith, QuantkitError } from "@quantkit/core";
import { z } from "zod";
import { GaussianHmm, gaussianHmmOptions } from "../hmm/gaussian-hmm.js";
import { type Observations, toRows } from "../hmm/observations.js";

/** zod schema of {@link WalkForwardOptions}. */
export const walkForwardOptions = gaussianHmmOptions.extend({
  window: z.enum(["expanding", "rolling"]).default("expanding"),
  trainSize: z.number().int().min(2),
  step: z.number().int().min(1),
});

/**
 * Options of {@link walkForward}: every {@link GaussianHmmOptions} (nStates, covariance, seed, …) plus
 * - `trainSize` — bars in the first training window (and the length of every rolling window);
 * - `step` — bars classified by each fit before refitting;
 * - `window` — `"expanding"` (train on everything before the block) or `"rolling"` (the last `trainSize` bars).
 *   @default "expanding"
 */
export type WalkForwardOptions = z.input<typeof walkForwardOptions>;

/** One refit of {@link walkForward}. */
export interface WalkForwardFit {
  readonly trainStart: number;
  /** Exclusive end of training = first classified row. */
  readonly trainEnd: number;
  /** Exclusive end of the classified block. */
  readonly testEnd: number;
  readonly logLikelihood: number;
  readonly converged: boolean;
  /** Parameters used for the block (canonically ordered, so labels are comparable across blocks). */
  readonly model: GaussianHmm;
}

/** Output of {@link walkForward}. */
export interface WalkForwardResult {
  /** Out-of-sample filtered probabilities, T×K row-major; NaN for the first `trainSize` rows. */
  readonly probs: Float64Array;
  /** Most probable state per row (−1 before the first block). */
  readonly labels: Int32Array;
  readonly fits: readonly WalkForwardFit[];
}

/**
 * Walk-forward regime classification that never looks ahead: for each block [s, s + step) the model is fitted
 * on rows before s only (expanding or rolling window), then the causal filter runs from the training window's start
 * through the block and only the block's filtered probabilities are kept. Row t therefore depends on parameters
 * estimated from rows < (block start ≤ t) and on observations ≤ t: appending data never changes earlier rows.
 *
 * @param X - observations (series or feature columns).
 * @param options - see {@link WalkForwardOptions}.
 * @example
 * const wf = walkForward(returns, { nStates: 2, trainSize: 1000, step: 21, labelOrder: { by: "variance" } });
 * wf.probs[t * 2 + 1]; // → out-of-sample p(turbulent at t | data ≤ t)
 * @see R. Pardo (2008), The Evaluation and Optimization of Trading Strategies, ch. 11 (walk-forward analysis).
 */
export function walkForward(X: Observations, options: WalkForwardOptions): WalkForwardResult {
  const o = parseWith(walkForwardOptions, options, "walkForward options");
  const { window, trainSize, step, ...hmm } = o;
  const rows = toRows(X, "walkForward observations");
  const { T, D } = rows;
  if (T <= trainSize)
    throw new QuantkitError(`walkForward: need more than trainSize = ${trainSize} rows, got ${T}`);
  const K = hmm.nStates;
  const probs = new Float64Array(T * K).fill(Number.NaN);
  const labels = new Int32Array(T).fill(-1);
  const fits: WalkForwardFit[] = [];
  const slice = (a: number, b: number): Observations => {
    if (D === 1) return rows.x.subarray(a, b);
    const cols = (X as readonly Float64Array[]).map((c) => c.subarray(a, b));
    return cols;
  };
  for (let s = trainSize; s < T; s += step) {
    const trainStart = window === "rolling" ? s - trainSize : 0;
    const end = Math.min(T, s + step);
    const model = new GaussianHmm(hmm).fit(slice(trainStart, s));
    const f = model.filter(slice(trainStart, end));
    for (let t = s; t < end; t++) {
      const r = t - trainStart;
      let arg = 0;
      for (let k = 0; k < K; k++) {
        probs[t * K + k] = f[r * K + k]!;
        if (f[r * K + k]! > f[r * K + arg]!) arg = k;
      }
      labels[t] = arg;
    }
    fits.push({
      trainStart,
      trainEnd: s,
      testEnd: end,
      logLikelihood: model.report!.logLikelihood,
      converged: model.report!.converged,
      model,
    });
  }
  return { probs, labels, fits };
}
