export type { ContractBars, ContractInput, ContractSpec } from "./contract.js";
export { barsArb, barsFromRows, indicatorContract } from "./contract.js";
export type { TestBars } from "./data.js";
export { loadCsvBars, realSeries, testDataPath } from "./data.js";
export type { TalibFull, TalibInputs, Tolerance } from "./talib.js";
export { expectMatchesTalib, maxRelError, talib, talibFull } from "./talib.js";
export type { RegtestCase, RegtestImpl, RegtestResult, RegtestSummary } from "./talibRegtest.js";
export { expectedValues, regtestCases, regtestData, talibRegtest } from "./talibRegtest.js";
export { tulind, tulipRun } from "./tulip.js";
