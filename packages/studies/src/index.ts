/** @packageDocumentation Research studies at scale: parameter sweeps, walk-forward, CPCV, PBO, robustness, tracked runs, worker pools and NATS JetStream */

export type { RunRecord, StudyRecord, StudyRow } from "./catalog/catalog.js";
export { Catalog, defaultCatalogPath } from "./catalog/catalog.js";
export type { CodeVersion } from "./catalog/codeVersion.js";
export { codeVersion } from "./catalog/codeVersion.js";
export type { FieldDiff, MetricDiff, RunComparison } from "./catalog/compareRuns.js";
export { compareRuns, diffValues } from "./catalog/compareRuns.js";
export type { Reproduction } from "./catalog/reproduceRun.js";
export { reproduceRun } from "./catalog/reproduceRun.js";
export { formatProgress, progressPrinter } from "./cli/progressBar.js";
export type { RobustnessCommandOptions } from "./cli/robustnessCli.js";
export { robustnessCommand } from "./cli/robustnessCli.js";
export type { SweepCommandOptions } from "./cli/sweepCli.js";
export { loadSweepConfig, runsCommand, sweepCommand } from "./cli/sweepCli.js";
// --- walk-forward, cross-validation, robustness (part B) ---
export type { WalkForwardCommandOptions } from "./cli/walkForwardCli.js";
export {
  loadStudyConfigFile,
  loadWalkForwardConfig,
  walkForwardCommand,
  writeWalkForward,
} from "./cli/walkForwardCli.js";
// --- distributed studies on NATS JetStream (part C) ---
export type { SweepNatsCommandOptions, WorkerCommandOptions } from "./cli/workerCli.js";
export { sweepNatsCommand, workerCommand, workerCommandOptionsSchema } from "./cli/workerCli.js";
export { binomial, combinations, splitBoundaries } from "./cv/combinations.js";
export type { Cpcv, CpcvOptions, CpcvSplit } from "./cv/cpcv.js";
export { cpcv, cpcvOptions, rangesLength } from "./cv/cpcv.js";
export type { CpcvBacktestConfigInput, CpcvBacktestResult, CpcvPath } from "./cv/cpcvBacktest.js";
export { cpcvBacktest, cpcvBacktestConfigSchema } from "./cv/cpcvBacktest.js";
export type { NatsSweepRuntime } from "./distributed/natsSweep.js";
export { runSweepOnNats } from "./distributed/natsSweep.js";
export type {
  RunRequest,
  RunSpecJobHandler,
  RunSpecJobHandlerOptions,
} from "./distributed/runSpecJobHandler.js";
export {
  checkRunJob,
  parseRunJob,
  runRequestSchema,
  runSpecJobHandler,
} from "./distributed/runSpecJobHandler.js";
export type { StudyJob, StudyResult } from "./distributed/studyMessages.js";
export { studyJobSchema, studyResultSchema } from "./distributed/studyMessages.js";
export type { ResolvedStudyStreams, StudyStreamOptions } from "./distributed/studyStreams.js";
export {
  ensureStudyStreams,
  jobSubject,
  resultSubject,
  STUDY_JOBS_STREAM,
  STUDY_RESULTS_STREAM,
  STUDY_WORKERS_CONSUMER,
  studyIdSchema,
  studyMsgId,
} from "./distributed/studyStreams.js";
export type {
  StudyJobContext,
  StudyJobHandler,
  StudyWorkerOptions,
  StudyWorkerStats,
} from "./distributed/studyWorker.js";
export { PermanentJobError, StudyWorker } from "./distributed/studyWorker.js";
export type { StudyProgress, StudySummary, SubmitStudyOptions } from "./distributed/submitStudy.js";
export { submitStudy } from "./distributed/submitStudy.js";
export { decodeWire, encodeWire } from "./distributed/wireJson.js";
export type { RunPoolOptions } from "./pool/runPool.js";
export { RunPool } from "./pool/runPool.js";
export type { TaskItem, TaskResult, TaskState } from "./pool/runTask.js";
export { runTask } from "./pool/runTask.js";
export type { SharedBars } from "./pool/sharedBars.js";
export { barsFromShared, shareBars } from "./pool/sharedBars.js";
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
export type { SweepDeflatedSharpe } from "./robustness/sweepDeflatedSharpe.js";
export { sweepDeflatedSharpe } from "./robustness/sweepDeflatedSharpe.js";
export { loadDataRef } from "./run/dataRef.js";
export { finishMetrics } from "./run/equityMetrics.js";
export type { ExecuteOptions, RunMetrics, RunResult } from "./run/executeRun.js";
export { defaultPeriodsPerYear, equityMetrics, executeRun, rangeIndices } from "./run/executeRun.js";
export { type FusedCosts, signalsRunMetrics, smaCrossRunMetrics } from "./run/fusedRun.js";
export { IndicatorCache } from "./run/indicatorCache.js";
// --- run contract, strategies, param spaces, sweeps, pool, catalog (part A) ---
export type { DataRef, DataRefInput, RunOptionsInput, RunSpec, RunSpecInput } from "./run/runSpec.js";
export {
  canonicalJson,
  dataRefSchema,
  parseRunSpec,
  rangeSchema,
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
export type { ParamSpace, Params } from "./space/paramSpace.js";
export {
  cacheFriendlyNesting,
  countGrid,
  grid,
  gridSize,
  gridValues,
  paramSpace,
  randomSearch,
} from "./space/paramSpace.js";
export type { Search, SweepSearch } from "./space/searchSchema.js";
export { engineSchema, searchSchema, sweepSearchSchema } from "./space/searchSchema.js";
export type { HalvingOptions, HalvingResult, HalvingRung } from "./space/successiveHalving.js";
export { successiveHalving } from "./space/successiveHalving.js";
export type { HalvingRungRunner, HalvingRungsOptions, HalvingSweepOutcome } from "./sweep/halvingRungs.js";
export { sweepByHalving } from "./sweep/halvingRungs.js";
export { halvingSweep } from "./sweep/halvingSweep.js";
export type { ParamColumn, ResultRow } from "./sweep/resultsTable.js";
export {
  openResults,
  paramColumnName,
  ResultsTable,
  readMetrics,
  sweepParamColumns,
  sweepResultRow,
} from "./sweep/resultsTable.js";
export type { SweepProgress, SweepRuntime } from "./sweep/runSweep.js";
export { halvingOnPool, runSweep } from "./sweep/runSweep.js";
export type { Objective, SweepConfig, SweepConfigInput } from "./sweep/sweepConfig.js";
export {
  OBJECTIVES,
  parseSweepConfig,
  studyId,
  sweepConfigSchema,
  sweepCount,
  sweepMinimize,
  sweepRunSpec,
  sweepSpace,
} from "./sweep/sweepConfig.js";
export type { HalvingRungSummary, SweepSummaryFields, TopRun } from "./sweep/sweepSummary.js";
export { SweepSummary, TopRuns } from "./sweep/sweepSummary.js";
export type {
  ParameterStability,
  WalkForwardConfig,
  WalkForwardConfigInput,
  WalkForwardFoldResult,
  WalkForwardNatsOptions,
  WalkForwardResult,
  WalkForwardRunOptions,
} from "./walkforward/walkForward.js";
export { objectiveSense, walkForward, walkForwardConfigSchema } from "./walkforward/walkForward.js";
export type { IndexRange, WalkForwardFold, WalkForwardFoldsOptions } from "./walkforward/walkForwardFolds.js";
export { walkForwardFolds, walkForwardFoldsOptions } from "./walkforward/walkForwardFolds.js";
