/**
 * @packageDocumentation
 * Market regimes without look-ahead: a Gaussian HMM (Baum–Welch, causal filter, online filter, canonical labels),
 * Bayesian (Dirichlet) transition probabilities, fuzzy-logic regime classification, a regime-confidence
 * combinator, evaluation tools (Hungarian label matching, walk-forward) and a causal regime-adaptive signal.
 */
export type { FitReport, GaussianHmmOptions, HmmSample, RestartReport } from "./hmm/gaussian-hmm.js";
export { GaussianHmm, gaussianHmmOptions } from "./hmm/gaussian-hmm.js";
export type { Observations } from "./hmm/observations.js";
export { OnlineHmmFilter } from "./hmm/online-filter.js";
export type { CovarianceType, HmmParams, HmmParamsInput } from "./hmm/params.js";
export { covarianceTypeSchema, hmmParamsInputSchema } from "./hmm/params.js";
