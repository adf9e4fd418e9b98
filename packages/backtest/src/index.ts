/**
 * @packageDocumentation
 * The event-driven backtester: one kernel for simulation and live (event queue, clock, order manager, risk engine,
 * portfolio), an execution emulator, L2/L3 order books, analytics, an event log with replay, and a vectorized
 * fast path for sweeps.
 */

// --- engine, orders, risk, emulator, portfolio, strategies, event log (owned by the engine work) ---

// --- order book, analytics, metrics (owned by the book/analytics work) ---

export { alpha, beta, buyAndHold, informationRatio, trackingError } from "./analytics/benchmarkStats.js";
export type { Analytics, AnalyticsOptions } from "./analytics/computeAnalytics.js";
export { analyticsOptionsSchema, computeAnalytics } from "./analytics/computeAnalytics.js";
export type { DrawdownSpell } from "./analytics/drawdown.js";
export { maxDrawdown, maxDrawdownDuration, underwater } from "./analytics/drawdown.js";
export {
  annualizedReturn,
  cagr,
  sharpeRatio,
  simpleReturns,
  sortinoRatio,
  totalReturn,
  volatility,
  YEAR_MS,
} from "./analytics/returns.js";
export { kahanSum, perPeriodRate, quantileSorted, sampleCovariance, sampleStd } from "./analytics/stats.js";
export { historicalCVaR, historicalVaR } from "./analytics/tailRisk.js";
export type { TradeStats } from "./analytics/tradeStats.js";
export { tradeStats } from "./analytics/tradeStats.js";
export type { EquityCurve, TradeRecord } from "./analytics/types.js";
export type {
  BinanceDepthEvent,
  BinanceDepthRow,
  BinanceDepthSnapshot,
  DepthEventOutcome,
  DepthGap,
  DepthReplayResult,
} from "./book/binanceDepth.js";
export {
  BinanceDepthSync,
  depthEventsFromRows,
  depthSnapshotFromRows,
  parseBinanceDepthCsv,
  replayBinanceDepth,
} from "./book/binanceDepth.js";
export { bookImbalance, microprice } from "./book/bookMath.js";
export { L2Book } from "./book/l2Book.js";
export type { QueueModel } from "./book/l2QueuePosition.js";
export { L2QueuePosition } from "./book/l2QueuePosition.js";
export { L3Book } from "./book/l3Book.js";
export { PriceLadder } from "./book/priceLadder.js";
export type { BookSide, FillListener } from "./book/types.js";
export type { BacktestMetrics } from "./metrics/backtestMetrics.js";
export { createBacktestMetrics } from "./metrics/backtestMetrics.js";
export {
  Counter,
  CounterChild,
  DEFAULT_BUCKETS,
  escapeHelp,
  escapeLabelValue,
  formatSampleValue,
  Gauge,
  GaugeChild,
  Histogram,
  HistogramChild,
  MetricsRegistry,
} from "./metrics/prometheus.js";
export type { KillRecord, KillSwitchOptions } from "./risk/killSwitch.js";
export { KillSwitch } from "./risk/killSwitch.js";
export { MaxOrderSize } from "./risk/maxOrderSize.js";
export { MaxPosition } from "./risk/maxPosition.js";
export { OrderThrottle } from "./risk/orderThrottle.js";
export { PriceBand } from "./risk/priceBand.js";
export type { RiskConfig, RiskConfigInput } from "./risk/riskConfig.js";
export { loadRiskConfig, parseRiskConfig, parseRiskConfigText, riskConfigSchema } from "./risk/riskConfig.js";
export type { KillReason, RiskDecisionRecord, RiskReason } from "./risk/riskDecision.js";
export { RiskDecision, RiskWarning, snapshotDecision } from "./risk/riskDecision.js";
export type { RiskEngineHooks } from "./risk/riskEngine.js";
export { RiskEngine } from "./risk/riskEngine.js";
export type { RiskCheckContext, RiskValidator } from "./risk/riskValidator.js";
export { SymbolLimits } from "./risk/riskValidator.js";
export { SelfTradePrevention } from "./risk/selfTradePrevention.js";
export type { RiskOpenOrder, RiskOrderRequest, RiskSide, RiskStateView } from "./risk/types.js";
