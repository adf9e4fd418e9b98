/**
 * @packageDocumentation
 * Market regimes without look-ahead: a Gaussian HMM (Baum–Welch, causal filter, online filter, canonical labels),
 * Bayesian (Dirichlet) transition probabilities, fuzzy-logic regime classification, a regime-confidence
 * combinator, evaluation tools (Hungarian label matching, walk-forward) and a causal regime-adaptive signal.
 */

export { betaCdf, betaQuantile, logGamma } from "./bayes/beta.js";
export type { DirichletTransitionsOptions } from "./bayes/dirichlet-transitions.js";
export { DirichletTransitions, dirichletTransitionsOptions } from "./bayes/dirichlet-transitions.js";
export type { RegimeConfidenceColumns, RegimeConfidenceOptions } from "./confidence.js";
export { RegimeConfidence, regimeConfidenceOptions } from "./confidence.js";
export type { Assignment } from "./evaluation/hungarian.js";
export { hungarian } from "./evaluation/hungarian.js";
export type { EvaluateRegimesOptions, RegimeEvaluation } from "./evaluation/regime-metrics.js";
export {
  argmaxStates,
  confusionMatrix,
  evaluateFilterVsSmooth,
  evaluateRegimes,
  matchLabels,
} from "./evaluation/regime-metrics.js";
export type { WalkForwardFit, WalkForwardOptions, WalkForwardResult } from "./evaluation/walk-forward.js";
export { walkForward, walkForwardOptions } from "./evaluation/walk-forward.js";
export type { FuzzyClassification, FuzzyConfig } from "./fuzzy/fuzzy-classifier.js";
export { defaultFuzzyConfig, FuzzyRegimeClassifier, fuzzyConfigSchema } from "./fuzzy/fuzzy-classifier.js";
export type {
  FuzzyFeatureColumns,
  FuzzyFeaturesOptions,
  FuzzyFeatureValues,
} from "./fuzzy/fuzzy-features.js";
export { FuzzyFeatureStream, fuzzyFeatures, fuzzyFeaturesOptions } from "./fuzzy/fuzzy-features.js";
export type { MembershipFunction } from "./fuzzy/membership.js";
export { membership, membershipSchema } from "./fuzzy/membership.js";
export type { FitReport, GaussianHmmOptions, HmmSample, RestartReport } from "./hmm/gaussian-hmm.js";
export { GaussianHmm, gaussianHmmOptions } from "./hmm/gaussian-hmm.js";
export type { Observations } from "./hmm/observations.js";
export { OnlineHmmFilter } from "./hmm/online-filter.js";
export type { CovarianceType, HmmParams, HmmParamsInput } from "./hmm/params.js";
export { covarianceTypeSchema, hmmParamsInputSchema } from "./hmm/params.js";
export type { SelectStatesOptions, StateCandidate, StateSelection } from "./hmm/select-states.js";
export { selectStates, selectStatesOptions } from "./hmm/select-states.js";
export type { RegimeAdaptiveOptions } from "./strategies/regime-adaptive-signal.js";
export {
  RegimeAdaptiveStrategy,
  regimeAdaptiveOptions,
  regimeAdaptiveSignal,
} from "./strategies/regime-adaptive-signal.js";
