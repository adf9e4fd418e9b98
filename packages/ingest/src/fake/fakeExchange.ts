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
 * zod schema of a {@link Fault} (also the JSON body of `POST /fake/fault`).
 * @example
 * faultSchema.parse({ kind: "gap", count: 5 }) // → { kind: "gap", count: 5 }
 */
export const faultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("disconnect") }).strict(),
  z.object({ kind: z.literal("malformed"), count: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("gap"), count: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("duplicate"), count: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("stall"), ms: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal("bookGap") }).strict(),
  z.object({ kind: z.literal("burst"), count: z.number().int().positive() }).strict(),
]);

/**
 * A fault the fake exchange injects on command:
 * - `disconnect`: terminates every client socket now (the replay goes on: trades sent meanwhile are missed);
 * - `malformed`: sends `count` bad messages (alternately invalid JSON and a schema-invalid aggTrade);
 * - `gap`: skips the next `count` trades on the WebSocket (they stay available over REST);
 * - `duplicate`: sends each of the next `count` trades twice;
 * - `stall`: sends nothing and answers no ping for `ms` (a frozen connection; what it skips is lost);
 * - `bookGap`: skips the next depth diff (breaks the `pu` chain);
 * - `burst`: publishes the next `count` trades at once (a slow-consumer test).
 */
export type Fault = z.infer<typeof faultSchema>;

/**
 * zod schema of {@link FakeExchangeOptions}.
 * @example
 * fakeExchangeOptions.safeParse({ tradesPerTick: 0 }).success // → false
 */
export const fakeExchangeOptions = z
  .object({
    symbol: z.string().min(1).optional(),
    tradesPerTick: z.number().int().positive().optional(),
    tickMs: z.number().min(0).optional(),
    ratePerSec: z.number().positive().optional(),
  })
  .strict();

/** Options of {@link FakeExchange.start}. */
export interface FakeExchangeOptions {
  /** Symbol served. @default "BTCUSDT" */
  symbol?: string;
  /** Trades published per replay tick (speed = tradesPerTick / tickMs). @default 50 */
  tradesPerTick?: number;
  /** Milliseconds between replay ticks. @default 5 */
  tickMs?: number;
  /**
   * Paced replay: trades per second of the injected clock. Each tick then publishes every trade due since
   * `play()` (catching up when the timer fires late), instead of a fixed `tradesPerTick`, and the frames of one
   * tick leave in one socket write (corked). Default: unset (fixed `tradesPerTick` per tick).
   */
  ratePerSec?: number;
}

interface Client {
  readonly ws: WebSocket;
  readonly streams: Set<string>;
}

/**
 * A local fake of Binance USDT-M futures: a real WebSocket server (`ws`) and REST endpoints (node:http) on
 * 127.0.0.1 with a free port, replaying real trades (as `aggTrade`, Binance wire format) and depth diffs at a
 * chosen speed, with faults injected on command ({@link Fault}, also `POST /fake/fault`). Events carry the
 * exchange's event time `E` from the injected clock, so latency can be measured; trade times `T` are the source's.
 *
 * Endpoints: `GET /fapi/v1/aggTrades?symbol&fromId&limit` or `?symbol&startTime&endTime&limit` (published trades
 * only, limit ≤ 1000, a time window of at most one hour),
 * `GET /fapi/v1/depth?symbol` (current book with `lastUpdateId`), WebSocket `/ws` with
 * `{"method":"SUBSCRIBE","params":["btcusdt@aggTrade","btcusdt@depth"],"id":1}`.
 *
 * @example
 * const ex = await FakeExchange.start(loadTardisTrades(csv), depth, { tradesPerTick: 100 });
 * ex.wsUrl // → "ws://127.0.0.1:40123/ws"
 * ex.play(); ex.fault({ kind: "gap", count: 5 }); … await ex.close();
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 */
export class FakeExchange extends FakeVenue<Fault, Client> {
  readonly symbol: string;
  readonly book = new OrderBook();
  /** Counters of what was sent and injected. */
  readonly stats = {
    connections: 0,
    tradesSent: 0,
    tradesSkipped: 0,
    duplicatesSent: 0,
    malformedSent: 0,
    depthSent: 0,
    restRequests: 0,
  };
  private readonly depth: DepthReplay | null;
  private depthCursor = 0;
  private lastUpdateId = 0;
  private readonly rate: number | undefined;
  private playStart = 0;
  private playBase = 0;
  private skip = 0;
  private dup = 0;
  private skipDepth = 0;
  private stalledUntil = Number.NEGATIVE_INFINITY;

