import type { IncomingMessage, ServerResponse } from "node:http";
import { type Clock, parseWith, WallClock } from "@quantkit/core";
import type { WebSocket } from "ws";
import { z } from "zod";
import { OrderBook } from "../book/orderBook.js";
import { bookUpdateDue } from "./bookUpdateDue.js";
import { FakeVenue } from "./fakeVenue.js";
import { receiveFault } from "./receiveFault.js";
import type { DepthReplay, SourceTrade } from "./replayData.js";
import { replyJson } from "./replyJson.js";

/**
 * zod schema of a {@link CoinbaseFault} (also the JSON body of `POST /fake/fault`).
 * @example
 * coinbaseFaultSchema.parse({ kind: "gap", count: 5 }) // → { kind: "gap", count: 5 }
 */
export const coinbaseFaultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("disconnect") }).strict(),
  z.object({ kind: z.literal("malformed"), count: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("gap"), count: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("duplicate"), count: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("stall"), ms: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("burst"), count: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("bookGap") }).strict(),
]);

/**
 * A fault of the fake Coinbase (same meaning as the fake Binance's {@link Fault}): `disconnect`, `malformed`
 * (count; with a book, every third one is a schema-invalid `l2update`), `gap` (skip `count` matches on the
 * WebSocket; still on REST), `duplicate` (send the next `count` matches and the next `count` l2updates twice),
 * `stall` (the connections open now send nothing, heartbeats and replies included, for `ms`; connections opened
 * later are served: a stalled connection, not a venue outage), `burst` (publish `count` trades at once), `bookGap` (skip
 * the next `l2update` on the WebSocket; the fake's own book still applies it).
 */
export type CoinbaseFault = z.infer<typeof coinbaseFaultSchema>;

const textLevel = z.tuple([
  z.string().regex(/^\d+(\.\d+)?$/, "expected a decimal price"),
  z.string().regex(/^\d+(\.\d+)?$/, "expected a decimal size"),
]);

/**
 * zod schema of the book a fake venue replays: a snapshot and updates (`b`/`a` levels as decimal text, `ts` UTC
 * epoch ms). A {@link DepthReplay} (`loadDepthReplay`) is one.
 * @example
 * bookReplay.safeParse({ snapshot: { bids: [["1.5", "2"]], asks: [] }, updates: [] }).success // → true
 */
export const bookReplay = z.object({
  snapshot: z.object({ bids: z.array(textLevel), asks: z.array(textLevel) }),
  updates: z.array(z.object({ ts: z.number(), b: z.array(textLevel), a: z.array(textLevel) })),
});

/** A book replay ({@link bookReplay}); {@link DepthReplay} is one. */
export type BookReplay = z.infer<typeof bookReplay>;

/**
 * zod schema of {@link FakeCoinbaseOptions}.
 * @example
 * fakeCoinbaseOptions.safeParse({ heartbeatMs: 0 }).success // → false
 */
export const fakeCoinbaseOptions = z
  .object({
    productId: z.string().min(1).optional(),
    tradesPerTick: z.number().int().positive().optional(),
    tickMs: z.number().min(0).optional(),
    heartbeatMs: z.number().positive().optional(),
    depth: bookReplay.nullable().optional(),
  })
  .strict();

/** Options of {@link FakeCoinbase.start}. */
export interface FakeCoinbaseOptions {
  /** Product served. @default "BTC-USD" */
  productId?: string;
  /** Trades published per replay tick. @default 50 */
  tradesPerTick?: number;
  /** Milliseconds between replay ticks. @default 5 */
  tickMs?: number;
  /** Heartbeat period of the `heartbeat` channel (Coinbase: 1000). @default 1000 */
  heartbeatMs?: number;
  /**
   * Book served on the `level2` / `level2_batch` channels and `GET /products/<id>/book`: its snapshot is the
   * initial book, each update one `l2update` (spread evenly over the trades; size 0 removes). Prices and sizes
   * are sent as written. @default null (no book)
   */
  depth?: BookReplay | null;
}

interface Client {
  readonly ws: WebSocket;
  readonly channels: Set<string>;
  /** The connection sends nothing before this time (a `stall`). */
  stalledUntil: number;
}

