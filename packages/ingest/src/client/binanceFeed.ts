import { type Clock, parseWith, WallClock } from "@quantkit/core";
import { z } from "zod";
import { OrderBook } from "../book/orderBook.js";
import {
  BINANCE_FUTURES,
  binanceDepthSnapshot,
  binanceRestAggTrade,
  normalizeBinanceRestTrade,
} from "../normalize/binance.js";
import type { FeedEvent, NormalizedBookDelta } from "../types.js";
import { backoffSchema, bufferSchema } from "./feedConnection.js";
import { withFeedDefaults } from "./feedDefaults.js";
import { FeedRecoveryError } from "./feedRecoveryError.js";
import { VenueFeed } from "./venueFeed.js";

/**
 * zod schema of {@link BinanceFeedOptions}.
 * @example
 * binanceFeedOptions.safeParse({ wsUrl: "x", restUrl: "http://a", symbols: ["BTCUSDT"] }).success // → false (wsUrl)
 */
export const binanceFeedOptions = z
  .object({
    wsUrl: z.string().url(),
    restUrl: z.string().url(),
    symbols: z.array(z.string().regex(/^[A-Z0-9]{2,30}$/, "expected an upper-case Binance symbol")).min(1),
    streams: z
      .array(z.enum(["aggTrade", "depth"]))
      .min(1)
      .optional(),
    startAfterTradeId: z.record(z.string(), z.number().int().nonnegative()).optional(),
    pingIntervalMs: z.number().positive().optional(),
    staleAfterMs: z.number().positive().optional(),
    backoff: backoffSchema.optional(),
    seed: z.number().int().optional(),
    buffer: bufferSchema.optional(),
    restLimit: z.number().int().min(1).max(1000).optional(),
    idleCatchUpMs: z.number().positive().optional(),
  })
  .strict();

/** Options of {@link BinanceFeed}. */
export interface BinanceFeedOptions {
  /** WebSocket URL (raw stream endpoint, e.g. `wss://fstream.binance.com/ws`). */
  wsUrl: string;
  /** REST base URL (e.g. `https://fapi.binance.com`). */
  restUrl: string;
  /** Symbols, upper case (`BTCUSDT`). */
  symbols: string[];
  /** Streams per symbol. @default ["aggTrade"] */
  streams?: ("aggTrade" | "depth")[];
  /** Per symbol, the last trade id already stored: the feed backfills from the next id (resume after restart). */
  startAfterTradeId?: Record<string, number>;
  /** Client ping interval (ms); also the stale check period. @default 1000 */
  pingIntervalMs?: number;
  /** A connection with no message or pong for this long (ms) is stale and is dropped and reconnected. @default 5000 */
  staleAfterMs?: number;
  /**
   * Reconnect delay = min(maxMs, initialMs · factor^attempt) · (1 − jitter · u), u uniform from the seeded Rng.
   * @default { initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0.5 }
   */
  backoff?: { initialMs: number; maxMs: number; factor: number; jitter: number };
  /** Seed of the jitter Rng. @default 1 */
  seed?: number;
  /**
   * Bounded buffer between the socket and the consumer. `"pause"`: when full, the socket is paused (TCP
   * backpressure slows the sender; counted in `buffer_paused`); `"drop"`: new events are dropped and counted in
   * `buffer_dropped` (the dropped trades then show up as id gaps and are backfilled over REST; dropped depth
   * diffs break the chain and trigger a book resync).
   * @default { capacity: 10_000, policy: "pause" }
   */
  buffer?: { capacity: number; policy: "pause" | "drop" };
  /** Rows per REST backfill request (≤ 1000). @default 1000 */
  restLimit?: number;
  /**
   * With no trade for this long (ms), check REST for trades after the last id (a gap at the tail of the stream is
   * revealed by no later trade). @default 5000
   */
  idleCatchUpMs?: number;
}

interface BookSync {
  synced: boolean;
  first: boolean;
  lastU: number;
  snapshotId: number;
  readonly book: OrderBook;
}

