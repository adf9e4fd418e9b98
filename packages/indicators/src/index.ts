/**
 * @packageDocumentation
 * Technical indicators with two faces from one core: vectorized functions over `Float64Array` columns
 * (`rsi(close, { period: 14 })`) and O(1) streaming classes (`new Rsi({ period: 14 })`), proven identical and
 * checked against TA-Lib.
 */
export type { BarColumnsInput, BarInput, HlcColumns, StreamingIndicator } from "./indicator.js";
export * from "./momentum/index.js";
export * from "./statistics/index.js";
export * from "./trend/index.js";
export { Chain, skipWarmup } from "./util/compose.js";
export * from "./volatility/index.js";
export * from "./volume/index.js";
