import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { decode as msgpackDecode, encode as msgpackEncode } from "@msgpack/msgpack";
import { type Bars, type Clock, parseWith, WallClock } from "@quantkit/core";
import { type WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import { streamAction } from "../schemas/marketData.js";
import { alpacaOrderRequest, alpacaReplaceRequest } from "../schemas/order.js";
import { formatRfc3339Nanos } from "../schemas/primitives.js";
import type { TradeUpdate } from "../schemas/tradeUpdate.js";
import { tradingStreamAction } from "../schemas/tradeUpdate.js";
import { BarReplay, type ReplayStep } from "./barReplay.js";
import { FakeBroker, FakeBrokerError } from "./fakeBroker.js";
import { ReplayClock } from "./replayClock.js";

/** A fault the fake broker injects into matching REST requests. */
export type FakeFault =
  /** Answer with `status` (e.g. 500, 503) without processing the request. */
  | {
      readonly kind: "status";
      readonly status: number;
      readonly count: number;
      readonly method?: string;
      readonly path?: string;
    }
  /** Process the request, then destroy the socket before answering (the client sees a network error / timeout). */
  | {
      readonly kind: "drop-response";
      readonly count: number;
      readonly method?: string;
      readonly path?: string;
    }
  /** Wait `ms` before processing. */
  | {
      readonly kind: "delay";
      readonly ms: number;
      readonly count: number;
      readonly method?: string;
      readonly path?: string;
    };

const faultSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("status"),
    status: z.number().int().min(400).max(599),
    count: z.number().int().min(1),
    method: z.string().optional(),
    path: z.string().optional(),
  }),
  z.object({
    kind: z.literal("drop-response"),
    count: z.number().int().min(1),
    method: z.string().optional(),
    path: z.string().optional(),
  }),
  z.object({
    kind: z.literal("delay"),
    ms: z.number().min(0),
    count: z.number().int().min(1),
    method: z.string().optional(),
    path: z.string().optional(),
  }),
]);

/**
 * Options of {@link startFakeAlpaca}.
 *
 * @example
 * fakeAlpacaOptions.parse({ replay: [bars] }).rateLimit // → { perMinute: 200 }
 */
export const fakeAlpacaOptions = z.object({
  /** Port on 127.0.0.1; default 0 (any free port). */
  port: z.number().int().min(0).max(65535).default(0),
  /** Bars to replay (one {@link Bars} per symbol); these symbols are tradable. */
  replay: z.array(z.custom<Bars>((b) => typeof (b as Bars | undefined)?.symbol === "string")).min(1),
  /** Accepted credentials; default key id `"FAKEKEYID"`, secret `"FAKESECRET"`. */
  keyId: z.string().min(1).default("FAKEKEYID"),
  secretKey: z.string().min(1).default("FAKESECRET"),
  /** REST rate limit (token bucket): requests per minute and burst; `false` disables. Default 200/min. */
  rateLimit: z
    .union([
      z.literal(false),
      z.object({
        perMinute: z.number().positive(),
        burst: z.number().positive().optional(),
        /** Send `Retry-After` with a 429 (default true); false leaves only `X-RateLimit-Reset`. */
        retryAfter: z.boolean().optional(),
      }),
    ])
    .default({ perMinute: 200 }),
  /** Faults armed at start (more with `injectFault`). */
  faults: z.array(faultSchema).default([]),
  /** Starting cash (USD); default 100,000. */
  cash: z.number().positive().default(100_000),
  /** Fraction of each bar's volume available to our orders; default 0.1. */
  participation: z.number().positive().max(1).default(0.1),
  /** Bars published before the server starts answering (so prices exist); default 1. */
  warmupSteps: z.number().int().min(0).default(1),
  /** Seed of order/execution ids; default 1. */
  seed: z.number().int().default(1),
  /** Wall clock for the rate limiter and pacing; default WallClock. */
  wallClock: z.custom<Clock>((c) => typeof (c as Clock | undefined)?.now === "function").optional(),
});
/** Input form of the fake broker's options. */
export type FakeAlpacaOptions = z.input<typeof fakeAlpacaOptions>;

/** One REST request the fake broker saw (method, path without query, status answered). */
export interface FakeRequestLog {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** `client_order_id` of a `POST /v2/orders` body, if any. */
  readonly clientOrderId?: string;
}

