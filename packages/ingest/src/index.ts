/**
 * @packageDocumentation
 * Market-data ingestion: exchange message schemas and normalizers (Binance USDT-M futures, Coinbase Exchange),
 * resilient Binance and Coinbase WebSocket feeds with gap recovery (trades and L2 books), a fake of each exchange
 * for tests, streaming OHLCV aggregation into the Parquet store, and Prometheus metrics.
 */
export type { BarsApi, BarsApiOptions } from "./api/barsApi.js";
export { barsApiOptions, barsRequest, startBarsApi } from "./api/barsApi.js";
export { binanceTradeSource } from "./api/binanceTradeSource.js";
export type { CoinbaseTradeSourceOptions } from "./api/coinbaseTradeSource.js";
export { coinbaseTradeSource, coinbaseTradeSourceOptions } from "./api/coinbaseTradeSource.js";
export type { TradeSource } from "./api/tradeSource.js";
export { OrderBook } from "./book/orderBook.js";
export type { BinanceFeedOptions } from "./client/binanceFeed.js";
export { BinanceFeed, binanceFeedOptions } from "./client/binanceFeed.js";
export type { CoinbaseFeedOptions } from "./client/coinbaseFeed.js";
export { CoinbaseFeed, coinbaseFeedOptions } from "./client/coinbaseFeed.js";
export type { FeedConnectionOptions } from "./client/feedConnection.js";
export { backoffSchema, bufferSchema, FeedConnection } from "./client/feedConnection.js";
export { FeedRecoveryError } from "./client/feedRecoveryError.js";
export type { BookReplay, CoinbaseFault, FakeCoinbaseOptions } from "./fake/fakeCoinbase.js";
export {
  bookReplay,
  coinbaseFaultSchema,
  FakeCoinbase,
  fakeCoinbaseOptions,
  isoMicros,
} from "./fake/fakeCoinbase.js";
export type { FakeExchangeOptions, Fault } from "./fake/fakeExchange.js";
export { FakeExchange, fakeExchangeOptions, faultSchema } from "./fake/fakeExchange.js";
export type { DepthReplay, SourceTrade } from "./fake/replayData.js";
export { loadDepthReplay, loadTardisTrades } from "./fake/replayData.js";
export type { AlertRules, CounterName, FiringAlert } from "./metrics/feedMetrics.js";
export { FeedMetrics, LATENCY_BUCKETS_MS, PROMETHEUS_ALERT_RULES } from "./metrics/feedMetrics.js";
export { serveMetrics } from "./metrics/serveMetrics.js";
export {
  BINANCE_FUTURES,
  binanceAggTrade,
  binanceBookTicker,
  binanceDepthSnapshot,
  binanceDepthUpdate,
  binanceEvent,
  binanceRestAggTrade,
  binanceTrade,
  fastBinanceAggTrade,
  normalizeBinance,
  normalizeBinanceRestTrade,
} from "./normalize/binance.js";
export {
  COINBASE,
  coinbaseEvent,
  coinbaseHeartbeat,
  coinbaseL2Update,
  coinbaseMatch,
  coinbaseRestBook,
  coinbaseRestTrade,
  coinbaseSnapshot,
  coinbaseTicker,
  coinbaseTimeMs,
  normalizeCoinbase,
  normalizeCoinbaseRestBook,
  normalizeCoinbaseRestTrade,
} from "./normalize/coinbase.js";
export { decimal, level } from "./normalize/decimal.js";
export type { MalformedSample, ParserStats } from "./normalize/messageParser.js";
export { MessageParser } from "./normalize/messageParser.js";
export type {
  IngestCheckpoint,
  IngestPipelineOptions,
  IngestPublisher,
  IngestStats,
} from "./pipeline/ingestPipeline.js";
export {
  INGEST_TIMEFRAMES,
  IngestPipeline,
  ingestCheckpoint,
  ingestPipelineOptions,
} from "./pipeline/ingestPipeline.js";
export type { RunIngestOptions, RunIngestReport } from "./runIngest.js";
export { runIngest, runIngestOptions, VENUE_ENDPOINTS } from "./runIngest.js";
export type { NatsSinkOptions } from "./sink/natsSink.js";
export { NatsSink, natsSinkOptions } from "./sink/natsSink.js";
export type {
  FeedEvent,
  Level,
  MarketDataFeed,
  NormalizedBookDelta,
  NormalizedQuote,
  NormalizedTrade,
} from "./types.js";
