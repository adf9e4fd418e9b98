import { type Clock, parseWith, WallClock } from "@quantkit/core";
import { z } from "zod";
import { OrderBook } from "../book/orderBook.js";
import {
  COINBASE,
  coinbaseHeartbeat,
  coinbaseRestBook,
  coinbaseRestTrade,
  normalizeCoinbaseRestBook,
  normalizeCoinbaseRestTrade,
} from "../normalize/coinbase.js";
import type { FeedEvent, NormalizedBookDelta } from "../types.js";
import { backoffSchema, bufferSchema } from "./feedConnection.js";
import { withFeedDefaults } from "./feedDefaults.js";
import { FeedRecoveryError } from "./feedRecoveryError.js";
import { VenueFeed } from "./venueFeed.js";

/**
 * zod schema of {@link CoinbaseFeedOptions}.
 * @example
 * coinbaseFeedOptions.safeParse({ wsUrl: "ws://a", restUrl: "http://a", productIds: ["btc-usd"] }).success // → false
 */
export const coinbaseFeedOptions = z
  .object({
    wsUrl: z.string().url(),
    restUrl: z.string().url(),
    productIds: z
      .array(z.string().regex(/^[A-Z0-9]{2,15}-[A-Z0-9]{2,15}$/, "expected a product id such as BTC-USD"))
      .min(1),
    channels: z
      .array(z.enum(["matches", "ticker", "level2", "level2_batch"]))
      .min(1)
      .refine(
        (c) => !(c.includes("level2") && c.includes("level2_batch")),
        "expected one of level2, level2_batch",
      )
      .optional(),
    startAfterTradeId: z.record(z.string(), z.number().int().nonnegative()).optional(),
    staleAfterMs: z.number().positive().optional(),
    backoff: backoffSchema.optional(),
    seed: z.number().int().optional(),
    buffer: bufferSchema.optional(),
    restLimit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/** Options of {@link CoinbaseFeed}. */
export interface CoinbaseFeedOptions {
  /** WebSocket URL (Coinbase Exchange: `wss://ws-feed.exchange.coinbase.com`). */
  wsUrl: string;
  /** REST base URL (Coinbase Exchange: `https://api.exchange.coinbase.com`). */
  restUrl: string;
  /** Products (`BTC-USD`). */
  productIds: string[];
  /**
   * Channels besides `heartbeat` (always subscribed). `level2_batch` (public; level-2 updates batched every 50 ms)
   * or `level2` (every update; Coinbase requires an authenticated subscription for it, which this client does not
   * sign) maintain `books` and yield `book` events; `ticker` yields `quote` events (best bid/ask after each match,
   * `updateId` = the message's `sequence`). @default ["matches"]
   */
  channels?: ("matches" | "ticker" | "level2" | "level2_batch")[];
  /** Per product, the last trade id already stored: the feed backfills from the next id (resume after restart). */
  startAfterTradeId?: Record<string, number>;
  /**
   * A connection with no message (the `heartbeat` channel sends one per second per product) for this long (ms) is
   * stale: dropped and reconnected. Also the period of the staleness check (÷ 4). @default 5000
   */
  staleAfterMs?: number;
  /** Reconnect backoff, as {@link BinanceFeedOptions.backoff}. @default { initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0.5 } */
  backoff?: { initialMs: number; maxMs: number; factor: number; jitter: number };
  /** Seed of the jitter Rng. @default 1 */
  seed?: number;
  /** Bounded buffer between socket and consumer, as {@link BinanceFeedOptions.buffer}. @default { capacity: 10_000, policy: "pause" } */
  buffer?: { capacity: number; policy: "pause" | "drop" };
  /** Rows per REST backfill request (≤ 1000). @default 1000 */
  restLimit?: number;
}

interface L2Sync {
  /** A snapshot was applied and no inconsistency was seen since. */
  synced: boolean;
  /** The previous l2update frame (an identical next frame is a duplicate). */
  lastDiff: string;
  readonly book: OrderBook;
}

/**
 * Coinbase Exchange market-data client (trades and the level-2 book): connects, subscribes to the `matches`
 * (and optionally `level2_batch` / `level2`) and `heartbeat` channels,
 * treats a connection without any message for `staleAfterMs` as stale, reconnects with exponential backoff and
 * seeded jitter, resubscribes, and yields normalized trades **after** recovery, in trade-id order: trade ids
 * `≤` the last yielded are duplicates (dropped, counted); a trade-id jump is a gap backfilled over REST
 * (`GET /products/<id>/trades?after=<id>`, newest first, paged) before the trade that revealed it; a heartbeat
 * whose `last_trade_id` is ahead of the last trade yielded (trades missed at the tail, after a reconnect or a
 * drop) triggers the same catch-up. Malformed messages are counted and sampled, never thrown.
 *
 * Level 2: the subscription answers with a `snapshot` (yielded as a `book` event with `snapshot: true`), then
 * `l2update`s (yielded as diffs). Coinbase's level-2 messages carry **no sequence number**, so a lost update cannot
 * be seen directly; the book is rebuilt from a fresh snapshot (unsubscribe + subscribe of that product's level-2
 * channel, or the subscription of a reconnect) whenever it may be wrong: after a reconnect, a crossed or locked
 * book after applying a diff, a malformed level-2 frame (or an unparseable frame), or a book event dropped by the
 * buffer (`book_gaps`, `book_resyncs`). Diffs that arrive while a snapshot is awaited are superseded by it
 * (`book_diffs_dropped`); a frame identical to the previous `l2update` is a duplicate (`duplicates`, type `book`).
 *
 * @example
 * const feed = new CoinbaseFeed({ wsUrl: ex.wsUrl, restUrl: ex.restUrl, productIds: ["BTC-USD"] });
 * feed.start();
 * for await (const ev of feed.events()) { if (ev.kind === "trade") … }
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels
 * @see https://docs.cdp.coinbase.com/exchange/reference/exchangerestapi_getproducttrades
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels#level2-channel
 */
export class CoinbaseFeed extends VenueFeed {
  private readonly o: Required<Omit<CoinbaseFeedOptions, "startAfterTradeId">>;
  private readonly l2: "level2" | "level2_batch" | null;
  private readonly l2sync = new Map<string, L2Sync>();
  /** Newest trade id announced by a heartbeat, per product. */
  private readonly announced = new Map<string, number>();

  /**
   * @param options - {@link CoinbaseFeedOptions} (validated).
   * @param clock - time for staleness and latency. @default WallClock
   */
  constructor(options: CoinbaseFeedOptions, clock: Clock = new WallClock()) {
    const { startAfterTradeId, ...parsed } = parseWith(coinbaseFeedOptions, options, "CoinbaseFeed options");
    const o = { ...withFeedDefaults(parsed), channels: parsed.channels ?? ["matches"] };
    super(
      "coinbase",
      COINBASE,
      // Coinbase has no ping protocol: the heartbeat channel is the sign of life.
      { ...o, checkEveryMs: o.staleAfterMs / 4, ping: false, symbols: o.productIds },
      startAfterTradeId,
      clock,
    );
    this.o = o;
    this.l2 = this.o.channels.includes("level2")
      ? "level2"
      : this.o.channels.includes("level2_batch")
        ? "level2_batch"
        : null;
    if (this.l2)
      for (const p of this.o.productIds) {
        const book = new OrderBook();
        this.books.set(p, book);
        this.l2sync.set(p, { synced: false, lastDiff: "", book });
      }
  }

  protected onOpen(ws: { send(text: string): void }, reconnect: boolean): void {
    ws.send(
      JSON.stringify({
        type: "subscribe",
        product_ids: this.o.productIds,
        channels: [...this.o.channels, "heartbeat"],
      }),
    );
    // A new subscription starts with a snapshot: diffs before it are superseded.
    for (const st of this.l2sync.values()) st.synced = false;
    if (reconnect) {
      for (const p of this.o.productIds) this.trades.catchUp(p);
      this.conn.wakeUp();
    }
  }

  protected onMessage(raw: string): void {
    if (raw.includes('"heartbeat"')) {
      const hb = coinbaseHeartbeat.safeParse(safeJson(raw));
      if (hb.success) {
        this.conn.ok();
        const p = hb.data.product_id;
        this.metrics.inc("messages", p, "heartbeat");
        this.announced.set(p, Math.max(this.announced.get(p) ?? 0, hb.data.last_trade_id));
        const last = this.trades.last(p);
        // Trades announced but never received (missed at the tail): catch up once the buffer is drained.
        if (last !== undefined && hb.data.last_trade_id > last && this.buffered === 0) {
          this.trades.catchUp(p);
          this.conn.wakeUp();
        }
        return;
      }
    }
    const before = this.parser.stats.malformed;
    const ev = this.parser.parse(raw);
    if (ev === null) {
      if (this.parser.stats.malformed > before) {
        this.metrics.inc("malformed", this.o.productIds[0]!);
        if (this.l2) this.onMalformedBook(raw);
      }
      return;
    }
    this.conn.ok();
    this.metrics.inc("messages", ev.symbol, ev.kind);
    if (ev.kind === "book" && !this.onBook(ev, raw)) return;
    if (this.conn.push(ev, ev.symbol, ev.kind)) return;
    // Dropped by the buffer (policy drop): trades are caught up over REST; the consumer's book is wrong until a
    // new snapshot.
    if (ev.kind === "trade") this.trades.catchUp(ev.symbol);
    if (ev.kind === "book") this.resubscribe(ev.symbol);
  }

  /**
   * Applies a level-2 event to the local book, in socket order. Returns whether to pass it on to the consumer.
   */
  private onBook(ev: NormalizedBookDelta, raw: string): boolean {
    const st = this.l2sync.get(ev.symbol);
    if (!st) return false; // no level-2 subscription for it
    if (ev.snapshot) {
      st.book.reset(ev.bids, ev.asks);
      st.synced = true;
      st.lastDiff = "";
      this.metrics.inc("book_resyncs", ev.symbol);
      return true;
    }
    if (!st.synced) {
      this.metrics.inc("book_diffs_dropped", ev.symbol);
      return false;
    }
    if (raw === st.lastDiff) {
      this.metrics.inc("duplicates", ev.symbol, "book");
      return false;
    }
    st.lastDiff = raw;
    st.book.apply(ev.bids, ev.asks);
    if (st.book.crossed()) {
      // Impossible on the venue: an earlier update was lost. The consumer gets a fresh snapshot instead.
      this.resubscribe(ev.symbol);
      return false;
    }
    return true;
  }

  /** A malformed frame may have been a level-2 update: rebuild the books it may belong to. */
  private onMalformedBook(raw: string): void {
    const json = safeJson(raw);
    let products = this.o.productIds; // not JSON: its channel and product are unknown
    if (json !== null && typeof json === "object") {
      const { type, product_id } = json as { type?: unknown; product_id?: unknown };
      if (type !== "l2update" && type !== "snapshot") return;
      if (typeof product_id === "string" && this.l2sync.has(product_id)) products = [product_id];
    }
    for (const p of products) if (this.l2sync.get(p)?.synced) this.resubscribe(p);
  }

  /** Marks a product's book as needing a snapshot and asks for one: unsubscribe + subscribe of its level-2 channel. */
  private resubscribe(product: string): void {
    const st = this.l2sync.get(product);
    if (!st || !this.l2) return;
    this.metrics.inc("book_gaps", product);
    st.synced = false;
    // Without an open socket, the reconnect's subscription brings the snapshot.
    for (const type of ["unsubscribe", "subscribe"])
      this.conn.send(JSON.stringify({ type, product_ids: [product], channels: [this.l2] }));
  }

  /**
   * Fetches the aggregated level-2 book over REST (`GET /products/<id>/book?level=2`) as a `book` snapshot event
   * whose `lastUpdateId` is the book's `sequence`. Not used by the stream's recovery (level-2 messages carry no
   * sequence to align it with); useful to seed or audit a book.
   * @param product - product id (`BTC-USD`).
   * @example
   * (await feed.fetchBook("BTC-USD")).bids[0] // → [20377, 1.77]
   * @see https://docs.cdp.coinbase.com/api-reference/exchange-api/rest-api/products/get-product-book
   */
  async fetchBook(product: string): Promise<NormalizedBookDelta> {
    const body = await this.conn.getJson(`${this.o.restUrl}/products/${product}/book?level=2`);
    return normalizeCoinbaseRestBook(parseWith(coinbaseRestBook, body, "book response"), product);
  }

  /**
   * Fetches trades `from…to` (to = ∞: up to the newest) over REST. Coinbase pages newest first (`after` = ids
   * below it), so the pages are collected backwards, checked to be contiguous, and yielded in id order.
   */
  protected async *backfill(product: string, from: number, to: number): AsyncGenerator<FeedEvent> {
    const got: z.output<typeof coinbaseRestTrade>[] = [];
    let after = to === Number.POSITIVE_INFINITY ? undefined : to + 1;
    for (let page = 0; ; page++) {
      const url = `${this.o.restUrl}/products/${product}/trades?limit=${this.o.restLimit}${after !== undefined ? `&after=${after}` : ""}`;
      const rows = parseWith(z.array(coinbaseRestTrade), await this.conn.getJson(url), "trades response");
      let oldest = Number.POSITIVE_INFINITY;
      for (const r of rows) {
        oldest = Math.min(oldest, r.trade_id);
        if (r.trade_id >= from && r.trade_id <= to) got.push(r);
      }
      if (rows.length < this.o.restLimit || oldest <= from) break;
      if (page > 10_000) throw new FeedRecoveryError(`backfill of ${product}: no end after ${page} pages`);
      after = oldest;
    }
    got.sort((a, b) => a.trade_id - b.trade_id);
    let next = from;
    for (const r of got) {
      if (r.trade_id < next) continue; // overlapping pages
      if (r.trade_id !== next)
        throw new FeedRecoveryError(`backfill of ${product}: expected trade id ${next}, got ${r.trade_id}`);
      next++;
      this.trades.backfilled(product, r.trade_id);
      yield normalizeCoinbaseRestTrade(r, product);
    }
    if (to !== Number.POSITIVE_INFINITY && next <= to)
      throw new FeedRecoveryError(`backfill of ${product}: trades ${next}…${to} not available over REST`);
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