/**
 * A local fake of the Coinbase Exchange market-data WebSocket feed and REST API on 127.0.0.1 (free port),
 * replaying real trades as `match` messages (Coinbase wire format: `side` is the **maker's** side, times ISO-8601
 * with µs, a per-product `sequence`) with a `heartbeat` channel (`last_trade_id`), and injecting faults on command
 * or at scheduled points ({@link FakeCoinbase.schedule}). The replayed trades are the real Binance BTCUSDT trades
 * of `test-data/` relabelled as the product (no Coinbase trade file is available here).
 *
 * With `depth`, it also serves the level-2 book built from the real depth files (`loadDepthReplay`): a
 * (re)subscription to `level2` or `level2_batch` is answered with a `snapshot` of the current book, then each book
 * update is an `l2update` (`changes: [side, price, size]`, side `buy` = bid, `time` the update's time).
 *
 * Endpoints: WebSocket `/` with `{"type":"subscribe","product_ids":["BTC-USD"],"channels":["matches","heartbeat"]}`
 * (channels as names or `{ name, product_ids }`; `unsubscribe` likewise; answered by a `subscriptions` message);
 * `GET /products/<id>/trades?after&limit` (newest first, trade ids `< after`, `limit ≤ 1000`, published trades only,
 * `cb-after` header = the oldest id returned); the `ticker` channel (after each match: its price and the book's
 * best bid/ask with sizes while both sides are non-empty, or the trade price on both sides without a book); `GET /products/<id>/book?level=1|2` (`[price, size, num-orders]`
 * levels, num-orders 1, with the fake's `sequence`); `POST /fake/fault`.
 *
 * @example
 * const ex = await FakeCoinbase.start(loadTardisTrades(csv), { heartbeatMs: 50 });
 * ex.wsUrl // → "ws://127.0.0.1:40125/"
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels
 */
export class FakeCoinbase extends FakeVenue<CoinbaseFault, Client> {
  readonly productId: string;
  /** The fake's current book (what a snapshot sends now). */
  readonly book = new OrderBook();
  readonly stats = {
    l2updatesSent: 0,
    l2updatesSkipped: 0,
    snapshotsSent: 0,
    tickersSent: 0,
    connections: 0,
    tradesSent: 0,
    tradesSkipped: 0,
    duplicatesSent: 0,
    malformedSent: 0,
    restRequests: 0,
    heartbeats: 0,
  };
  private readonly heartbeatMs: number;
  private sequence = 0;
  private readonly beat: NodeJS.Timeout;
  private skip = 0;
  private dup = 0;
  private readonly depth: BookReplay | null;
  /** Book levels as text (price → [price, size] as sent), bids and asks. */
  private readonly bidText = new Map<number, readonly [string, string]>();
  private readonly askText = new Map<number, readonly [string, string]>();
  private depthCursor = 0;
  private skipDepth = 0;
  private dupDepth = 0;

  private constructor(trades: readonly SourceTrade[], options: FakeCoinbaseOptions, clock: Clock) {
    const o = parseWith(fakeCoinbaseOptions, options, "FakeCoinbase options");
    const pace = { tradesPerTick: o.tradesPerTick ?? 50, tickMs: o.tickMs ?? 5 };
    super(trades, clock, pace, coinbaseFaultSchema, { path: "/" });
    this.productId = o.productId ?? "BTC-USD";
    this.heartbeatMs = o.heartbeatMs ?? 1000;
    this.depth = o.depth ?? null;
    if (this.depth) this.applyLevels(this.depth.snapshot.bids, this.depth.snapshot.asks);
    this.beat = setInterval(() => this.heartbeat(), this.heartbeatMs);
  }

  /**
   * Starts the servers (nothing is replayed until {@link FakeCoinbase.play}).
   * @param trades - trades to replay, in id order (their ids become Coinbase `trade_id`s).
   * @param options - {@link FakeCoinbaseOptions}.
   * @param clock - heartbeat times and stalls. @default WallClock
   */
  static async start(
    trades: readonly SourceTrade[],
    options: FakeCoinbaseOptions = {},
    clock: Clock = new WallClock(),
  ): Promise<FakeCoinbase> {
    const ex = new FakeCoinbase(trades, options, clock);
    await ex.listen();
    return ex;
  }