  private constructor(
    trades: readonly SourceTrade[],
    depth: DepthReplay | null,
    options: FakeExchangeOptions,
    clock: Clock,
  ) {
    const o = parseWith(fakeExchangeOptions, options, "FakeExchange options");
    const pace = { tradesPerTick: o.tradesPerTick ?? 50, tickMs: o.tickMs ?? 5 };
    super(trades, clock, pace, faultSchema, { path: "/ws", autoPong: false });
    this.symbol = o.symbol ?? "BTCUSDT";
    this.rate = o.ratePerSec;
    this.depth = depth;
    if (depth) {
      this.book.reset(
        depth.snapshot.bids.map(([p, q]) => [Number(p), Number(q)] as const),
        depth.snapshot.asks.map(([p, q]) => [Number(p), Number(q)] as const),
      );
      this.lastUpdateId = depth.snapshot.lastUpdateId;
    }
  }

  /**
   * Starts the servers on 127.0.0.1 with a free port (nothing is replayed until {@link FakeExchange.play}).
   *
   * @param trades - the trades to replay, in id order.
   * @param depth - depth snapshot and diffs, or null for none.
   * @param options - {@link FakeExchangeOptions}.
   * @param clock - source of the event times `E`. @default WallClock
   */
  static async start(
    trades: readonly SourceTrade[],
    depth: DepthReplay | null,
    options: FakeExchangeOptions = {},
    clock: Clock = new WallClock(),
  ): Promise<FakeExchange> {
    const ex = new FakeExchange(trades, depth, options, clock);
    await ex.listen();
    return ex;
  }

  /** True once every trade has been published. */
  get done(): boolean {
    return this.cursor >= this.trades.length;
  }

  /** Starts (or resumes) the replay; with `ratePerSec`, paced by the clock. */
  override play(): void {
    if (this.timer) return;
    const rate = this.rate;
    if (rate === undefined) {
      super.play();
      return;
    }
    this.playStart = this.clock.now();
    this.playBase = this.cursor;
    this.timer = setInterval(() => {
      const due =
        Math.floor(((this.clock.now() - this.playStart) * rate) / 1000) - (this.cursor - this.playBase);
      if (due > 0) this.tick(due);
    }, this.pace.tickMs);
  }

  /**
   * Injects a fault (validated by {@link faultSchema}).
   * @param f - the fault.
   * @example
   * ex.fault({ kind: "duplicate", count: 3 })
   */
  fault(f: Fault): void {
    const v = parseWith(faultSchema, f, "fault");
    switch (v.kind) {
      case "disconnect":
        for (const c of this.clients) c.ws.terminate();
        break;
      case "malformed":
        for (let i = 0; i < v.count; i++) {
          this.broadcast("aggTrade", i % 2 === 0 ? '{"e":"aggTrade","E":' : malformedTrade(this.symbol));
          this.stats.malformedSent++;
        }
        break;
      case "gap":
        this.skip += v.count;
        break;
      case "duplicate":
        this.dup += v.count;
        break;
      case "stall":
        this.stalledUntil = this.clock.now() + v.ms;
        break;
      case "bookGap":
        this.skipDepth++;
        break;
      case "burst":
        this.tick(v.count);
        break;
    }
  }

  private stalled(): boolean {
    return this.clock.now() < this.stalledUntil;
  }

  protected connect(ws: WebSocket): void {
    this.stats.connections++;
    const client: Client = { ws, streams: new Set() };
    this.track(client);
    ws.on("ping", (data) => {
      if (!this.stalled()) ws.pong(data);
    });
    ws.on("message", (data) => {
      let msg: { method?: unknown; params?: unknown; id?: unknown };
      try {
        msg = JSON.parse(String(data));
      } catch {
        ws.send(JSON.stringify({ code: 3, msg: "Invalid JSON" }));
        return;
      }
      if (msg.method === "SUBSCRIBE" && Array.isArray(msg.params)) {
        for (const p of msg.params) client.streams.add(String(p).replace(/@\d+ms$/, ""));
        ws.send(JSON.stringify({ result: null, id: msg.id ?? null }));
      } else ws.send(JSON.stringify({ code: 2, msg: "Invalid request", id: msg.id ?? null }));
    });
  }

  private broadcast(stream: "aggTrade" | "depth", text: string): void {
    if (this.stalled()) return;
    const name = `${this.symbol.toLowerCase()}@${stream}`;
    for (const c of this.clients) if (c.streams.has(name) && c.ws.readyState === 1) c.ws.send(text);
  }

