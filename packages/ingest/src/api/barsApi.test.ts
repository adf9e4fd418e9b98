import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SimulatedClock, sliceBars, type TradeColumns } from "@quantkit/core";
import { aggregateTicks, fromArrow, openStore, type Store } from "@quantkit/data";
import { tableFromIPC } from "apache-arrow";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadTardisTrades } from "../fake/replayData.js";
import { startBarsApi } from "./barsApi.js";

const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));
const SOURCE = loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv"));
const COLS: TradeColumns = {
  symbol: "BTCUSDT",
  length: SOURCE.length,
  ts: Float64Array.from(SOURCE, (t) => t.ts),
  price: Float64Array.from(SOURCE, (t) => t.price),
  size: Float64Array.from(SOURCE, (t) => t.size),
  side: Float64Array.from(SOURCE, (t) => t.side),
};
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