/** A running fake Alpaca: URLs, replay controls, fault injection and broker state for assertions. */
export interface FakeAlpaca {
  /** Trading REST base URL (`http://127.0.0.1:port`), as `https://paper-api.alpaca.markets`. */
  readonly url: string;
  /** Trading stream URL (`ws://127.0.0.1:port/stream`). */
  readonly streamUrl: string;
  /** Market-data stream URL (`ws://127.0.0.1:port/v2/iex`). */
  readonly dataUrl: string;
  /** The broker engine (orders, positions, account). */
  readonly broker: FakeBroker;
  /** Replay clock (close of the latest published bar). */
  readonly clock: ReplayClock;
  /** Every REST request answered, in order. */
  readonly requests: readonly FakeRequestLog[];
  /** Publishes the next `n` replay steps (bars on the data stream, then matching); returns how many were published. */
  step(n?: number): number;
  /** Plays the replay: `speed` × real time between bar opens, or a fixed `intervalMs` per step. */
  play(pace: { speed: number } | { intervalMs: number }): void;
  /** Stops playing. */
  pause(): void;
  /** Arms a REST fault. */
  injectFault(fault: FakeFault): void;
  /** Terminates every open WebSocket (trading and data), as a network drop would. */
  dropStreams(): void;
  /** Open WebSocket connections by kind. */
  connections(): { trading: number; data: number };
  /** Symbols with a bar subscription on some authenticated data connection (sorted). */
  subscriptions(): string[];
  /** Stops the server and closes all connections. */
  close(): Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { "content-type": "application/json; charset=UTF-8" }),
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function matches(f: FakeFault, method: string, path: string): boolean {
  return (f.method === undefined || f.method === method) && (f.path === undefined || path.startsWith(f.path));
}

/**
 * Starts a fake Alpaca on 127.0.0.1: the Trading API v2 REST subset (`/v2/orders` incl. `:by_client_order_id`,
 * `/v2/orders/{id}` GET/PATCH/DELETE, `/v2/positions`, `/v2/account`, `/v2/clock`), the `trade_updates` WebSocket
 * (`/stream`, binary JSON frames as on paper) and the v2 market-data WebSocket (`/v2/{feed}`, bars of the replay,
 * JSON or msgpack when the upgrade asks for `Content-Type: application/msgpack`),
 * with Alpaca's auth headers and errors (403 bad keys / buying power, 404, 422 validation / duplicate
 * `client_order_id` / not cancelable, 429 from a token bucket with `Retry-After` and `X-RateLimit-*`), injectable
 * 5xx / dropped responses / delays / stream drops, string numbers and nanosecond timestamps. The official SDK works
 * against it.
 *
 * @param options - {@link FakeAlpacaOptions}.
 * @example
 * const fake = await startFakeAlpaca({ replay: [orclBars] });
 * await fetch(`${fake.url}/v2/clock`, { headers: { "APCA-API-KEY-ID": "FAKEKEYID", "APCA-API-SECRET-KEY": "FAKESECRET" } });
 * await fake.close();
 * @see https://docs.alpaca.markets/reference (Trading API), https://docs.alpaca.markets/docs/websocket-streaming
 */
