import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Bars,
  bucketStart,
  type Clock,
  parseWith,
  type Timeframe,
  timeframeMs,
  timeframeSchema,
  toEpochMs,
  ValidationError,
  WallClock,
} from "@quantkit/core";
import { aggregateTicks, type Store, toArrow } from "@quantkit/data";
import { tableToIPC } from "apache-arrow";
import { z } from "zod";
import { INGEST_TIMEFRAMES } from "../pipeline/ingestPipeline.js";
import type { TradeSource } from "./tradeSource.js";

const timeParam = z
  .string()
  .min(1)
  .refine((s) => {
    try {
      return Number.isFinite(toEpochMs(/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s));
    } catch {
      return false;
    }
  }, "expected epoch ms or an ISO-8601 time")
  .transform((s) => toEpochMs(/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s));

/** zod schema of the query string of `GET /v1/bars`. */
export const barsRequest = z
  .object({
    symbol: z.string().min(1).max(200),
    timeframe: timeframeSchema,
    start: timeParam.optional(),
    end: timeParam.optional(),
    format: z.enum(["ndjson", "arrow", "json"]).optional(),
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .strict();

/** zod schema of {@link BarsApiOptions} (without the store and clock). */
export const barsApiOptions = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().optional(),
    rateLimit: z
      .object({ capacity: z.number().int().positive(), perSecond: z.number().positive() })
      .strict()
      .optional(),
    cacheEntries: z.number().int().min(0).optional(),
    backfill: z
      .object({
        source: z.custom<TradeSource>((f) => typeof f === "function", "expected a TradeSource function"),
        timeframes: z.array(timeframeSchema).min(1).optional(),
        maxRangeMs: z.number().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Options of {@link startBarsApi}. */
export interface BarsApiOptions {
  /** Port (0: a free port). @default 0 */
  port?: number;
  /** Interface. @default "127.0.0.1" */
  host?: string;
  /** Token bucket per client address: `capacity` requests, refilled at `perSecond`. @default { capacity: 60, perSecond: 10 } */
  rateLimit?: { capacity: number; perSecond: number };
  /** Query results cached (least recently used evicted). @default 256 */
  cacheEntries?: number;
  /**
   * Backfill on request: when a query with `start` and `end` finds closed bars missing, the trades of each missing
   * window (aligned to the bar buckets) are fetched from `source`, stored with `store.appendTrades` (which replaces
   * the stored trades of that time range: idempotent), the bars of every timeframe in `timeframes` covering the
   * window are recomputed from the stored trades and stored (`appendBars`: the last write of a bar wins), the cache
   * of the symbol is dropped, and the query is answered from the store. A window the source had no trades for is
   * not asked again. At most `maxRangeMs` of missing time per request (default one day); beyond it the answer says
   * `x-backfill: skipped`.
   */
  backfill?: { source: TradeSource; timeframes?: Timeframe[]; maxRangeMs?: number };
}

/** A running {@link startBarsApi} server. */
export interface BarsApi {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Counters: requests, cache hits/misses, invalidated entries, rate-limited requests, 4xx, backfills. */
  readonly stats: {
    requests: number;
    hits: number;
    misses: number;
    invalidated: number;
    rateLimited: number;
    clientErrors: number;
    backfilledWindows: number;
    backfilledTrades: number;
  };
  /** Drops the cached results of `symbol` (all symbols when omitted): call it when new data lands. */
  invalidate(symbol?: string): void;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * A small HTTP service over the store: `GET /v1/bars?symbol&timeframe&start&end&format&limit` returns bars as
 * NDJSON (default: one JSON object per line, streamed), Arrow IPC stream (`format=arrow`) or a JSON document, with
 * zod validation (400 naming the parameter), pagination (`limit`; the `x-next-start` header gives the `start` of the
 * next page), an in-process LRU cache with explicit invalidation, and a per-client token-bucket rate limit (429 with
 * `retry-after`). Time for the rate limit comes from the injected clock.
 *
 * @param store - an open store.
 * @param options - {@link BarsApiOptions}.
 * @param clock - time source of the rate limiter. @default WallClock
 * @example
 * const api = await startBarsApi(store);
 * await fetch(`${api.url}/v1/bars?symbol=BTCUSDT&timeframe=1m&start=2020-02-22`) // → NDJSON lines {"ts":…,"open":…}
 * api.invalidate("BTCUSDT") // after new bars were imported
 * @see https://github.com/ndjson/ndjson-spec
 */
export async function startBarsApi(
  store: Store,
  options: BarsApiOptions = {},
  clock: Clock = new WallClock(),
): Promise<BarsApi> {
  const o = parseWith(barsApiOptions, options, "startBarsApi options");
  const limit = o.rateLimit ?? { capacity: 60, perSecond: 10 };
  const maxEntries = o.cacheEntries ?? 256;
  const cache = new Map<string, { symbol: string; bars: Bars }>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const stats = {
    requests: 0,
    hits: 0,
    misses: 0,
    invalidated: 0,
    rateLimited: 0,
    clientErrors: 0,
    backfilledWindows: 0,
    backfilledTrades: 0,
  };
  const tried = new Set<string>(); // windows the source was asked for (empty or not): never asked twice
  const invalidate = (symbol?: string) => {
    for (const [k, v] of cache)
      if (symbol === undefined || v.symbol === symbol) {
        cache.delete(k);
        stats.invalidated++;
      }
  };

  /** Missing closed bars of [start, end) as windows of whole buckets [from, to), oldest first. */
  const missingWindows = (bars: Bars, tf: Timeframe, start: number, end: number): [number, number][] => {
    const d = timeframeMs(tf);
    const stop = Math.min(end, clock.now());
    const out: [number, number][] = [];
    let k = 0;
    for (
      let b = bucketStart(start, tf) < start ? bucketStart(start, tf) + d : bucketStart(start, tf);
      b + d <= stop;
      b += d
    ) {
      while (k < bars.length && bars.ts[k]! < b) k++;
      if (k < bars.length && bars.ts[k] === b) continue;
      const last = out[out.length - 1];
      if (last && last[1] === b) last[1] = b + d;
      else out.push([b, b + d]);
    }
    return out;
  };

  /** Fetches, stores and aggregates one window; returns the trades stored. */
  const backfillWindow = async (symbol: string, from: number, to: number): Promise<number> => {
    const b = o.backfill!;
    const trades = await b.source(symbol, from, to);
    if (trades.length === 0) return 0;
    await store.appendTrades(trades, { source: "backfill" });
    for (const tf of b.timeframes ?? INGEST_TIMEFRAMES) {
      // every bucket of tf that overlaps the window, recomputed from all stored trades of those buckets
      const d = timeframeMs(tf);
      const lo = bucketStart(from, tf);
      const hi = bucketStart(to - 1, tf) + d;
      if (hi > clock.now()) continue; // a bucket still open: the live pipeline owns it
      const all = await store.getTrades({ symbol, start: lo, end: hi });
      if (all.length === 0) continue;
      // the trades of [lo, hi) are complete as far as the store knows: every bucket up to hi is closed
      await store.appendBars(aggregateTicks(all, tf, { asOf: hi }), { source: "backfill" });
    }
    return trades.length;
  };

  const fail = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    stats.clientErrors++;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const allow = (client: string): number => {
    const now = clock.now();
    const b = buckets.get(client) ?? { tokens: limit.capacity, at: now };
    b.tokens = Math.min(limit.capacity, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
    b.at = now;
    buckets.set(client, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / limit.perSecond);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++;
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== "/v1/bars")
      return fail(res, 404, { error: `unknown path ${url.pathname}; try GET /v1/bars` });
    if (req.method !== "GET") return fail(res, 405, { error: "only GET" }, { allow: "GET" });
    const wait = allow(req.socket.remoteAddress ?? "?");
    if (wait > 0) {
      stats.rateLimited++;
      return fail(res, 429, { error: "rate limit exceeded" }, { "retry-after": String(wait) });
    }
    const parsed = barsRequest.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      return fail(res, 400, {
        error: "invalid query",
        issues: parsed.error.issues.map((i) => ({
          param: i.path.join(".") || "(query)",
          message: i.message,
        })),
      });
    }
    const q = parsed.data;
    let backfillHeader: string | undefined;
    const key = JSON.stringify([q.symbol, q.timeframe, q.start ?? null, q.end ?? null]);
    let hit = cache.get(key);
    if (hit) {
      stats.hits++;
      cache.delete(key);
      cache.set(key, hit);
    } else {
      stats.misses++;
      let bars: Bars;
      const read = () =>
        store.getBars({ symbol: q.symbol, timeframe: q.timeframe, start: q.start, end: q.end }).catch((e) => {
          // nothing stored yet is a missing range, not an error, when a backfill source is configured
          if (o.backfill && q.start !== undefined && q.end !== undefined && !(e instanceof ValidationError))
            return null;
          throw e;
        });
      try {
        bars = (await read()) ?? emptyOf(q.symbol, q.timeframe);
      } catch (e) {
        if (e instanceof ValidationError) return fail(res, 400, { error: e.message });
        throw e;
      }
      if (o.backfill && q.start !== undefined && q.end !== undefined) {
        const windows = missingWindows(bars, q.timeframe, q.start, q.end).filter(
          ([a, b]) => !tried.has(`${q.symbol}|${a}|${b}`),
        );
        const missing = windows.reduce((acc, [a, b]) => acc + (b - a), 0);
        if (missing > (o.backfill.maxRangeMs ?? 86_400_000)) backfillHeader = "skipped";
        else if (windows.length > 0) {
          let stored = 0;
          for (const [a, b] of windows) {
            tried.add(`${q.symbol}|${a}|${b}`);
            stored += await backfillWindow(q.symbol, a, b);
          }
          stats.backfilledWindows += windows.length;
          stats.backfilledTrades += stored;
          backfillHeader = `${windows.length} windows, ${stored} trades`;
          if (stored > 0) {
            invalidate(q.symbol);
            bars = (await read()) ?? bars;
          }
        }
      }
      hit = { symbol: q.symbol, bars };
      if (maxEntries > 0) {
        cache.set(key, hit);
        if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
      }
    }
    const all = hit.bars;
    const n = Math.min(all.length, q.limit ?? 100_000);
    const headers: Record<string, string> = { "x-bars": String(n) };
    if (backfillHeader !== undefined) headers["x-backfill"] = backfillHeader;
    if (n < all.length) headers["x-next-start"] = String(all.ts[n]);
    const page: Bars =
      n === all.length
        ? all
        : {
            ...all,
            length: n,
            ts: all.ts.subarray(0, n),
            open: all.open.subarray(0, n),
            high: all.high.subarray(0, n),
            low: all.low.subarray(0, n),
            close: all.close.subarray(0, n),
            volume: all.volume.subarray(0, n),
          };
    const format = q.format ?? "ndjson";
    if (format === "arrow") {
      res.writeHead(200, { "content-type": "application/vnd.apache.arrow.stream", ...headers });
      res.end(tableToIPC(toArrow(page), "stream"));
      return;
    }
    const row = (i: number) =>
      `{"ts":${page.ts[i]},"open":${page.open[i]},"high":${page.high[i]},"low":${page.low[i]},"close":${page.close[i]},"volume":${page.volume[i]}}`;
    if (format === "json") {
      res.writeHead(200, { "content-type": "application/json", ...headers });
      const rows: string[] = [];
      for (let i = 0; i < n; i++) rows.push(row(i));
      res.end(
        `{"symbol":${JSON.stringify(page.symbol)},"timeframe":"${page.timeframe}","bars":[${rows.join(",")}]}`,
      );
      return;
    }
    res.writeHead(200, { "content-type": "application/x-ndjson", ...headers });
    for (let i = 0; i < n; i += 1000) {
      let chunk = "";
      for (let j = i; j < Math.min(n, i + 1000); j++) chunk += `${row(j)}\n`;
      if (!res.write(chunk)) await new Promise((r) => res.once("drain", r));
    }
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: (e as Error).message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${o.host ?? "127.0.0.1"}:${addr.port}`,
    stats,
    invalidate,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function emptyOf(symbol: string, timeframe: Timeframe): Bars {
  const z = new Float64Array(0);
  return { symbol, timeframe, length: 0, ts: z, open: z, high: z, low: z, close: z, volume: z };
}
