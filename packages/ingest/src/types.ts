/**
 * A trade normalized from any venue: `ts` is the exchange's trade time in UTC epoch ms (fractions keep µs),
 * `side` is the **aggressor** side (+1 buy, −1 sell), `tradeId` is the venue's own trade id (kept for gap and
 * duplicate detection).
 *
 * @example
 * // Binance aggTrade {"a":42377944,"p":"9682","q":"0.132","T":1582329602111,"m":false,…}
 * // → { ts: 1582329602111, price: 9682, size: 0.132, side: 1, exchange: "binance-futures", symbol: "BTCUSDT", tradeId: 42377944 }
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Aggregate-Trade-Streams
 */
export interface NormalizedTrade {
  readonly kind: "trade";
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  readonly side: 1 | -1;
  readonly exchange: string;
  readonly symbol: string;
  readonly tradeId: number;
  /** Exchange event time (UTC epoch ms) when the venue sends one, else `ts`; used for latency metrics. */
  readonly eventTs: number;
}

/**
 * Best bid/ask normalized from any venue (UTC epoch ms; `updateId` is the venue's book update id or sequence).
 *
 * @example
 * // Binance bookTicker → { kind: "quote", ts: 1568014460891, bid: 25.3519, ask: 25.3652, bidSize: 31.21, askSize: 40.66, … }
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Book-Ticker-Streams
 */
export interface NormalizedQuote {
  readonly kind: "quote";
  readonly ts: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly exchange: string;
  readonly symbol: string;
  readonly updateId: number;
}

/** One price level change: `[price, size]`; size 0 removes the level. */
export type Level = readonly [price: number, size: number];

/**
 * An L2 book change normalized from any venue: a full `snapshot` or a diff. Binance ids are kept (`firstUpdateId`
 * = U, `lastUpdateId` = u, `prevUpdateId` = pu); Coinbase l2update carries none (NaN).
 *
 * @example
 * // Binance depthUpdate {"U":157,"u":160,"pu":149,"b":[["0.0024","10"]],…}
 * // → { kind: "book", snapshot: false, firstUpdateId: 157, lastUpdateId: 160, prevUpdateId: 149, bids: [[0.0024, 10]], … }
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
 */
export interface NormalizedBookDelta {
  readonly kind: "book";
  readonly ts: number;
  readonly snapshot: boolean;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  readonly exchange: string;
  readonly symbol: string;
  readonly firstUpdateId: number;
  readonly lastUpdateId: number;
  readonly prevUpdateId: number;
}

/** Anything a {@link MarketDataFeed} yields. */
export type FeedEvent = NormalizedTrade | NormalizedQuote | NormalizedBookDelta;

/**
 * The one interface every venue's feed implements: an async stream of normalized events, in order, after gap
 * recovery and de-duplication, plus counters. `close()` ends the stream.
 *
 * @example
 * for await (const ev of feed.events()) if (ev.kind === "trade") sink.add(ev);
 * @see BinanceFeed
 */
export interface MarketDataFeed {
  /** The normalized event stream (single consumer). */
  events(): AsyncIterable<FeedEvent>;
  /** Connects (and keeps reconnecting) until {@link MarketDataFeed.close}. */
  start(): void;
  /** Stops the feed: closes the socket, cancels timers, ends the stream. */
  close(): Promise<void>;
}
