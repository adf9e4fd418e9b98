/**
 * @packageDocumentation
 * Shared quantkit types and utilities: columnar {@link Bars}, timeframes and alignment, time parsing, a seeded
 * stream-addressable RNG, clocks, typed errors and the few special functions (log Γ, ψ, incomplete beta) that
 * several packages' statistics share. No dependencies beyond zod.
 */
export type { BarColumn, Bars, Quote, QuoteColumns, Trade, TradeColumns } from "./bars.js";
export { emptyBars, OHLCV_COLUMNS, sliceBars } from "./bars.js";
export type { Clock } from "./clock.js";
export { SimulatedClock, WallClock } from "./clock.js";
export type { ValidationIssue } from "./errors.js";
export { parseWith, QuantkitError, ValidationError } from "./errors.js";
export { Rng } from "./rng.js";
export { digamma, incompleteBeta, logBeta, logGamma } from "./special.js";
export type { TimeInput } from "./time.js";
export { isoUtc, localToUtcMs, toEpochMs, zoneOffsetMs } from "./time.js";
export type { AlignOptions, Timeframe } from "./timeframe.js";
export {
  barCloseTime,
  bucketStart,
  canResample,
  intradayStart,
  nextBucketStart,
  parseTimeframe,
  TIMEFRAMES,
  timeframeMs,
  timeframeSchema,
} from "./timeframe.js";
