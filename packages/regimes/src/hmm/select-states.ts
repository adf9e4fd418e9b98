import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { GaussianHmm, gaussianHmmOptions } from "./gaussian-hmm.js";
import type { Observations } from "./observations.js";

/** zod schema of {@link SelectStatesOptions}. */
export const selectStatesOptions = gaussianHmmOptions.omit({ nStates: true }).extend({
  minStates: z.number().int().min(1).default(1),
  maxStates: z.number().int().min(1).max(16).default(4),
  criterion: z.enum(["bic", "aic"]).default("bic"),
});

/**
 * Options of {@link selectStates}: every {@link GaussianHmmOptions} except `nStates`, plus `minStates` (default 1),
 * `maxStates` (default 4) and `criterion` (`"bic"` default, or `"aic"`).
 */
export type SelectStatesOptions = z.input<typeof selectStatesOptions>;

/** One candidate of {@link selectStates}. */
export interface StateCandidate {
  readonly nStates: number;
  readonly logLikelihood: number;
  readonly nParameters: number;
  readonly aic: number;
  readonly bic: number;
  readonly converged: boolean;
  readonly model: GaussianHmm;
}

/** Result of {@link selectStates}: every candidate (ascending K) and the one with the lowest criterion. */
export interface StateSelection {
  readonly candidates: readonly StateCandidate[];
  readonly best: StateCandidate;
}

/**
 * Fits a Gaussian HMM for K = minStates..maxStates and picks the K with the lowest BIC (or AIC). BIC penalises
 * parameters by ln T and is consistent for the number of states on long series; AIC tends to over-select.
 *
 * @param X - observations (series or feature columns).
 * @param options - see {@link SelectStatesOptions}.
 * @example
 * const { best, candidates } = selectStates(returns, { maxStates: 4, seed: 1 });
 * best.nStates; // → e.g. 2
 * @see G. Schwarz (1978), "Estimating the dimension of a model", Ann. Statist. 6(2).
 */
export function selectStates(X: Observations, options: SelectStatesOptions = {}): StateSelection {
  const o = parseWith(selectStatesOptions, options, "selectStates options");
  const { minStates, maxStates, criterion, ...hmm } = o;
  const candidates: StateCandidate[] = [];
  for (let K = minStates; K <= maxStates; K++) {
    const model = new GaussianHmm({ ...hmm, nStates: K }).fit(X);
    const ll = model.report!.logLikelihood;
    const p = model.nParameters;
    const T = X instanceof Float64Array ? X.length : X[0]!.length;
    candidates.push({
      nStates: K,
      logLikelihood: ll,
      nParameters: p,
      aic: -2 * ll + 2 * p,
      bic: -2 * ll + p * Math.log(T),
      converged: model.report!.converged,
      model,
    });
  }
  let best = candidates[0]!;
  for (const c of candidates) if (c[criterion] < best[criterion]) best = c;
  return { candidates, best };
}