/**
 * Binance USDT-M futures market-data client: connects, subscribes (`<symbol>@aggTrade`, `<symbol>@depth`),
 * pings and detects stale connections, reconnects with exponential backoff and seeded jitter, resubscribes, and
 * yields normalized events **after** recovery: duplicate trade ids are dropped (counted), trade-id gaps are
 * backfilled over REST (`/fapi/v1/aggTrades?fromId`), and depth chain breaks (`pu` ≠ previous `u`) are recovered by
 * a REST snapshot plus the buffered diffs (Binance's documented procedure). Malformed messages are counted and
 * sampled (`parser.samples`), never thrown.
 *
 * @example
 * const feed = new BinanceFeed({ wsUrl: ex.wsUrl, restUrl: ex.restUrl, symbols: ["BTCUSDT"], streams: ["aggTrade", "depth"] });
 * feed.start();
 * for await (const ev of feed.events()) { if (ev.kind === "trade") … }
 * feed.metrics.render() // → Prometheus text
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly
 */
export class BinanceFeed extends VenueFeed {
  private readonly o: Required<Omit<BinanceFeedOptions, "startAfterTradeId">>;
  private readonly clock: Clock;
  private readonly sync = new Map<string, BookSync>();
  private lastTradeAt = 0;

  /**
   * @param options - {@link BinanceFeedOptions} (validated).
   * @param clock - time for staleness and latency. @default WallClock
   */
  constructor(options: BinanceFeedOptions, clock: Clock = new WallClock()) {
    const { startAfterTradeId, ...parsed } = parseWith(binanceFeedOptions, options, "BinanceFeed options");
    const o = {
      ...withFeedDefaults(parsed),
      streams: parsed.streams ?? ["aggTrade"],
      pingIntervalMs: parsed.pingIntervalMs ?? 1000,
      idleCatchUpMs: parsed.idleCatchUpMs ?? 5000,
    };
    super(
      "binance",
      BINANCE_FUTURES,
      { ...o, checkEveryMs: o.pingIntervalMs, ping: true },
      startAfterTradeId,
      clock,
    );
    this.o = o;
    this.clock = clock;
    for (const s of this.o.symbols) {
      const book = new OrderBook();
      this.books.set(s, book);
      this.sync.set(s, { synced: false, first: true, lastU: 0, snapshotId: 0, book });
    }
  }

  override start(): void {
    if (this.lastTradeAt === 0) this.lastTradeAt = this.clock.now();
    super.start();
  }

  override events(): AsyncGenerator<FeedEvent> {
    return this.trades.events((ev) => this.onBook(ev));
  }

  protected onOpen(ws: { send(text: string): void }, reconnect: boolean): void {
    const params = this.o.symbols.flatMap((s) => this.o.streams.map((st) => `${s.toLowerCase()}@${st}`));
    ws.send(JSON.stringify({ method: "SUBSCRIBE", params, id: 1 }));
    // After a reconnect, trades published while disconnected are fetched over REST once the buffer is empty
    // (a later streamed trade would reveal the gap too, but the last trades before a quiet period would not).
    if (reconnect) {
      for (const s of this.o.symbols) this.trades.catchUp(s);
      this.conn.wakeUp();
    }
    // After a reconnect the depth chain is broken for sure: resync on the next diff.
    for (const st of this.sync.values()) st.synced = false;
  }

  protected override onCheck(): void {
    // No trade for a while: trades may have been skipped at the tail of a burst, with no later trade to reveal the
    // gap. Ask REST once the buffer is empty (cheap when nothing is missing: one empty page).
    if (this.clock.now() - this.lastTradeAt > this.o.idleCatchUpMs && this.trades.tracked > 0) {
      this.lastTradeAt = this.clock.now();
      for (const s of this.o.symbols) if (this.trades.last(s) !== undefined) this.trades.catchUp(s);
      this.conn.wakeUp();
    }
  }

