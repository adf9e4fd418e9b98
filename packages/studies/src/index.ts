/** @packageDocumentation Research studies at scale: parameter sweeps, walk-forward, CPCV, PBO, robustness, tracked runs, worker pools and NATS JetStream */

// --- walk-forward, cross-validation, robustness (part B) ---
export type { WalkForwardCommandOptions } from "./cli/walkForwardCli.js";
export { loadWalkForwardConfig, walkForwardCommand, writeWalkForward } from "./cli/walkForwardCli.js";
export { binomial, combinations, splitBoundaries } from "./cv/combinations.js";
export type { Cpcv, CpcvOptions, CpcvSplit } from "./cv/cpcv.js";
export { cpcv, cpcvOptions, rangesLength } from "./cv/cpcv.js";
export type { DeflatedSharpeOverTrials } from "./robustness/deflatedSharpe.js";
export { deflatedSharpeOverTrials } from "./robustness/deflatedSharpe.js";
export type { PboMetric, PboOptions, PboResult, PerformanceMatrix } from "./robustness/pbo.js";
export { pboOptions, probabilityOfBacktestOverfitting } from "./robustness/pbo.js";
export type {
  MonteCarloSummary,
  RobustnessConfig,
  RobustnessConfigInput,
  RobustnessReport,
  Skipped,
} from "./robustness/robustnessReport.js";
export { robustnessConfigSchema, robustnessReport } from "./robustness/robustnessReport.js";
export type {
  ObjectiveGrid,
  SurfaceStability,
  SurfaceStabilityOptions,
} from "./robustness/surfaceStability.js";
export { surfaceStability, surfaceStabilityOptions } from "./robustness/surfaceStability.js";
export { loadDataRef } from "./run/dataRef.js";
export type { ExecuteOptions, RunMetrics, RunResult } from "./run/executeRun.js";
export { defaultPeriodsPerYear, equityMetrics, executeRun, rangeIndices } from "./run/executeRun.js";
export { IndicatorCache } from "./run/indicatorCache.js";
// --- run contract, strategies, param spaces, sweeps, pool, catalog (part A) ---
export type { DataRef, DataRefInput, RunOptionsInput, RunSpec, RunSpecInput } from "./run/runSpec.js";
export {
  canonicalJson,
  dataRefSchema,
  parseRunSpec,
  runKey,
  runOptionsSchema,
  runSpecSchema,
} from "./run/runSpec.js";
export type { Signals, StudyStrategy, VectorContext } from "./run/studyStrategies.js";
export {
  getStudyStrategy,
  parseStudyParams,
  registerStudyStrategy,
  rsiReversionStudy,
  smaCrossStudy,
  studyStrategyNames,
} from "./run/studyStrategies.js";
export type { Dimension, DimensionInput, ParamValue, SpaceDescription } from "./space/dimension.js";
export { dimensionSchema, spaceDescriptionSchema } from "./space/dimension.js";
export type {
  ParameterStability,
  WalkForwardConfig,
  WalkForwardConfigInput,
  WalkForwardFoldResult,
  WalkForwardResult,
  WalkForwardRunOptions,
} from "./walkforward/walkForward.js";
export { objectiveSense, walkForward, walkForwardConfigSchema } from "./walkforward/walkForward.js";
export type { IndexRange, WalkForwardFold, WalkForwardFoldsOptions } from "./walkforward/walkForwardFolds.js";
export { walkForwardFolds, walkForwardFoldsOptions } from "./walkforward/walkForwardFolds.js";
