import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SimulatedClock, sliceBars, type TradeColumns } from "@quantkit/core";
import { aggregateTicks, fromArrow, openStore, type Store } from "@quantkit/data";
import { tableFromIPC } from "apache-arrow";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeCoinbase } from "../fake/fakeCoinbase.js";
import { FakeExchange } from "../fake/fakeExchange.js";
import { loadTardisTrades } from "../fake/replayData.js";
import { sourceColumns } from "../fake/sourceColumns.testutil.js";
import { startBarsApi } from "./barsApi.js";
import { binanceTradeSource } from "./binanceTradeSource.js";
import { coinbaseTradeSource } from "./coinbaseTradeSource.js";
import type { TradeSource } from "./tradeSource.js";

const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));
const SOURCE = loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv"));
const COLS = sourceColumns(SOURCE, "BTCUSDT");
const BARS = aggregateTicks(COLS, "1m");
const FIRST = sliceBars(BARS, 0, 100);

let store: Store;
let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "qk-api-"));
  store = await openStore({ root, bundled: false });
  await store.importBars(FIRST);
  return async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  };
});
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function api(opts: Parameters<typeof startBarsApi>[1] = {}, clock?: SimulatedClock) {
  const a = await startBarsApi(store, opts, clock);
  closers.push(() => a.close());
  return a;
}
const rows = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as { ts: number; close: number; volume: number });

describe("GET /v1/bars", () => {
  it("NDJSON, JSON and Arrow IPC responses equal store.getBars", async () => {
    const a = await api();
    const want = await store.getBars({ symbol: "BTCUSDT", timeframe: "1m" });
    expect(want.length).toBe(100);
    const nd = await fetch(`${a.url}/v1/bars?symbol=BTCUSDT&timeframe=1m`);
    expect(nd.headers.get("content-type")).toBe("application/x-ndjson");
    const r = rows(await nd.text());
    expect(r.map((x) => x.ts)).toEqual([...want.ts]);
    expect(r.map((x) => x.close)).toEqual([...want.close]);
    const js = (await (await fetch(`${a.url}/v1/bars?symbol=BTCUSDT&timeframe=1m&format=json`)).json()) as {
      bars: { volume: number }[];
    };
    expect(js.bars.map((b) => b.volume)).toEqual([...want.volume]);
    const ar = await fetch(`${a.url}/v1/bars?symbol=BTCUSDT&timeframe=1m&format=arrow`);
    const back = fromArrow(tableFromIPC(new Uint8Array(await ar.arrayBuffer())));
    for (const k of ["ts", "open", "high", "low", "close", "volume"] as const)
      expect(back[k]).toEqual(want[k]);
  });

  it("paginates with limit and x-next-start: the pages concatenate to the whole range", async () => {
    const a = await api();
    const got: number[] = [];
    let start = "0";
    for (let page = 0; page < 10; page++) {
      const r = await fetch(`${a.url}/v1/bars?symbol=BTCUSDT&timeframe=1m&limit=30&start=${start}`);
      got.push(...rows(await r.text()).map((x) => x.ts));
      const next = r.headers.get("x-next-start");
      if (!next) break;
      start = next;
    }
    expect(got).toEqual([...FIRST.ts]);
  });

  it("answers 400 naming each bad parameter, 404 and 405", async () => {
    const a = await api();
    const r = await fetch(`${a.url}/v1/bars?timeframe=2m&start=yesterday&limit=0&bogus=1`);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { issues: { param: string }[] };
    expect(body.issues.map((i) => i.param).sort()).toEqual([
      "(query)",
      "limit",
      "start",
      "symbol",
      "timeframe",
    ]);
    expect((await fetch(`${a.url}/v2/bars`)).status).toBe(404);
    expect((await fetch(`${a.url}/v1/bars?symbol=X&timeframe=1m`, { method: "POST" })).status).toBe(405);
    expect(a.stats.clientErrors).toBe(3);
  });

  it("caches results until invalidated when new data lands", async () => {
    const a = await api();
    const q = `${a.url}/v1/bars?symbol=BTCUSDT&timeframe=1m&start=0`;
    expect(rows(await (await fetch(q)).text())).toHaveLength(100);
    await store.importBars(sliceBars(BARS, 100, 110)); // new bars land
    expect(rows(await (await fetch(q)).text())).toHaveLength(100); // served from the cache
    expect(a.stats).toMatchObject({ hits: 1, misses: 1 });
    a.invalidate("BTCUSDT");
    expect(rows(await (await fetch(q)).text())).toHaveLength(110);
    expect(a.stats).toMatchObject({ hits: 1, misses: 2, invalidated: 1 });
  });

  it("rate-limits each client with a token bucket on the injected clock (429 + retry-after)", async () => {
    const clock = new SimulatedClock(0);
    const a = await api({ rateLimit: { capacity: 3, perSecond: 1 } }, clock);
    const q = `${a.url}/v1/bars?symbol=BTCUSDT&timeframe=1m&limit=1`;
    for (let i = 0; i < 3; i++) expect((await fetch(q)).status).toBe(200);
    const r = await fetch(q);
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("1");
    clock.advanceTo(999);
    expect((await fetch(q)).status).toBe(429);
    clock.advanceTo(2000);
    expect((await fetch(q)).status).toBe(200);
    expect(a.stats.rateLimited).toBe(2);
  });
});

