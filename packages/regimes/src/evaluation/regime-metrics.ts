import { QuantkitError } from "@quantkit/core";
import type { Observations } from "../hmm/observations.js";
import { hungarian } from "./hungarian.js";

/**
 * Most probable state per row of a T×K row-major probability matrix (ties → lowest index; NaN rows → −1).
 *
 * @example
 * argmaxStates(Float64Array.of(0.2, 0.8, 0.6, 0.4), 2); // → Int32Array [1, 0]
 * @see numpy.argmax(probs.reshape(T, K), axis=1).
 */
export function argmaxStates(probs: Float64Array, K: number): Int32Array {
  const T = Math.floor(probs.length / K);
  const out = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    let arg = -1;
    let best = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) {
      const v = probs[t * K + k]!;
      if (v > best) {
        best = v;
        arg = k;
      }
    }
    out[t] = arg;
  }
  return out;
}

/**
 * Confusion matrix C[i][j] = number of rows with true state i and predicted state j (rows with a negative state,
 * e.g. −1 for "no prediction yet", are skipped and not counted).
 *
 * @param nTrue - number of true states. @param nPred - number of predicted states (default nTrue).
 * @example
 * confusionMatrix([0, 0, 1], [0, 1, 1], 2); // → [[1, 1], [0, 1]]
 * @see sklearn.metrics.confusion_matrix (same orientation: rows = truth).
 */
export function confusionMatrix(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  nTrue: number,
  nPred = nTrue,
): number[][] {
  if (truth.length !== pred.length)
    throw new QuantkitError(`confusionMatrix: truth has ${truth.length} rows, pred ${pred.length}`);
  const c = Array.from({ length: nTrue }, () => new Array<number>(nPred).fill(0));
  for (let t = 0; t < truth.length; t++) {
    const i = truth[t]!;
    const j = pred[t]!;
    if (i < 0 || j < 0) continue;
    if (i >= nTrue || j >= nPred) throw new QuantkitError(`confusionMatrix: state out of range at row ${t}`);
    c[i]![j] = c[i]![j]! + 1;
  }
  return c;
}

/**
 * Best one-to-one relabelling of predicted states onto true states (Hungarian assignment maximising agreement):
 * `mapping[predState] = trueState` (−1 for predicted states left unmatched when there are more of them).
 *
 * @example
 * matchLabels(Int32Array.of(0, 0, 1, 1), Int32Array.of(1, 1, 0, 0), 2); // → Int32Array [1, 0]
 * @see {@link hungarian}.
 */
export function matchLabels(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  nTrue: number,
  nPred = nTrue,
): Int32Array {
  const c = confusionMatrix(truth, pred, nTrue, nPred);
  // Rows = predicted states, columns = true states, cost = −agreement.
  const cost = Array.from({ length: nPred }, (_, j) => Array.from({ length: nTrue }, (_, i) => -c[i]![j]!));
  return hungarian(cost).rowToCol;
}

/** Options of {@link evaluateRegimes}. */
export interface EvaluateRegimesOptions {
  /** A predicted switch within this many steps after a true switch (into the right state) counts as detected. @default 5 */
  readonly tolerance?: number;
}

/** Detection quality of a predicted state path against the truth (after Hungarian label matching). */
export interface RegimeEvaluation {
  /** Share of rows (with a prediction) whose matched label equals the truth. */
  readonly accuracy: number;
  /** Confusion matrix after matching (rows = true, columns = matched predicted). */
  readonly confusion: number[][];
  /** mapping[predState] = trueState. */
  readonly mapping: Int32Array;
  /** Number of true regime switches. */
  readonly trueSwitches: number;
  /** Mean steps from a true switch until the prediction first shows the new regime (detected switches only). */
  readonly meanDelay: number;
  /** Median detection delay (steps). */
  readonly medianDelay: number;
  /** True switches never detected before the next true switch. */
  readonly missed: number;
  /** Number of switches in the predicted path. */
  readonly predictedSwitches: number;
  /** Predicted switches that are not a detection of a true switch within `tolerance` steps into the right state. */
  readonly falseSwitches: number;
  /** falseSwitches / predictedSwitches (0 when there are none). */
  readonly falseSwitchRate: number;
}

