import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Clock, parseWith, WallClock } from "@quantkit/core";
import { type WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import type { SourceTrade } from "./replayData.js";

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
]);

/**
 * A fault of the fake Coinbase (same meaning as the fake Binance's {@link Fault}, without book faults):
 * `disconnect`, `malformed` (count), `gap` (skip `count` matches on the WebSocket; still on REST), `duplicate`
 * (send the next `count` matches twice), `stall` (send nothing, heartbeats included, for `ms`), `burst` (publish
 * `count` trades at once).
 */
export type CoinbaseFault = z.infer<typeof coinbaseFaultSchema>;

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
}

interface Client {
  readonly ws: WebSocket;
  readonly channels: Set<string>;
}

/**
 * A local fake of the Coinbase Exchange market-data WebSocket feed and REST API on 127.0.0.1 (free port),
 * replaying real trades as `match` messages (Coinbase wire format: `side` is the **maker's** side, times ISO-8601
 * with µs, a per-product `sequence`) with a `heartbeat` channel (`last_trade_id`), and injecting faults on command
 * or at scheduled points ({@link FakeCoinbase.schedule}). The replayed trades are the real Binance BTCUSDT trades
 * of `test-data/` relabelled as the product (no Coinbase trade file is available here).
 *
 * Endpoints: WebSocket `/` with `{"type":"subscribe","product_ids":["BTC-USD"],"channels":["matches","heartbeat"]}`
 * (answered by a `subscriptions` message); `GET /products/<id>/trades?after&limit` (newest first, trade ids
 * `< after`, `limit ≤ 1000`, published trades only, `cb-after` header = the oldest id returned), `POST /fake/fault`.
 *
 * @example
 * const ex = await FakeCoinbase.start(loadTardisTrades(csv), { heartbeatMs: 50 });
 * ex.wsUrl // → "ws://127.0.0.1:40125/"
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels
 */
export class FakeCoinbase {
  readonly productId: string;
  readonly stats = {
    connections: 0,
    tradesSent: 0,
    tradesSkipped: 0,
    duplicatesSent: 0,
    malformedSent: 0,
    restRequests: 0,
    heartbeats: 0,
  };
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<Client>();
  private readonly trades: readonly SourceTrade[];
  private readonly clock: Clock;
  private readonly perTick: number;
  private readonly tickMs: number;
  private readonly heartbeatMs: number;
  private readonly scheduled: { at: number; fault: CoinbaseFault }[] = [];
  private cursor = 0;
  private sequence = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly beat: NodeJS.Timeout;
  private skip = 0;
  private dup = 0;
  private stalledUntil = Number.NEGATIVE_INFINITY;
  private port = 0;

  private constructor(trades: readonly SourceTrade[], options: FakeCoinbaseOptions, clock: Clock) {
    const o = parseWith(fakeCoinbaseOptions, options, "FakeCoinbase options");
    this.productId = o.productId ?? "BTC-USD";
    this.perTick = o.tradesPerTick ?? 50;
    this.tickMs = o.tickMs ?? 5;
    this.heartbeatMs = o.heartbeatMs ?? 1000;
    this.trades = trades;
    this.clock = clock;
    this.server = createServer((req, res) => {
      this.rest(req, res);
    });
    this.wss = new WebSocketServer({ server: this.server, path: "/" });
    this.wss.on("connection", (ws) => this.connect(ws));
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
    await new Promise<void>((resolve, reject) => {
      ex.server.once("error", reject);
      ex.server.listen(0, "127.0.0.1", () => resolve());
    });
    ex.port = (ex.server.address() as AddressInfo).port;
    return ex;
  }

  /** WebSocket URL (`ws://127.0.0.1:<port>/`). */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  /** REST base URL (`http://127.0.0.1:<port>`). */
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Trades published so far. */
  get published(): number {
    return this.cursor;
  }

  /** Currently connected sockets. */
  get connected(): number {
    return this.clients.size;
  }

