/**
 * @packageDocumentation
 * VaR/CVaR (historical, Gaussian, Student-t, Cornish–Fisher, Monte Carlo), portfolio VaR and its decomposition,
 * seeded reproducible Monte Carlo path generators on a worker_threads pool, trade-level Monte Carlo, Sharpe-ratio
 * uncertainty (Lo, PSR, DSR, MinTRL) and VaR backtests (Kupiec, Christoffersen, rolling harness).
 * Conventions: returns are per-period simple returns; VaR and CVaR are positive losses; CVaR ≥ VaR.
 */

export { covarianceFactor } from "./covariance-factor.js";
export {
  chiSquareSf,
  digamma,
  incompleteBeta,
  logGamma,
  normalCdf,
  normalInv,
  normalPdf,
  studentTCdf,
  studentTInv,
  studentTPdf,
} from "./distributions.js";
export type { GarchFit, GarchFitOptions, GarchParams } from "./garch.js";
export { fitGarch, garchFitOptions } from "./garch.js";
export type { Kernel } from "./kernel.js";
export type { Moments, Series } from "./moments.js";
export { mean, moments } from "./moments.js";
export { NormalStream } from "./normal-stream.js";
export type { PathSet } from "./path-set.js";
export type { PercentileBands, Summary } from "./path-stats.js";
export { percentileBands, summarize } from "./path-stats.js";
export type { PortfolioVar } from "./portfolio-var.js";
export { portfolioVaR, scenarioPortfolioVaR } from "./portfolio-var.js";
export type { VarBacktest } from "./rolling-var.js";
export { backtestVaR } from "./rolling-var.js";
export type { SharpeOptions } from "./sharpe.js";
export {
  deflatedSharpeRatio,
  expectedMaxSharpe,
  loAnnualizationFactor,
  minTrackRecordLength,
  probabilisticSharpeRatio,
  sharpeConfidenceInterval,
  sharpeOptions,
  sharpeRatio,
  sharpeStandardError,
} from "./sharpe.js";
export type { BootstrapOptions } from "./simulate-bootstrap.js";
export { bootstrapOptions, simulateBootstrap } from "./simulate-bootstrap.js";
export type { CorrelatedOptions, CorrelatedPathSet } from "./simulate-correlated.js";
export { correlatedOptions, simulateCorrelated } from "./simulate-correlated.js";
export type { GarchSimOptions } from "./simulate-garch.js";
export { filteredHistoricalSimulation, garchSimOptions, simulateGarch } from "./simulate-garch.js";
export type { GbmOptions } from "./simulate-gbm.js";
export { gbmOptions, simulateGbm, simulateGbmSync } from "./simulate-gbm.js";
export type { JumpDiffusionOptions } from "./simulate-jump-diffusion.js";
export { jumpDiffusionOptions, simulateJumpDiffusion } from "./simulate-jump-diffusion.js";
export type { RegimeParams, RegimeSwitchingOptions } from "./simulate-regime-switching.js";
export {
  regimeParamsSchema,
  regimeSwitchingOptions,
  simulateRegimeSwitching,
} from "./simulate-regime-switching.js";
export type { StudentTPathOptions } from "./simulate-student-t.js";
export { simulateStudentT, studentTPathOptions } from "./simulate-student-t.js";
export type { StudentTFit } from "./student-t-fit.js";
export { fitStudentTDf } from "./student-t-fit.js";
export type { TradeMonteCarloOptions, TradeMonteCarloResult } from "./trade-monte-carlo.js";
export { tradeMonteCarlo, tradeMonteCarloOptions } from "./trade-monte-carlo.js";
export type { QuantileRule, RiskEstimate, RiskOptions, VarMethod } from "./value-at-risk.js";
export {
  cvar,
  expectedShortfall,
  QUANTILE_RULES,
  riskMeasures,
  riskOptions,
  tailCount,
  VAR_METHODS,
  valueAtRisk,
} from "./value-at-risk.js";
export type { ChristoffersenResult, Exceptions, KupiecResult, LrTest } from "./var-backtest.js";
export { christoffersenTest, kupiecTest } from "./var-backtest.js";
export type { Progress, RunOptions } from "./worker-pool.js";
export { AbortError, WorkerPool } from "./worker-pool.js";
