import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FakeExchange } from "./fakeExchange.js";
import { loadDepthReplay, loadTardisTrades } from "./replayData.js";

const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));
const TRADES = loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv"));
const DEPTH = loadDepthReplay(data("btcusdt-depth-snap.csv"), data("btcusdt-depth-update.csv"));

let ex: FakeExchange | null = null;
afterEach(async () => {
  await ex?.close();
  ex = null;
});

describe("replay data", () => {
  it("loadTardisTrades reads the 9999 real trades with consecutive ids and ms times", () => {
    expect(TRADES).toHaveLength(9999);
    expect(TRADES[0]).toMatchObject({ id: 42377944, ts: 1582329602111, price: 9682, size: 0.132, side: 1 });
    for (let i = 1; i < TRADES.length; i++) expect(TRADES[i]!.id).toBe(TRADES[i - 1]!.id + 1);
  });
  it("loadDepthReplay chains the renumbered diffs to the snapshot (U = prev u + 1, pu = prev u)", () => {
    expect(DEPTH.snapshot.bids.length + DEPTH.snapshot.asks.length).toBe(100);
    let prev = DEPTH.snapshot.lastUpdateId;
    for (const u of DEPTH.updates) {
      expect(u).toMatchObject({ U: prev + 1, pu: prev });
      prev = u.u;
    }
    expect(DEPTH.updates.reduce((s, u) => s + u.a.length + u.b.length, 0)).toBe(100);
  });
});

describe("FakeExchange REST", () => {
  it("serves published trades by id range in Binance's aggTrades format, and the current depth", async () => {
    ex = await FakeExchange.start(TRADES.slice(0, 100), DEPTH, { tradesPerTick: 100 });
    let r = await fetch(`${ex.restUrl}/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=42377950&limit=5`);
    expect(await r.json()).toEqual([]); // nothing published yet
    ex.fault({ kind: "burst", count: 100 });
    r = await fetch(`${ex.restUrl}/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=42377950&limit=2`);
    const t = TRADES[6]!;
    expect(await r.json()).toEqual([
      { a: t.id, p: t.priceText, q: t.sizeText, f: t.id, l: t.id, T: t.ts, m: false },
      expect.objectContaining({ a: t.id + 1 }),
    ]);
    const d = (await (await fetch(`${ex.restUrl}/fapi/v1/depth?symbol=BTCUSDT`)).json()) as {
      lastUpdateId: number;
    };
    expect(d.lastUpdateId).toBe(DEPTH.updates[DEPTH.updates.length - 1]!.u);
  });
  it("answers bad requests with Binance-style 4xx errors", async () => {
    ex = await FakeExchange.start(TRADES.slice(0, 10), null);
    expect((await fetch(`${ex.restUrl}/fapi/v1/aggTrades?symbol=ETHUSDT&fromId=1`)).status).toBe(400);
    expect((await fetch(`${ex.restUrl}/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=1&limit=5000`)).status).toBe(
      400,
    );
    expect((await fetch(`${ex.restUrl}/nope`)).status).toBe(404);
    const bad = await fetch(`${ex.restUrl}/fake/fault`, { method: "POST", body: '{"kind":"explode"}' });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${ex.restUrl}/fake/fault`, { method: "POST", body: '{"kind":"gap","count":2}' });
    expect(ok.status).toBe(200);
  });
});

describe("FakeExchange WebSocket", () => {
  it("acknowledges SUBSCRIBE and streams aggTrade frames; a gap fault skips ids, duplicate repeats them", async () => {
    ex = await FakeExchange.start(TRADES.slice(0, 20), null, { tradesPerTick: 20 });
    const ws = new WebSocket(ex.wsUrl);
    const got: string[] = [];
    ws.on("message", (d) => got.push(String(d)));
    await new Promise((r) => ws.once("open", r));
    ws.send('{"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":7}');
    while (got.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(JSON.parse(got[0]!)).toEqual({ result: null, id: 7 });
    ex.fault({ kind: "gap", count: 2 });
    ex.fault({ kind: "duplicate", count: 1 });
    ex.play();
    while (!ex.done || got.length < 20) await new Promise((r) => setTimeout(r, 5));
    const ids = got.slice(1).map((m) => (JSON.parse(m) as { a: number }).a);
    const first = TRADES[0]!.id;
    expect(ids.slice(0, 3)).toEqual([first + 2, first + 2, first + 3]);
    expect(ids).toHaveLength(19);
    ws.terminate();
  });
});
