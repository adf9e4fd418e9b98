/** @packageDocumentation Gaussian HMM, Bayesian transitions, fuzzy regimes and regime confidence */
export {};