export async function startFakeAlpaca(options: FakeAlpacaOptions): Promise<FakeAlpaca> {
  const o = parseWith(fakeAlpacaOptions, options, "fake Alpaca options");
  const wall = o.wallClock ?? new WallClock();
  const replay = new BarReplay(o.replay);
  const clock = new ReplayClock(replay.peekTs() ?? 0);
  const tradingClients = new Set<WebSocket>();
  const dataClients = new Map<WebSocket, { auth: boolean; bars: Set<string>; msgpack: boolean }>();
  const broadcast = (u: TradeUpdate): void => {
    if (tradingClients.size === 0) return;
    const frame = Buffer.from(JSON.stringify({ stream: "trade_updates", data: u }));
    for (const ws of tradingClients) ws.send(frame, { binary: true });
  };
  const broker = new FakeBroker(
    { symbols: replay.symbols, cash: o.cash, participation: o.participation, seed: o.seed },
    clock,
    broadcast,
  );
  const faults: FakeFault[] = [...o.faults];
  const requests: FakeRequestLog[] = [];
  const buckets = new Map<string, Bucket>();
  const sockets = new Set<Socket>();

  const publish = (s: ReplayStep): void => {
    clock.advanceTo(s.closeTs);
    if (dataClients.size > 0) {
      const t = new Date(s.ts).toISOString().replace(".000Z", "Z");
      for (const [ws, st] of dataClients) {
        if (!st.auth) continue;
        const msgs = s.bars
          .filter((b) => st.bars.has(b.symbol) || st.bars.has("*"))
          .map((b) => ({
            T: "b",
            S: b.symbol,
            o: b.bars.open[b.row],
            h: b.bars.high[b.row],
            l: b.bars.low[b.row],
            c: b.bars.close[b.row],
            v: b.bars.volume[b.row],
            // msgpack carries time as the timestamp extension (as Alpaca does), JSON as RFC 3339 text
            t: st.msgpack ? new Date(s.ts) : t,
          }));
        if (msgs.length > 0) ws.send(st.msgpack ? msgpackEncode(msgs) : JSON.stringify(msgs));
      }
    }
    broker.publish(s);
  };
  const step = (n = 1): number => {
    let k = 0;
    for (; k < n; k++) {
      const s = replay.next();
      if (!s) break;
      publish(s);
    }
    return k;
  };
  step(o.warmupSteps);

  let timer: NodeJS.Timeout | undefined;
  const pause = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const play = (pace: { speed: number } | { intervalMs: number }): void => {
    pause();
    const tick = (): void => {
      const before = replay.peekTs();
      if (step(1) === 0) return;
      const after = replay.peekTs();
      if (after === undefined || before === undefined) return;
      const delay = "speed" in pace ? (after - before) / pace.speed : pace.intervalMs;
      timer = setTimeout(tick, Math.max(0, delay));
    };
    timer = setTimeout(tick, "speed" in pace ? 0 : pace.intervalMs);
  };

  const rateLimited = (key: string): { limited: boolean; headers: Record<string, string> } => {
    if (o.rateLimit === false) return { limited: false, headers: {} };
    const perMs = o.rateLimit.perMinute / 60_000;
    const burst = o.rateLimit.burst ?? o.rateLimit.perMinute;
    const now = wall.now();
    const b = buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (now - b.at) * perMs);
    b.at = now;
    buckets.set(key, b);
    const limited = b.tokens < 1;
    if (!limited) b.tokens -= 1;
    const waitMs = limited ? (1 - b.tokens) / perMs : 0;
    const resetSec = Math.ceil((now + (burst - b.tokens) / perMs) / 1000);
    const headers: Record<string, string> = {
      "X-RateLimit-Limit": String(o.rateLimit.perMinute),
      "X-RateLimit-Remaining": String(Math.max(0, Math.floor(b.tokens))),
      "X-RateLimit-Reset": String(resetSec),
    };
    if (limited && o.rateLimit.retryAfter !== false)
      headers["Retry-After"] = String(Math.max(1, Math.ceil(waitMs / 1000)));
    return { limited, headers };
  };

  const route = async (
    method: string,
    path: string,
    query: URLSearchParams,
    body: string,
  ): Promise<{ status: number; body?: unknown }> => {
    const json = (): unknown => {
      try {
        return body === "" ? {} : JSON.parse(body);
      } catch {
        throw new FakeBrokerError(422, 40010001, "request body is not valid JSON");
      }
    };
    const validate = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
      const r = schema.safeParse(input);
      if (r.success) return r.data;
      const first = r.error.issues[0];
      throw new FakeBrokerError(
        422,
        40010001,
        `invalid ${first?.path.join(".") || "body"}: ${first?.message ?? "invalid request"}`,
      );
    };
    if (path === "/v2/orders" && method === "POST")
      return { status: 200, body: broker.submit(validate(alpacaOrderRequest, json())) };
    if (path === "/v2/orders" && method === "GET") {
      const status = query.get("status") ?? "open";
      if (status !== "open" && status !== "closed" && status !== "all")
        throw new FakeBrokerError(422, 40010001, `invalid status: ${status}`);
      const limit = Number(query.get("limit") ?? 50);
      if (!(Number.isInteger(limit) && limit >= 1 && limit <= 500))
        throw new FakeBrokerError(422, 40010001, "invalid limit: expected an integer 1..500");
      const direction = query.get("direction") ?? "desc";
      if (direction !== "asc" && direction !== "desc")
        throw new FakeBrokerError(422, 40010001, `invalid direction: ${direction}`);
      const symbols = query
        .get("symbols")
        ?.split(",")
        .filter((s) => s.length > 0);
      return { status: 200, body: broker.listOrders({ status, limit, direction, symbols }) };
    }
    if (path === "/v2/orders" && method === "DELETE") return { status: 207, body: broker.cancelAll() };
    if (path === "/v2/orders:by_client_order_id" && method === "GET") {
      const id = query.get("client_order_id");
      if (!id) throw new FakeBrokerError(422, 40010001, "client_order_id is required");
      return { status: 200, body: broker.getOrderByClientId(id) };
    }
    const orderMatch = /^\/v2\/orders\/([^/]+)$/.exec(path);
    if (orderMatch) {
      const id = decodeURIComponent(orderMatch[1] as string);
      if (method === "GET") return { status: 200, body: broker.getOrder(id) };
      if (method === "DELETE") {
        broker.cancel(id);
        return { status: 204 };
      }
      if (method === "PATCH")
        return { status: 200, body: broker.replace(id, validate(alpacaReplaceRequest, json())) };
    }
    if (path === "/v2/positions" && method === "GET") return { status: 200, body: broker.listPositions() };
    const posMatch = /^\/v2\/positions\/([^/]+)$/.exec(path);
    if (posMatch && method === "GET")
      return { status: 200, body: broker.getPosition(decodeURIComponent(posMatch[1] as string)) };
    if (path === "/v2/account" && method === "GET") return { status: 200, body: broker.account() };
    if (path === "/v2/clock" && method === "GET") {
      const now = clock.now();
      const next = replay.peekTs();
      return {
        status: 200,
        body: {
          timestamp: formatRfc3339Nanos(now),
          is_open: !replay.done,
          next_open: formatRfc3339Nanos(next ?? now),
          next_close: formatRfc3339Nanos(next === undefined ? now : Math.max(now, next)),
        },
      };
    }
    throw new FakeBrokerError(404, 40410000, "endpoint not found");
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? "GET";
      const u = new URL(req.url ?? "/", "http://127.0.0.1");
      const path = u.pathname;
      const body = await readBody(req);
      const log = (status: number, clientOrderId?: string): void => {
        requests.push(
          clientOrderId === undefined ? { method, path, status } : { method, path, status, clientOrderId },
        );
      };
      let coid: string | undefined;
      if (method === "POST" && path === "/v2/orders") {
        try {
          const c = (JSON.parse(body) as { client_order_id?: unknown }).client_order_id;
          if (typeof c === "string") coid = c;
        } catch {
          // validated in route()
        }
      }
      const key = req.headers["apca-api-key-id"];
      const secret = req.headers["apca-api-secret-key"];
      if (key !== o.keyId || secret !== o.secretKey) {
        log(403, coid);
        send(res, 403, { code: 40310000, message: "forbidden: invalid or missing API credentials" });
        return;
      }
      const rl = rateLimited(String(key));
      if (rl.limited) {
        log(429, coid);
        send(res, 429, { code: 42910000, message: "rate limit exceeded" }, rl.headers);
        return;
      }
      const fi = faults.findIndex((f) => matches(f, method, path));
      const fault = fi >= 0 ? faults[fi] : undefined;
      if (fault) {
        const left = fault.count - 1;
        if (left > 0) faults[fi] = { ...fault, count: left };
        else faults.splice(fi, 1);
        if (fault.kind === "status") {
          log(fault.status, coid);
          send(
            res,
            fault.status,
            { code: fault.status * 100_000, message: "internal server error (injected)" },
            rl.headers,
          );
          return;
        }
        if (fault.kind === "delay") await new Promise((r) => setTimeout(r, fault.ms));
      }
      let status: number;
      let out: unknown;
      try {
        const r = await route(method, path, u.searchParams, body);
        status = r.status;
        out = r.body;
      } catch (e) {
        if (!(e instanceof FakeBrokerError)) throw e;
        status = e.status;
        out = { code: e.code, message: e.message };
      }
      log(status, coid);
      if (fault?.kind === "drop-response") {
        req.socket.destroy();
        return;
      }
      send(res, status, out, rl.headers);
    })().catch((e: unknown) => {
      if (!res.headersSent)
        send(res, 500, { code: 50000000, message: `internal error: ${(e as Error).message}` });
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (path === "/stream") wss.handleUpgrade(req, socket, head, (ws) => onTrading(ws));
    else if (/^\/v2\/[a-z_]+$/.test(path)) {
      // Alpaca's data stream speaks msgpack when the client asks for it (the official SDK does), JSON otherwise
      const msgpack = /application\/msgpack/i.test(req.headers["content-type"] ?? "");
      wss.handleUpgrade(req, socket, head, (ws) => onData(ws, msgpack));
    } else socket.destroy();
  });

  const onTrading = (ws: WebSocket): void => {
    let authed = false;
    const reply = (m: unknown): void => ws.send(Buffer.from(JSON.stringify(m)), { binary: true });
    ws.on("message", (raw) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(raw));
      } catch {
        reply({ stream: "error", data: { error_message: "invalid JSON" } });
        return;
      }
      const r = tradingStreamAction.safeParse(msg);
      if (!r.success) {
        reply({ stream: "error", data: { error_message: "invalid action" } });
        return;
      }
      if (r.data.action === "authenticate") {
        authed = r.data.data.key_id === o.keyId && r.data.data.secret_key === o.secretKey;
        reply({
          stream: "authorization",
          data: { status: authed ? "authorized" : "unauthorized", action: "authenticate" },
        });
        if (!authed) ws.close(1008, "unauthorized");
        return;
      }
      if (!authed) {
        reply({ stream: "authorization", data: { status: "unauthorized", action: "listen" } });
        return;
      }
      const streams = r.data.data.streams.filter((s) => s === "trade_updates");
      if (streams.length > 0) tradingClients.add(ws);
      else tradingClients.delete(ws);
      reply({ stream: "listening", data: { streams } });
    });
    ws.on("close", () => tradingClients.delete(ws));
    ws.on("error", () => tradingClients.delete(ws));
  };

  const onData = (ws: WebSocket, msgpack: boolean): void => {
    const st = { auth: false, bars: new Set<string>(), msgpack };
    dataClients.set(ws, st);
    const reply = (m: unknown[]): void => ws.send(msgpack ? msgpackEncode(m) : JSON.stringify(m));
    reply([{ T: "success", msg: "connected" }]);
    ws.on("message", (raw, isBinary) => {
      let msg: unknown;
      try {
        msg = isBinary && msgpack ? msgpackDecode(raw as Buffer) : JSON.parse(String(raw));
      } catch {
        reply([{ T: "error", code: 400, msg: "invalid syntax" }]);
        return;
      }
      const r = streamAction.safeParse(msg);
      if (!r.success) {
        reply([{ T: "error", code: 400, msg: "invalid syntax" }]);
        return;
      }
      const a = r.data;
      if (a.action === "auth") {
        if (st.auth) {
          reply([{ T: "error", code: 403, msg: "already authenticated" }]);
          return;
        }
        if (a.key === o.keyId && a.secret === o.secretKey) {
          st.auth = true;
          reply([{ T: "success", msg: "authenticated" }]);
        } else {
          reply([{ T: "error", code: 402, msg: "auth failed" }]);
          ws.close(1008, "auth failed");
        }
        return;
      }
      if (!st.auth) {
        reply([{ T: "error", code: 401, msg: "not authenticated" }]);
        return;
      }
      for (const s of a.bars ?? []) {
        if (a.action === "subscribe") st.bars.add(s);
        else st.bars.delete(s);
      }
      reply([
        { T: "subscription", trades: [], quotes: [], bars: [...st.bars], updatedBars: [], dailyBars: [] },
      ]);
    });
    ws.on("close", () => dataClients.delete(ws));
    ws.on("error", () => dataClients.delete(ws));
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    streamUrl: `ws://127.0.0.1:${port}/stream`,
    dataUrl: `ws://127.0.0.1:${port}/v2/iex`,
    broker,
    clock,
    requests,
    step,
    play,
    pause,
    injectFault: (f) => {
      faults.push(parseWith(faultSchema, f, "fake Alpaca fault"));
    },
    dropStreams: () => {
      for (const ws of wss.clients) ws.terminate();
    },
    connections: () => ({ trading: tradingClients.size, data: dataClients.size }),
    subscriptions: () => {
      const all = new Set<string>();
      for (const st of dataClients.values()) if (st.auth) for (const s of st.bars) all.add(s);
      return [...all].sort();
    },
    close: async () => {
      pause();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
