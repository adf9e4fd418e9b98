/** @packageDocumentation Research studies at scale: parameter sweeps, walk-forward, CPCV, PBO, robustness, tracked runs, worker pools and NATS JetStream */

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
