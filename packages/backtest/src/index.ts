/**
 * @packageDocumentation
 * The event-driven backtester: one kernel for simulation and live (event queue, clock, order manager, risk engine,
 * portfolio), an execution emulator, L2/L3 order books, analytics, an event log with replay, and a vectorized
 * fast path for sweeps.
 */

// --- engine, orders, risk, emulator, portfolio, strategies, event log (owned by the engine work) ---

export type { BookFill } from "./emulator/book-execution.js";
export { BookExecution } from "./emulator/book-execution.js";
export type { EmulatorListener, WorkingOrder } from "./emulator/emulator.js";
export { ExecutionEmulator, sessionState } from "./emulator/emulator.js";
export type { FillModel, FillModelOptions, Session } from "./emulator/fill-model.js";
export { fillModelSchema, sessionSchema } from "./emulator/fill-model.js";
export type { IntrabarPolicy } from "./emulator/intrabar-path.js";
export {
  firstReach,
  INTRABAR_POLICIES,
  intrabarPath,
  pathLength,
  priceAt,
} from "./emulator/intrabar-path.js";
export { L2Execution } from "./emulator/l2-execution.js";
export type { LatencyOptions } from "./emulator/latency.js";
export { LatencyModel, latencySchema } from "./emulator/latency.js";
export type { Slippage } from "./emulator/slippage.js";
export { slippageAmount, slippageSchema } from "./emulator/slippage.js";
export type { AccountRejection } from "./engine/accountCheck.js";
export { accountCheck } from "./engine/accountCheck.js";
export { BracketOrders } from "./engine/bracketOrders.js";
export type {
  AmendRejectReport,
  CancelReplaceKernel,
  CancelReplaceReport,
} from "./engine/cancelReplaceReport.js";
export { applyCancelReplaceReport } from "./engine/cancelReplaceReport.js";
export type { BookEventColumns, EngineOptions, EngineResult, L2EventColumns } from "./engine/engine.js";
export { Engine } from "./engine/engine.js";
export { orderFill } from "./engine/orderFill.js";
export { randomBars } from "./engine/random-bars.js";
export { RandomStrategy } from "./engine/random-strategy.js";
export { riskRejectionReason } from "./engine/riskRejectionReason.js";
export { riskOpenOrders, riskOrderRequest } from "./engine/riskViews.js";
export type { BarView, BracketRequest, Strategy, StrategyContext } from "./engine/strategy.js";
export { EventQueue } from "./events/event-queue.js";
export type { ExecutionReport, Gateway, MarketDataKind, ReplaceChanges } from "./gateway/gateway.js";
export type { SimulationHost, VenueAction } from "./gateway/simulated-gateway.js";
export { SimulatedGateway } from "./gateway/simulated-gateway.js";
export type { LogRecord, LogSink, ReadLogResult } from "./log/event-log.js";
export { EventLog, parseEventLog, readEventLog } from "./log/event-log.js";
export type { DataFingerprint, RunManifest } from "./log/manifest.js";
export { fingerprintBars } from "./log/manifest.js";
export type { ReplayResult } from "./log/replay.js";
export { replayLog } from "./log/replay.js";
export type {
  Fill,
  Initiator,
  Order,
  OrderRequest,
  OrderRequestInput,
  OrderStatus,
  OrderType,
  Side,
  TimeInForce,
} from "./orders/order.js";
export {
  isTerminal,
  isWorking,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  orderRequestSchema,
  parseOrderRequest,
  sideSign,
} from "./orders/order.js";
export type { AuditEntry, AuditQuery, TransitionInfo } from "./orders/order-manager.js";
export { InvalidOrderTransitionError, OrderManager } from "./orders/order-manager.js";
export type { Commission } from "./portfolio/commission.js";
export { commissionFor, commissionSchema } from "./portfolio/commission.js";
export type { Attribution, PortfolioOptions, PositionSnapshot } from "./portfolio/portfolio.js";
export { Portfolio, portfolioOptionsSchema } from "./portfolio/portfolio.js";
export { Position } from "./portfolio/position.js";
export type { BacktestCliOptions } from "./run/backtest-cli.js";
export { backtestCli, CLI_OUTPUTS } from "./run/backtest-cli.js";
export type { BasicMetrics } from "./run/basic-metrics.js";
export { basicMetrics } from "./run/basic-metrics.js";
export type { BacktestConfig, BacktestConfigInput } from "./run/config.js";
export {
  backtestConfigSchema,
  dataSourceSchema,
  loadBacktestConfig,
  parseBacktestConfig,
} from "./run/config.js";
export type { FillAssumption, SensitivityResult, SensitivityRow } from "./run/fill-sensitivity.js";
export { fillAssumptions, fillSensitivity } from "./run/fill-sensitivity.js";
export type { LoadBarsCsvOptions } from "./run/load-bars-csv.js";
export { loadBarsCsv } from "./run/load-bars-csv.js";
export { reportHtml } from "./run/report-html.js";
export { reproduceRun } from "./run/reproduce.js";
export type { RoundTrip } from "./run/round-trips.js";
export { roundTrips } from "./run/round-trips.js";
export type { RunOptions } from "./run/run-backtest.js";
export {
  BacktestResult,
  ENGINE_VERSION,
  loadData,
  loadDataAsync,
  runBacktest,
  runBacktestAsync,
} from "./run/run-backtest.js";
export { csvToParquet } from "./run/write-parquet.js";
export { PairsTrading, pairsParams } from "./strategies/pairs.js";
export type { StrategyConfig } from "./strategies/registry.js";
export { createStrategy, STRATEGY_NAMES, strategyConfigSchema } from "./strategies/registry.js";
export { RsiReversion, rsiReversionParams } from "./strategies/rsi-reversion.js";
export type { Sizing } from "./strategies/sizing.js";
export { goTo, sizingSchema, unitsFor } from "./strategies/sizing.js";
export { SmaCross, smaCrossParams } from "./strategies/sma-cross.js";
export { VolumeBreakout, volumeBreakoutParams } from "./strategies/volume-breakout.js";
export type { BacktestSignalsOptions, SignalsResult } from "./vectorized/backtest-signals.js";
export { backtestSignals, backtestSignalsOptions, crossSignals } from "./vectorized/backtest-signals.js";

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
export { rollingSharpe } from "./analytics/rollingSharpe.js";
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
export { countRiskRejections, createBacktestMetrics } from "./metrics/backtestMetrics.js";
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