  /** Book updates published so far (of `depth.updates`). */
  get depthPublished(): number {
    return this.depthCursor;
  }

  /** Sockets subscribed to `channel` (e.g. `"matches"`, `"level2_batch"`). */
  subscribers(channel: string): number {
    let n = 0;
    for (const c of this.clients) if (c.channels.has(channel)) n++;
    return n;
  }

  /**
   * Injects a fault now.
   * @param f - the fault (validated).
   * @example
   * ex.fault({ kind: "duplicate", count: 3 })
   */
  fault(f: CoinbaseFault): void {
    const v = parseWith(coinbaseFaultSchema, f, "fault");
    switch (v.kind) {
      case "disconnect":
        for (const c of this.clients) c.ws.terminate();
        break;
      case "malformed":
        for (let i = 0; i < v.count; i++) {
          if (this.depth && i % 3 === 2)
            this.broadcast(
              L2,
              `{"type":"l2update","product_id":"${this.productId}","changes":[["buy","x","1"]],"time":"${isoMicros(this.clock.now())}"}`,
            );
          else
            this.broadcast(
              MATCHES,
              i % 2 === 0
                ? '{"type":"match","trade_id":'
                : `{"type":"match","trade_id":1,"sequence":1,"maker_order_id":"m","taker_order_id":"t","time":"yesterday","product_id":"${this.productId}","size":"1","price":"x","side":"buy"}`,
            );
          this.stats.malformedSent++;
        }
        break;
      case "gap":
        this.skip += v.count;
        break;
      case "duplicate":
        this.dup += v.count;
        if (this.depth) this.dupDepth += v.count;
        break;
      case "stall":
        for (const c of this.clients) c.stalledUntil = this.clock.now() + v.ms;
        break;
      case "burst":
        this.tick(v.count);
        break;
      case "bookGap":
        this.skipDepth++;
        break;
    }
  }

  /** Stops the replay and heartbeats, closes every socket and the servers. */
  override async close(): Promise<void> {
    clearInterval(this.beat);
    await super.close();
  }

  private stalled(c: Client): boolean {
    return this.clock.now() < c.stalledUntil;
  }

  protected connect(ws: WebSocket): void {
    this.stats.connections++;
    const client: Client = { ws, channels: new Set(), stalledUntil: Number.NEGATIVE_INFINITY };
    this.track(client);
    ws.on("message", (data) => {
      if (this.stalled(client)) return; // a stalled connection answers nothing
      let msg: { type?: unknown; product_ids?: unknown; channels?: unknown };
      try {
        msg = JSON.parse(String(data));
      } catch {
        ws.send(JSON.stringify({ type: "error", message: "Failed to parse", reason: "invalid JSON" }));
        return;
      }
      const ok =
        (msg.type === "subscribe" || msg.type === "unsubscribe") &&
        Array.isArray(msg.product_ids) &&
        msg.product_ids.includes(this.productId) &&
        Array.isArray(msg.channels);
      if (!ok) {
        ws.send(
          JSON.stringify({ type: "error", message: "Failed to subscribe", reason: "bad subscribe message" }),
        );
        return;
      }
      // Channels are names or { name, product_ids } objects (both documented).
      const names = (msg.channels as unknown[]).map((c) =>
        typeof c === "object" && c !== null && "name" in c ? String(c.name) : String(c),
      );
      const fresh = names.filter((n) => msg.type === "subscribe" && !client.channels.has(n));
      for (const n of names) msg.type === "subscribe" ? client.channels.add(n) : client.channels.delete(n);
      ws.send(
        JSON.stringify({
          type: "subscriptions",
          channels: [...client.channels].map((name) => ({ name, product_ids: [this.productId] })),
        }),
      );
      // A (re)subscription to a level-2 channel starts with a snapshot of the whole book.
      if (this.depth && fresh.some((n) => L2.includes(n))) {
        ws.send(this.snapshotText());
        this.stats.snapshotsSent++;
      }
    });
  }

  private broadcast(channels: readonly string[], text: string): void {
    for (const c of this.clients)
      if (c.ws.readyState === 1 && channels.some((ch) => c.channels.has(ch)) && !this.stalled(c))
        c.ws.send(text);
  }