  protected tick(count: number): void {
    // One socket write per tick: cork every client's TCP socket while the tick's frames are queued.
    const corked: { uncork(): void }[] = [];
    for (const c of this.clients) {
      const sock = (c.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
      if (sock) {
        sock.cork();
        corked.push(sock);
      }
    }
    try {
      this.publish(count);
    } finally {
      for (const s of corked) s.uncork();
    }
  }

  private publish(count: number): void {
    const n = this.trades.length;
    const end = Math.min(n, this.cursor + count);
    const nDepth = this.depth?.updates.length ?? 0;
    for (; this.cursor < end; this.cursor++) {
      this.scheduled.fire(this.cursor, this.inject);
      // Depth diffs are spread evenly over the trades.
      while (bookUpdateDue(this.depthCursor, nDepth, this.cursor, n)) this.publishDepth();
      const t = this.trades[this.cursor]!;
      if (this.skip > 0) {
        this.skip--;
        this.stats.tradesSkipped++;
        continue;
      }
      const text = aggTradeText(t, this.symbol, this.clock.now());
      this.broadcast("aggTrade", text);
      this.stats.tradesSent++;
      if (this.dup > 0) {
        this.dup--;
        this.broadcast("aggTrade", text);
        this.stats.duplicatesSent++;
      }
    }
    if (this.cursor >= n) {
      while (this.depthCursor < nDepth) this.publishDepth();
      this.pause();
    }
  }

  private publishDepth(): void {
    const u = this.depth!.updates[this.depthCursor++]!;
    this.book.apply(
      u.b.map(([p, q]) => [Number(p), Number(q)] as const),
      u.a.map(([p, q]) => [Number(p), Number(q)] as const),
    );
    this.lastUpdateId = u.u;
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const E = this.clock.now();
    this.broadcast(
      "depth",
      JSON.stringify({
        e: "depthUpdate",
        E,
        T: u.ts,
        s: this.symbol,
        U: u.U,
        u: u.u,
        pu: u.pu,
        b: u.b,
        a: u.a,
      }),
    );
    this.stats.depthSent++;
  }

  protected rest(req: IncomingMessage, res: ServerResponse): boolean {
    this.stats.restRequests++;
    const url = new URL(req.url ?? "/", this.restUrl);
    const json = (status: number, body: unknown) => replyJson(res, status, body);
    if (req.method === "POST" && url.pathname === "/fake/fault") {
      receiveFault(
        req,
        res,
        (f) => this.fault(f as Fault),
        (msg) => ({ code: -1100, msg }),
      );
      return true;
    }
    const symbol = url.searchParams.get("symbol");
    if (req.method !== "GET") return json(405, { code: -1000, msg: "method not allowed" });
    if (url.pathname !== "/fapi/v1/aggTrades" && url.pathname !== "/fapi/v1/depth")
      return json(404, { code: -1000, msg: `unknown endpoint ${url.pathname}` });
    if (symbol !== this.symbol) return json(400, { code: -1121, msg: "Invalid symbol." });
    if (url.pathname === "/fapi/v1/depth") {
      const { bids, asks } = this.book.levels();
      const E = this.clock.now();
      return json(200, {
        lastUpdateId: this.lastUpdateId,
        E,
        T: E,
        bids: bids.map(([p, q]) => [String(p), String(q)]),
        asks: asks.map(([p, q]) => [String(p), String(q)]),
      });
    }
    const limit = Number(url.searchParams.get("limit") ?? 500);
    const startTime = url.searchParams.get("startTime");
    const endTime = url.searchParams.get("endTime");
    const first = this.trades[0]?.id ?? 0;
    let from: number;
    let until = Number.POSITIVE_INFINITY;
    if (startTime !== null) {
      // Binance: by time when fromId is absent; both bounds inclusive, at most one hour apart
      const s = Number(startTime);
      const e = endTime === null ? s + 3_600_000 - 1 : Number(endTime);
      if (!Number.isSafeInteger(s) || !Number.isSafeInteger(e) || e < s || e - s >= 3_600_000)
        return json(400, { code: -1127, msg: "More than 1 hours between startTime and endTime." });
      from = this.trades.findIndex((t) => t.ts >= s);
      if (from < 0) from = this.trades.length;
      until = e;
    } else {
      const fromId = Number(url.searchParams.get("fromId"));
      if (!Number.isSafeInteger(fromId))
        return json(400, { code: -1100, msg: "Illegal characters found in parameter 'fromId' or 'limit'." });
      from = Math.max(0, fromId - first);
    }
    if (!(limit >= 1 && limit <= 1000 && Number.isInteger(limit)))
      return json(400, { code: -1100, msg: "Illegal characters found in parameter 'fromId' or 'limit'." });
    const out: unknown[] = [];
    for (let i = from; i < this.cursor && out.length < limit; i++) {
      const t = this.trades[i]!;
      if (t.ts > until) break;
      out.push({ a: t.id, p: t.priceText, q: t.sizeText, f: t.id, l: t.id, T: t.ts, m: t.side === -1 });
    }
    return json(200, out);
  }
}

function aggTradeText(t: SourceTrade, symbol: string, E: number): string {
  return `{"e":"aggTrade","E":${E},"s":"${symbol}","a":${t.id},"p":"${t.priceText}","q":"${t.sizeText}","f":${t.id},"l":${t.id},"T":${t.ts},"m":${t.side === -1}}`;
}

function malformedTrade(symbol: string): string {
  return `{"e":"aggTrade","E":1,"s":"${symbol}","a":1,"p":"not-a-price","q":"1","f":1,"l":1,"T":1,"m":false}`;
}