  protected onMessage(raw: string): void {
    const before = this.parser.stats.malformed;
    const ev = this.parser.parse(raw);
    if (ev === null) {
      if (this.parser.stats.malformed > before) this.metrics.inc("malformed", this.o.symbols[0]!);
      return;
    }
    const now = this.clock.now();
    this.conn.ok();
    if (ev.kind === "trade") this.lastTradeAt = now;
    this.metrics.inc("messages", ev.symbol, ev.kind);
    if (ev.kind === "trade") this.metrics.observeLatency(ev.symbol, now - ev.eventTs);
    if (!this.conn.push(ev, ev.symbol, ev.kind) && ev.kind === "trade") this.trades.catchUp(ev.symbol);
  }

  protected async *backfill(symbol: string, from: number, to: number): AsyncGenerator<FeedEvent> {
    let next = from;
    let stuck = 0;
    while (next <= to) {
      const url = `${this.o.restUrl}/fapi/v1/aggTrades?symbol=${symbol}&fromId=${next}&limit=${this.o.restLimit}`;
      const rows = parseWith(
        z.array(binanceRestAggTrade),
        await this.conn.getJson(url),
        "aggTrades response",
      );
      let progressed = false;
      for (const r of rows) {
        if (r.a < next) continue;
        if (r.a > to) break;
        if (r.a !== next)
          throw new FeedRecoveryError(`backfill of ${symbol}: expected trade id ${next}, got ${r.a}`);
        const t = normalizeBinanceRestTrade(r, symbol);
        this.trades.backfilled(symbol, r.a);
        next++;
        progressed = true;
        yield t;
      }
      if (!progressed && to === Number.POSITIVE_INFINITY) return;
      if (!progressed && ++stuck > 5)
        throw new FeedRecoveryError(
          `backfill of ${symbol}: no trades from id ${next} after ${stuck} requests`,
        );
    }
  }

  private async *onBook(ev: NormalizedBookDelta): AsyncGenerator<FeedEvent> {
    const st = this.sync.get(ev.symbol);
    if (!st) return;
    for (let round = 0; round < 10; round++) {
      if (!st.synced) {
        yield await this.resync(ev.symbol, st);
      }
      if (st.first) {
        // Binance: drop diffs older than the snapshot; the first applied one must straddle lastUpdateId.
        if (ev.lastUpdateId < st.snapshotId) return;
        if (ev.firstUpdateId > st.snapshotId + 1) {
          this.metrics.inc("book_gaps", ev.symbol);
          st.synced = false;
          continue;
        }
      } else if (ev.prevUpdateId !== st.lastU) {
        this.metrics.inc("book_gaps", ev.symbol);
        st.synced = false;
        continue;
      }
      st.first = false;
      st.lastU = ev.lastUpdateId;
      st.book.apply(ev.bids, ev.asks);
      yield ev;
      return;
    }
    throw new FeedRecoveryError(`book of ${ev.symbol}: could not resynchronise after 10 snapshots`);
  }

  private async resync(symbol: string, st: BookSync): Promise<NormalizedBookDelta> {
    const snap = parseWith(
      binanceDepthSnapshot,
      await this.conn.getJson(`${this.o.restUrl}/fapi/v1/depth?symbol=${symbol}&limit=1000`),
      "depth snapshot",
    );
    this.metrics.inc("book_resyncs", symbol);
    st.book.reset(snap.bids, snap.asks);
    st.synced = true;
    st.first = true;
    st.snapshotId = snap.lastUpdateId;
    st.lastU = snap.lastUpdateId;
    return {
      kind: "book",
      ts: snap.T ?? Number.NaN,
      snapshot: true,
      bids: snap.bids,
      asks: snap.asks,
      exchange: BINANCE_FUTURES,
      symbol,
      firstUpdateId: snap.lastUpdateId,
      lastUpdateId: snap.lastUpdateId,
      prevUpdateId: Number.NaN,
    };
  }
}
