/**
 * @packageDocumentation
 * Live paper execution: a FIX 4.2 codec (dictionary-driven parsing, validation, serialization, JSON conversion) and
 * session layer (initiator), the first parts of the live gateways.
 */

export type { AlpacaClientOptions, ListOrdersQuery } from "./alpaca/alpacaClient.js";
export { AlpacaApiError, AlpacaClient } from "./alpaca/alpacaClient.js";
export type {
  AlpacaPaperGatewayOptions,
  BrokerOpenOrder,
  BrokerPosition,
  BrokerSnapshot,
} from "./alpaca/alpacaPaperGateway.js";
export { AlpacaPaperGateway } from "./alpaca/alpacaPaperGateway.js";
export type { BackoffOptions } from "./alpaca/backoff.js";
export { backoffDelay } from "./alpaca/backoff.js";
export { AlpacaCredentials, alpacaCredentialsFromEnv } from "./alpaca/credentials.js";
export type { ReplayBar, ReplayStep } from "./alpaca/fake/barReplay.js";
export { BarReplay, loadReplayBars } from "./alpaca/fake/barReplay.js";
export type { FakeAlpaca, FakeAlpacaOptions, FakeFault, FakeRequestLog } from "./alpaca/fake/fakeAlpaca.js";
export { fakeAlpacaOptions, startFakeAlpaca } from "./alpaca/fake/fakeAlpaca.js";
export type { FakeBrokerOptions } from "./alpaca/fake/fakeBroker.js";
export { FakeBroker, FakeBrokerError } from "./alpaca/fake/fakeBroker.js";
export { ReplayClock } from "./alpaca/fake/replayClock.js";
export type { DataChannel, MarketDataEvent } from "./alpaca/marketDataStream.js";
export { MarketDataStream } from "./alpaca/marketDataStream.js";
export type { ReconnectingSocketOptions, SocketState } from "./alpaca/reconnectingSocket.js";
export { ReconnectingSocket } from "./alpaca/reconnectingSocket.js";
export type { AlpacaAccount } from "./alpaca/schemas/account.js";
export { alpacaAccount, alpacaAccountStatus } from "./alpaca/schemas/account.js";
export type { AlpacaApiErrorBody } from "./alpaca/schemas/apiError.js";
export { alpacaApiError } from "./alpaca/schemas/apiError.js";
export type { AlpacaClock } from "./alpaca/schemas/clock.js";
export { alpacaClock } from "./alpaca/schemas/clock.js";
export type {
  StreamAction,
  StreamBar,
  StreamMessage,
  StreamQuote,
  StreamTrade,
} from "./alpaca/schemas/marketData.js";
export {
  streamAction,
  streamBar,
  streamFrame,
  streamMessage,
  streamQuote,
  streamTrade,
} from "./alpaca/schemas/marketData.js";
export type {
  AlpacaOrder,
  AlpacaOrderRequest,
  AlpacaOrderStatus,
  AlpacaReplaceRequest,
} from "./alpaca/schemas/order.js";
export {
  alpacaAssetClass,
  alpacaOrder,
  alpacaOrderRequest,
  alpacaOrderStatus,
  alpacaOrderType,
  alpacaReplaceRequest,
  alpacaSide,
  alpacaTimeInForce,
} from "./alpaca/schemas/order.js";
export type { AlpacaPosition } from "./alpaca/schemas/position.js";
export { alpacaPosition } from "./alpaca/schemas/position.js";
export {
  decimalString,
  formatDecimal,
  formatRfc3339Nanos,
  num,
  parseRfc3339Ms,
  rfc3339String,
} from "./alpaca/schemas/primitives.js";
export type {
  TradeUpdate,
  TradeUpdateEvent,
  TradingStreamAction,
  TradingStreamMessage,
} from "./alpaca/schemas/tradeUpdate.js";
export {
  tradeUpdate,
  tradeUpdateEvent,
  tradingStreamAction,
  tradingStreamMessage,
} from "./alpaca/schemas/tradeUpdate.js";
export { TokenBucket } from "./alpaca/tokenBucket.js";
export { TradeUpdatesStream } from "./alpaca/tradeUpdatesStream.js";
export { Dashboard } from "./dashboard/dashboardServer.js";
export type { DashboardSnapshot } from "./dashboard/dashboardState.js";
export { DashboardState } from "./dashboard/dashboardState.js";
export type { FixCodecParseOptions } from "./fix/fixCodec.js";
export { FixCodec } from "./fix/fixCodec.js";
export type {
  FixDictionary,
  FixFieldDef,
  FixGroupDef,
  FixMember,
  FixMessageDef,
} from "./fix/fixDictionary.js";
export { FixDictionaryError, loadFixDictionary, parseFixDictionary } from "./fix/fixDictionary.js";
export type { FixErrorDetails, FixErrorReason } from "./fix/fixError.js";
export { FixError } from "./fix/fixError.js";
export type { FixJson } from "./fix/fixJson.js";
export { fixFromJson, fixToJson } from "./fix/fixJson.js";
export { FixMessage, SOH } from "./fix/fixMessage.js";
export type { FixParseOptions } from "./fix/fixParser.js";
export { parseFixBytes, parseFixPipe } from "./fix/fixParser.js";
export { fixBodyLength, serializeFix } from "./fix/fixSerializer.js";
export type { FixEntry } from "./fix/fixStructure.js";
export { fixStructure } from "./fix/fixStructure.js";
export type { FixValidateOptions } from "./fix/fixValidator.js";
export { validateFix } from "./fix/fixValidator.js";
export { FixFramer } from "./fix/session/fixFramer.js";
export type { FixSeqStore } from "./fix/session/fixSeqStore.js";
export { MemoryFixSeqStore } from "./fix/session/fixSeqStore.js";
export type { FixSessionEvent, FixSessionOptions, FixSessionState } from "./fix/session/fixSession.js";
export { FixSession, fixSessionOptions, fixTimestamp } from "./fix/session/fixSession.js";
export type { FixTcpAddress } from "./fix/session/fixTcpConnection.js";
export { FixTcpConnection } from "./fix/session/fixTcpConnection.js";
export type { FixVenueOptions } from "./fix/venue/fixVenue.js";
export { FixVenue } from "./fix/venue/fixVenue.js";
export { FixGateway } from "./gateway/fixGateway.js";
export type { MockGatewayOptions } from "./gateway/mockGateway.js";
export { MockGateway } from "./gateway/mockGateway.js";
export type { Alert, AlertKind, AlertOptions } from "./ops/alerts.js";
export { AlertManager } from "./ops/alerts.js";
export type { HealthOptions, HealthReport } from "./ops/health.js";
export { HealthMonitor } from "./ops/health.js";
export type { OpsServer, RouteHandler } from "./ops/opsServer.js";
export { startOpsServer } from "./ops/opsServer.js";
export type { PaperLoggers } from "./ops/paperLogger.js";
export { createPaperLoggers } from "./ops/paperLogger.js";
export type { PaperMetrics, PaperOpsOptions } from "./ops/paperOps.js";
export { createPaperMetrics, PaperOps } from "./ops/paperOps.js";
export { makeRedactor, SECRET_ENV_VARS, secretsFromEnv } from "./ops/redact.js";
export { AlpacaLiveGateway, baseClientOrderId } from "./paper/alpacaLiveGateway.js";
export { BarBuffer } from "./paper/barBuffer.js";
export type { JournalRecovery } from "./paper/journal.js";
export { Journal } from "./paper/journal.js";
export type {
  BrokerOrder,
  BrokerOrderStatus,
  BrokerPosition as LiveBrokerPosition,
  BrokerSnapshot as LiveBrokerSnapshot,
  ConnectionEvent,
  LiveGateway,
  MarketBarEvent,
  MarketEvent,
  MarketQuoteEvent,
  MarketTradeEvent,
} from "./paper/liveGateway.js";
export type { CrashPoint, LiveNodeEvent, LiveNodeOptions, ReconcileResult } from "./paper/liveNode.js";
export { LiveNode } from "./paper/liveNode.js";
export type { PaperCommandOptions } from "./paper/paperCli.js";
export { paperCommand } from "./paper/paperCli.js";
export type { PaperConfig, PaperConfigInput } from "./paper/paperConfig.js";
export { loadPaperConfig, paperConfigSchema, parsePaperConfig } from "./paper/paperConfig.js";
export type { LocalOrderView, ReconcileAction, ReconcileInput } from "./paper/reconciler.js";
export { planReconciliation } from "./paper/reconciler.js";
export type { PaperReport, PaperSession, RunPaperOptions } from "./paper/runPaper.js";
export { runPaper } from "./paper/runPaper.js";