describe("backfill on request", () => {
  const slice = (from: number, to: number, symbol = "BTCUSDT"): TradeColumns => {
    const i = COLS.ts.findIndex((t) => t >= from);
    let j = COLS.ts.findIndex((t) => t >= to);
    if (j < 0) j = COLS.length;
    return {
      symbol,
      length: j - i,
      ts: COLS.ts.slice(i, j),
      price: COLS.price.slice(i, j),
      size: COLS.size.slice(i, j),
      side: COLS.side.slice(i, j),
    };
  };

  // each venue's fake with every trade published (the REST history) and the trade source over its REST API
  const venues: {
    venue: string;
    symbol: string;
    start: () => Promise<{ restUrl: string; close: () => Promise<void> }>;
    source: (restUrl: string) => TradeSource;
  }[] = [
    {
      venue: "Binance",
      symbol: "BTCUSDT",
      start: async () => {
        const ex = await FakeExchange.start(SOURCE, null, { tradesPerTick: 1 });
        ex.fault({ kind: "burst", count: SOURCE.length });
        return ex;
      },
      source: (url) => binanceTradeSource(url),
    },
    {
      venue: "Coinbase",
      symbol: "BTC-USD",
      start: async () => {
        const ex = await FakeCoinbase.start(SOURCE, { tradesPerTick: 1 });
        ex.fault({ kind: "burst", count: SOURCE.length });
        return ex;
      },
      source: (url) => coinbaseTradeSource(url),
    },
  ];

  it.each(venues)(
    "fills a missing range from the $venue REST trades: trades and bars then equal the source, once",
    async (v) => {
      const r2 = mkdtempSync(join(tmpdir(), "qk-api-bf-"));
      const s2 = await openStore({ root: r2, bundled: false });
      const ex = await v.start();
      closers.push(async () => {
        await ex.close();
        await s2.close();
        rmSync(r2, { recursive: true, force: true });
      });
      const M = 60_000;
      const t0 = Date.UTC(2020, 1, 22, 0, 10);
      // the store holds minutes 0–2 and 7–9 of [t0, t0 + 10 min): trades and their 1m bars; minutes 3–6 are missing
      for (const [a, b] of [
        [t0, t0 + 3 * M],
        [t0 + 7 * M, t0 + 10 * M],
      ] as const) {
        const t = slice(a, b, v.symbol);
        await s2.appendTrades(t);
        await s2.appendBars(aggregateTicks(t, "1m", { asOf: b }));
      }
      let calls = 0;
      const source = v.source(ex.restUrl);
      const counted: typeof source = (...args) => {
        calls++;
        return source(...args);
      };
      const a = await startBarsApi(s2, { backfill: { source: counted } });
      closers.push(() => a.close());
      const q = `${a.url}/v1/bars?symbol=${v.symbol}&timeframe=1m&start=${t0}&end=${t0 + 10 * M}&format=json`;
      const r = await fetch(q);
      expect(r.status).toBe(200);
      const want = aggregateTicks(slice(t0, t0 + 10 * M), "1m", { asOf: t0 + 10 * M });
      expect(want.length).toBe(10);
      expect(r.headers.get("x-backfill")).toMatch(/^1 windows, \d+ trades$/);
      const body = (await r.json()) as { bars: { ts: number; close: number; volume: number }[] };
      expect(body.bars.map((b) => [b.ts, b.close, b.volume])).toEqual(
        [...want.ts].map((t, i) => [t, want.close[i], want.volume[i]]),
      );
      // the trades now stored are exactly the source's, and a coarser bar is recomputed from them
      const stored = await s2.getTrades({ symbol: v.symbol, start: t0, end: t0 + 10 * M });
      const src = slice(t0, t0 + 10 * M, v.symbol);
      expect([...stored.ts]).toEqual([...src.ts]);
      expect([...stored.price]).toEqual([...src.price]);
      expect([...stored.side]).toEqual([...src.side]);
      const fiveMin = await s2.getBars({ symbol: v.symbol, timeframe: "5m", start: t0, end: t0 + 10 * M });
      const five = aggregateTicks(src, "5m", { asOf: t0 + 10 * M });
      expect([...fiveMin.volume]).toEqual([...five.volume]);
      // nothing missing any more: no second call; a range with no trades at all is asked once only
      expect(calls).toBe(1);
      await fetch(q.replace("format=json", "format=ndjson"));
      expect(calls).toBe(1);
      const before = `${a.url}/v1/bars?symbol=${v.symbol}&timeframe=1m&start=${Date.UTC(2020, 1, 21, 23, 0)}&end=${Date.UTC(2020, 1, 21, 23, 5)}`;
      expect((await fetch(before)).headers.get("x-backfill")).toBe("1 windows, 0 trades");
      expect(calls).toBe(2);
      await fetch(`${before}&format=json`);
      expect(calls).toBe(2);
      // a missing range beyond the per-request limit is not fetched, and says so
      const wide = `${a.url}/v1/bars?symbol=${v.symbol}&timeframe=1m&start=${Date.UTC(2020, 1, 10)}&end=${Date.UTC(2020, 1, 20)}`;
      expect((await fetch(wide)).headers.get("x-backfill")).toBe("skipped");
      expect(calls).toBe(2);
    },
  );

  it("the trade source pages by time then by id, and never skips an id", async () => {
    const ex = await FakeExchange.start(SOURCE, null, { tradesPerTick: 1 });
    ex.fault({ kind: "burst", count: SOURCE.length });
    closers.push(() => ex.close());
    const from = Date.UTC(2020, 1, 22, 0, 30);
    const to = Date.UTC(2020, 1, 22, 1, 45); // crosses an hour and more than one 1000-trade page
    const got = await binanceTradeSource(ex.restUrl)("BTCUSDT", from, to);
    const want = slice(from, to);
    expect(want.length).toBeGreaterThan(1000);
    expect([...got.ts]).toEqual([...want.ts]);
    expect([...got.size]).toEqual([...want.size]);
    const lost = SOURCE.find((t) => t.ts >= from + 600_000)!.id;
    const holey = binanceTradeSource(ex.restUrl, async (url) => {
      const rows = (await (await fetch(url)).json()) as { a: number }[];
      return url.includes("fromId") ? rows.filter((r) => r.a !== lost) : rows;
    });
    await expect(holey("BTCUSDT", from, to)).rejects.toThrow(`expected trade id ${lost}, got ${lost + 1}`);
  });
});