  /** Starts (or resumes) the replay. */
  play(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(this.perTick), this.tickMs);
  }

  /** Pauses the replay. */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Schedules faults just before the trade with index `at` is published (exact, whatever the machine's load).
   * @param faults - `{ at, fault }` pairs.
   * @example
   * ex.schedule([{ at: 100, fault: { kind: "gap", count: 7 } }])
   */
  schedule(faults: readonly { at: number; fault: CoinbaseFault }[]): void {
    for (const f of faults)
      this.scheduled.push({ at: f.at, fault: parseWith(coinbaseFaultSchema, f.fault, "fault") });
    this.scheduled.sort((a, b) => a.at - b.at);
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
          this.broadcast(
            "matches",
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
        break;
      case "stall":
        this.stalledUntil = this.clock.now() + v.ms;
        break;
      case "burst":
        this.tick(v.count);
        break;
    }
  }

  /** Stops the replay and heartbeats, closes every socket and the servers. */
  async close(): Promise<void> {
    this.pause();
    clearInterval(this.beat);
    for (const c of this.clients) c.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private stalled(): boolean {
    return this.clock.now() < this.stalledUntil;
  }

  private connect(ws: WebSocket): void {
    this.stats.connections++;
    const client: Client = { ws, channels: new Set() };
    this.clients.add(client);
    ws.on("close", () => this.clients.delete(client));
    ws.on("error", () => this.clients.delete(client));
    ws.on("message", (data) => {
      let msg: { type?: unknown; product_ids?: unknown; channels?: unknown };
      try {
        msg = JSON.parse(String(data));
      } catch {
        ws.send(JSON.stringify({ type: "error", message: "Failed to parse", reason: "invalid JSON" }));
        return;
      }
      const ok =
        msg.type === "subscribe" &&
        Array.isArray(msg.product_ids) &&
        msg.product_ids.includes(this.productId) &&
        Array.isArray(msg.channels);
      if (!ok) {
        ws.send(
          JSON.stringify({ type: "error", message: "Failed to subscribe", reason: "bad subscribe message" }),
        );
        return;
      }
      for (const c of msg.channels as unknown[]) client.channels.add(String(c));
      ws.send(
        JSON.stringify({
          type: "subscriptions",
          channels: [...client.channels].map((name) => ({ name, product_ids: [this.productId] })),
        }),
      );
    });
  }

  private broadcast(channel: "matches" | "heartbeat", text: string): void {
    if (this.stalled()) return;
    for (const c of this.clients) if (c.channels.has(channel) && c.ws.readyState === 1) c.ws.send(text);
  }

  private heartbeat(): void {
    if (this.stalled() || this.clients.size === 0) return;
    const last = this.cursor > 0 ? this.trades[this.cursor - 1]!.id : 0;
    this.broadcast(
      "heartbeat",
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

  private tick(count: number): void {
    const end = Math.min(this.trades.length, this.cursor + count);
    for (; this.cursor < end; this.cursor++) {
      while (this.scheduled.length > 0 && this.scheduled[0]!.at <= this.cursor)
        this.fault(this.scheduled.shift()!.fault);
      const t = this.trades[this.cursor]!;
      this.sequence++;
      if (this.skip > 0) {
        this.skip--;
        this.stats.tradesSkipped++;
        continue;
      }
      const text = matchText(t, this.productId, this.sequence);
      this.broadcast("matches", text);
      this.stats.tradesSent++;
      if (this.dup > 0) {
        this.dup--;
        this.broadcast("matches", text);
        this.stats.duplicatesSent++;
      }
    }
    if (this.cursor >= this.trades.length) this.pause();
  }

  private rest(req: IncomingMessage, res: ServerResponse): boolean {
    this.stats.restRequests++;
    const url = new URL(req.url ?? "/", this.restUrl);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): boolean => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
      return true;
    };
    if (req.method === "POST" && url.pathname === "/fake/fault") {
      let body = "";
      req.on("data", (c) => {
        body += String(c);
      });
      req.on("end", () => {
        try {
          this.fault(JSON.parse(body) as CoinbaseFault);
          json(200, { ok: true });
        } catch (e) {
          json(400, { message: (e as Error).message });
        }
      });
      return true;
    }
    if (req.method !== "GET") return json(405, { message: "method not allowed" });
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

function matchText(t: SourceTrade, productId: string, sequence: number): string {
  // Source side is the aggressor's; Coinbase's `side` is the maker's, the opposite.
  return `{"type":"match","trade_id":${t.id},"maker_order_id":"m${t.id}","taker_order_id":"t${t.id}","side":"${t.side === 1 ? "sell" : "buy"}","size":"${t.sizeText}","price":"${t.priceText}","product_id":"${productId}","sequence":${sequence},"time":"${isoMicros(t.ts)}"}`;
}