  private applyLevels(
    bids: readonly (readonly [string, string])[],
    asks: readonly (readonly [string, string])[],
  ) {
    const put = (m: Map<number, readonly [string, string]>, l: readonly [string, string]) => {
      const p = Number(l[0]);
      Number(l[1]) === 0 ? m.delete(p) : m.set(p, l);
    };
    for (const l of bids) put(this.bidText, l);
    for (const l of asks) put(this.askText, l);
    const num = (ls: readonly (readonly [string, string])[]) =>
      ls.map(([p, q]) => [Number(p), Number(q)] as const);
    this.book.apply(num(bids), num(asks));
  }

  private sortedText(): { bids: (readonly [string, string])[]; asks: (readonly [string, string])[] } {
    return {
      bids: [...this.bidText].sort((x, y) => y[0] - x[0]).map((e) => e[1]),
      asks: [...this.askText].sort((x, y) => x[0] - y[0]).map((e) => e[1]),
    };
  }

  private snapshotText(): string {
    const { bids, asks } = this.sortedText();
    return JSON.stringify({ type: "snapshot", product_id: this.productId, bids, asks });
  }

  /**
   * A `ticker` after a match: its price and the book's best bid/ask (the trade price on both sides when there is no
   * book; none while one side of the book is empty).
   */
  private ticker(t: SourceTrade): void {
    const bb = this.bidText.get(this.book.bestBid());
    const ba = this.askText.get(this.book.bestAsk());
    if (this.depth && (!bb || !ba)) return;
    this.broadcast(
      TICKER,
      JSON.stringify({
        type: "ticker",
        sequence: this.sequence,
        product_id: this.productId,
        price: t.priceText,
        best_bid: bb?.[0] ?? t.priceText,
        best_bid_size: bb?.[1] ?? "0",
        best_ask: ba?.[0] ?? t.priceText,
        best_ask_size: ba?.[1] ?? "0",
        side: t.side === 1 ? "sell" : "buy",
        time: isoMicros(t.ts),
        trade_id: t.id,
        last_size: t.sizeText,
      }),
    );
    this.stats.tickersSent++;
  }

  private publishDepth(): void {
    const u = this.depth!.updates[this.depthCursor++]!;
    this.applyLevels(u.b, u.a);
    this.sequence++;
    if (this.skipDepth > 0) {
      this.skipDepth--;
      this.stats.l2updatesSkipped++;
      return;
    }
    const changes = [...u.b.map(([p, q]) => ["buy", p, q]), ...u.a.map(([p, q]) => ["sell", p, q])];
    const text = JSON.stringify({
      type: "l2update",
      product_id: this.productId,
      changes,
      time: isoMicros(u.ts),
    });
    this.broadcast(L2, text);
    this.stats.l2updatesSent++;
    if (this.dupDepth > 0) {
      this.dupDepth--;
      this.broadcast(L2, text);
      this.stats.duplicatesSent++;
    }
  }

  private heartbeat(): void {
    if (this.clients.size === 0) return;
    const last = this.cursor > 0 ? this.trades[this.cursor - 1]!.id : 0;
    this.broadcast(
      HEARTBEAT,
      JSON.stringify({
        type: "heartbeat",
        sequence: this.sequence,
        last_trade_id: last,
        product_id: this.productId,
        time: isoMicros(this.clock.now()),
      }),
    );
    this.stats.heartbeats++;
  }

  protected tick(count: number): void {
    const n = this.trades.length;
    const nDepth = this.depth?.updates.length ?? 0;
    const end = Math.min(n, this.cursor + count);
    for (; this.cursor < end; this.cursor++) {
      this.scheduled.fire(this.cursor, this.inject);
      // Book updates are spread evenly over the trades (all of them before the last trade).
      while (bookUpdateDue(this.depthCursor, nDepth, this.cursor, n)) this.publishDepth();
      const t = this.trades[this.cursor]!;
      this.sequence++;
      if (this.skip > 0) {
        this.skip--;
        this.stats.tradesSkipped++;
        continue;
      }
      const text = matchText(t, this.productId, this.sequence);
      this.broadcast(MATCHES, text);
      this.stats.tradesSent++;
      if (this.dup > 0) {
        this.dup--;
        this.broadcast(MATCHES, text);
        this.stats.duplicatesSent++;
      }
      if (this.subscribers("ticker") > 0) this.ticker(t);
    }
    if (this.cursor >= n) {
      while (this.depthCursor < nDepth) this.publishDepth();
      this.pause();
    }
  }

