import type { Clock } from "@quantkit/core";
import type { OrderBook } from "../book/orderBook.js";
import { FeedMetrics } from "../metrics/feedMetrics.js";
import { MessageParser } from "../normalize/messageParser.js";
import type { FeedEvent, MarketDataFeed } from "../types.js";
import { FeedConnection, type FeedConnectionOptions } from "./feedConnection.js";
import { TradeRecovery } from "./tradeRecovery.js";

/** The connection settings a venue feed hands to {@link VenueFeed} (the callbacks are the feed's methods). */
export type VenueConnectionOptions = Omit<FeedConnectionOptions, "onOpen" | "onMessage" | "onCheck">;

/**
 * What the venue feeds have in common: a {@link MessageParser} and {@link FeedMetrics} for the venue, local books,
 * a {@link FeedConnection} (connect, stale detection, reconnect with backoff, bounded buffer) driven by the feed's
 * `onOpen` / `onMessage` / `onCheck`, and a {@link TradeRecovery} that yields the events with trades complete and in
 * id order using the feed's REST `backfill`. A venue feed adds its protocol: subscriptions, message handling,
 * the REST backfill and book recovery.
 *
 * @example
 * class MyFeed extends VenueFeed { … } // onOpen, onMessage, backfill
 * const feed = new MyFeed(options); feed.start();
 * for await (const ev of feed.events()) … // trades once each, in id order
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 */
export abstract class VenueFeed implements MarketDataFeed {
  /** Parses and validates the venue's frames; `stats` and `samples` of malformed ones. */
  readonly parser: MessageParser;
  /** The feed's counters, latency histogram and staleness gauge (Prometheus text via `render()`). */
  readonly metrics: FeedMetrics;
  /** Local order books per symbol, kept by the venue's book stream (when subscribed). */
  readonly books = new Map<string, OrderBook>();
  /** @internal */
  protected readonly conn: FeedConnection<FeedEvent>;
  /** @internal */
  protected readonly trades: TradeRecovery;

  /**
   * @param venue - the parser's venue.
   * @param exchange - the exchange id the metrics are labelled with.
   * @param connection - {@link VenueConnectionOptions}.
   * @param startAfterTradeId - per symbol, the last trade id already stored. @default {}
   * @param clock - time for staleness and latency.
   */
  protected constructor(
    venue: "binance" | "coinbase",
    exchange: string,
    connection: VenueConnectionOptions,
    startAfterTradeId: Record<string, number> | undefined,
    clock: Clock,
  ) {
    this.parser = new MessageParser(venue);
    this.metrics = new FeedMetrics(clock, exchange);
    this.conn = new FeedConnection<FeedEvent>(
      {
        ...connection,
        onOpen: (ws, reconnect) => this.onOpen(ws, reconnect),
        onMessage: (raw) => this.onMessage(raw),
        onCheck: () => this.onCheck(),
      },
      clock,
      this.metrics,
    );
    this.trades = new TradeRecovery(
      this.conn,
      this.metrics,
      (symbol, from, to) => this.backfill(symbol, from, to),
      startAfterTradeId,
    );
  }

  /** Events waiting in the bounded buffer. */
  get buffered(): number {
    return this.conn.buffered;
  }

  /** True while a socket is open. */
  get isConnected(): boolean {
    return this.conn.isConnected;
  }

  /**
   * The reconnect delay (ms) for a 0-based attempt number, drawing the jitter from the seeded Rng.
   * @param attempt - attempts since the last successful message.
   * @example
   * feed.backoffDelay(0) // → between 50 and 100 with the default backoff
   */
  backoffDelay(attempt: number): number {
    return this.conn.backoffDelay(attempt);
  }

  /** Connects (and keeps reconnecting) until {@link VenueFeed.close}. */
  start(): void {
    this.conn.start();
  }

  /** Stops: cancels timers, terminates the socket, ends {@link VenueFeed.events}. */
  async close(): Promise<void> {
    await this.conn.close();
  }

  /** The normalized events after recovery, until {@link VenueFeed.close}. */
  events(): AsyncGenerator<FeedEvent> {
    return this.trades.events();
  }

  /** @internal Each socket that opens: subscribe; `reconnect` is true from the second connection on. */
  protected abstract onOpen(ws: { send(text: string): void }, reconnect: boolean): void;

  /** @internal Each text frame, in socket order: parse, count, push to the buffer. */
  protected abstract onMessage(raw: string): void;

  /** @internal The venue's REST backfill of trade ids `from…to` (`to` = ∞: up to the newest), in id order (a `TradeBackfill`). */
  protected abstract backfill(symbol: string, from: number, to: number): AsyncGenerator<FeedEvent>;

  /** @internal Called every check period of the connection, before its staleness check. Nothing by default. */
  protected onCheck(): void {}
}