/**
 * Evaluates a predicted regime path against known regimes (e.g. simulated with `GaussianHmm.sample`): Hungarian
 * label matching, accuracy, confusion matrix, detection delay at true switches and the false-switch rate. Compare
 * `argmaxStates(model.filter(x))` (causal) with `argmaxStates(model.smooth(x))` (hindsight) to see what look-ahead
 * buys.
 *
 * @param truth - true state per row.
 * @param pred - predicted state per row (−1 = no prediction; excluded from accuracy).
 * @param nTrue - number of true states. @param nPred - number of predicted states (default nTrue).
 * @example
 * const { states, columns } = truth.sample(10_000, 1);
 * evaluateRegimes(states, argmaxStates(model.filter(columns[0]), 2), 2).accuracy; // → e.g. 0.93
 * @see {@link matchLabels}; detection delay and false alarms as in change-point evaluation (Basseville &
 *   Nikiforov 1993, "Detection of Abrupt Changes", §1).
 */
export function evaluateRegimes(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  nTrue: number,
  nPred = nTrue,
  options: EvaluateRegimesOptions = {},
): RegimeEvaluation {
  const tol = options.tolerance ?? 5;
  const mapping = matchLabels(truth, pred, nTrue, nPred);
  const T = truth.length;
  const mp = new Int32Array(T);
  for (let t = 0; t < T; t++) mp[t] = pred[t]! >= 0 ? mapping[pred[t]!]! : -1;
  const confusion = confusionMatrix(truth, mp, nTrue, nTrue);
  let hit = 0;
  let n = 0;
  for (let t = 0; t < T; t++)
    if (mp[t]! >= 0 || pred[t]! >= 0) {
      n++;
      if (mp[t] === truth[t]) hit++;
    }
  const switches: number[] = [];
  for (let t = 1; t < T; t++) if (truth[t] !== truth[t - 1]) switches.push(t);
  const delays: number[] = [];
  let missed = 0;
  const detected = new Uint8Array(T);
  for (let s = 0; s < switches.length; s++) {
    const t0 = switches[s]!;
    const end = s + 1 < switches.length ? switches[s + 1]! : T;
    const target = truth[t0]!;
    let found = -1;
    for (let t = t0; t < end; t++)
      if (mp[t] === target) {
        found = t;
        break;
      }
    if (found < 0) missed++;
    else delays.push(found - t0);
  }
  // A predicted switch at t is legitimate if it moves into the true state and a true switch happened in [t − tol, t].
  let predictedSwitches = 0;
  let falseSwitches = 0;
  let si = 0;
  for (let t = 1; t < T; t++) {
    if (mp[t]! < 0 || mp[t - 1]! < 0 || mp[t] === mp[t - 1]) continue;
    predictedSwitches++;
    while (si < switches.length && switches[si]! < t - tol) si++;
    const near = si < switches.length && switches[si]! <= t;
    if (!(near && mp[t] === truth[t])) falseSwitches++;
    else detected[t] = 1;
  }
  delays.sort((a, b) => a - b);
  const mean = delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : Number.NaN;
  const median = delays.length
    ? delays.length % 2
      ? delays[(delays.length - 1) / 2]!
      : (delays[delays.length / 2 - 1]! + delays[delays.length / 2]!) / 2
    : Number.NaN;
  return {
    accuracy: n ? hit / n : Number.NaN,
    confusion,
    mapping,
    trueSwitches: switches.length,
    meanDelay: mean,
    medianDelay: median,
    missed,
    predictedSwitches,
    falseSwitches,
    falseSwitchRate: predictedSwitches ? falseSwitches / predictedSwitches : 0,
  };
}

/**
 * Evaluates a model's causal filter and its hindsight smoother against known regimes side by side (the cost of
 * not seeing the future: lower accuracy, longer delays, more false switches for `filtered`).
 *
 * @param model - a fitted model (or the true one). @param X - its observations. @param truth - true states.
 * @example
 * const { filtered, smoothed } = evaluateFilterVsSmooth(model, columns, states);
 * filtered.meanDelay > smoothed.meanDelay; // → typically true
 * @see {@link evaluateRegimes}.
 */
export function evaluateFilterVsSmooth(
  model: {
    readonly nStates: number;
    filter(X: Observations): Float64Array;
    smooth(X: Observations): Float64Array;
  },
  X: Observations,
  truth: ArrayLike<number>,
  nTrue = model.nStates,
  options: EvaluateRegimesOptions = {},
): { filtered: RegimeEvaluation; smoothed: RegimeEvaluation } {
  const K = model.nStates;
  return {
    filtered: evaluateRegimes(truth, argmaxStates(model.filter(X), K), nTrue, K, options),
    smoothed: evaluateRegimes(truth, argmaxStates(model.smooth(X), K), nTrue, K, options),
  };
}