  protected rest(req: IncomingMessage, res: ServerResponse): boolean {
    this.stats.restRequests++;
    const url = new URL(req.url ?? "/", this.restUrl);
    const json = (status: number, body: unknown, headers?: Record<string, string>) =>
      replyJson(res, status, body, headers);
    if (req.method === "POST" && url.pathname === "/fake/fault") {
      receiveFault(
        req,
        res,
        (f) => this.fault(f as CoinbaseFault),
        (message) => ({ message }),
      );
      return true;
    }
    if (req.method !== "GET") return json(405, { message: "method not allowed" });
    const b = /^\/products\/([^/]+)\/book$/.exec(url.pathname);
    if (b && this.depth && decodeURIComponent(b[1]!) === this.productId) {
      const level = url.searchParams.get("level") ?? "1";
      if (level !== "1" && level !== "2")
        return json(400, { message: "Invalid level: the fake serves levels 1 and 2" });
      const { bids, asks } = this.sortedText();
      const rows = (ls: (readonly [string, string])[]) =>
        (level === "1" ? ls.slice(0, 1) : ls).map(([p, q]) => [p, q, 1]);
      return json(200, {
        bids: rows(bids),
        asks: rows(asks),
        sequence: this.sequence,
        auction_mode: false,
        auction: null,
        time: isoMicros(this.clock.now()),
      });
    }
    const m = /^\/products\/([^/]+)\/trades$/.exec(url.pathname);
    if (!m) return json(404, { message: "NotFound" });
    if (decodeURIComponent(m[1]!) !== this.productId) return json(404, { message: "NotFound" });
    const limit = Number(url.searchParams.get("limit") ?? 100);
    const afterText = url.searchParams.get("after");
    const after = afterText === null ? Number.POSITIVE_INFINITY : Number(afterText);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 1000) || !(after > 0))
      return json(400, { message: "Invalid limit or after" });
    const first = this.trades[0]?.id ?? 0;
    const out: unknown[] = [];
    // Newest first, ids < after, published trades only (what a real venue has by now).
    const top = Math.min(this.cursor, after === Number.POSITIVE_INFINITY ? this.cursor : after - first);
    for (let i = top - 1; i >= 0 && out.length < limit; i--) {
      const t = this.trades[i]!;
      out.push({
        time: isoMicros(t.ts),
        trade_id: t.id,
        price: t.priceText,
        size: t.sizeText,
        side: t.side === 1 ? "sell" : "buy",
      });
    }
    const oldest = out.length > 0 ? String((out[out.length - 1] as { trade_id: number }).trade_id) : "";
    return json(200, out, oldest ? { "cb-after": oldest } : {});
  }
}

/**
 * Formats epoch ms (fractions = µs) as Coinbase prints times: ISO-8601 UTC with 6 fractional digits.
 * @param ms - UTC epoch ms.
 * @example
 * isoMicros(1000.5) // → "1970-01-01T00:00:01.000500Z"
 */
export function isoMicros(ms: number): string {
  let whole = Math.floor(ms);
  let micros = Math.round((ms - whole) * 1000);
  if (micros === 1000) {
    whole++;
    micros = 0;
  }
  const iso = new Date(whole).toISOString(); // …T00:00:01.000Z
  return `${iso.slice(0, 23)}${String(micros).padStart(3, "0")}Z`;
}

const MATCHES = ["matches"] as const;
const HEARTBEAT = ["heartbeat"] as const;
const TICKER = ["ticker"] as const;
const L2: readonly string[] = ["level2", "level2_batch"];

function matchText(t: SourceTrade, productId: string, sequence: number): string {
  // Source side is the aggressor's; Coinbase's `side` is the maker's, the opposite.
  return `{"type":"match","trade_id":${t.id},"maker_order_id":"m${t.id}","taker_order_id":"t${t.id}","side":"${t.side === 1 ? "sell" : "buy"}","size":"${t.sizeText}","price":"${t.priceText}","product_id":"${productId}","sequence":${sequence},"time":"${isoMicros(t.ts)}"}`;
}
