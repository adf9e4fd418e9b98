import { fileURLToPath } from "node:url";
import { ValidationError } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeCoinbase } from "../fake/fakeCoinbase.js";
import { loadTardisTrades, type SourceTrade } from "../fake/replayData.js";
import { coinbaseTradeSource } from "./coinbaseTradeSource.js";
import { fetchJson } from "./fetchJson.js";

const SOURCE = loadTardisTrades(
  fileURLToPath(
    new URL("../../test-data/tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv", import.meta.url),
  ),
);
const P = "BTC-USD";
const M = 60_000;

let venue: FakeCoinbase;
beforeAll(async () => {
  venue = await FakeCoinbase.start(SOURCE, { tradesPerTick: 1 });
  venue.fault({ kind: "burst", count: SOURCE.length }); // everything published: the REST history
});
afterAll(() => venue.close());

/** The oracle: the replay's own rows with start ≤ ts < end, in file order (not through the fake's REST). */
const replay = (start: number, end: number) => SOURCE.filter((t) => t.ts >= start && t.ts < end);
const expectTrades = (
  got: Awaited<ReturnType<ReturnType<typeof coinbaseTradeSource>>>,
  want: SourceTrade[],
) => {
  expect(got.symbol).toBe(P);
  expect(got.length).toBe(want.length);
  expect([...got.ts]).toEqual(want.map((t) => t.ts));
  expect([...got.price]).toEqual(want.map((t) => t.price));
  expect([...got.size]).toEqual(want.map((t) => t.size));
  expect([...got.side]).toEqual(want.map((t) => t.side));
};
/** A JSON GET that records the URLs asked and lets a test rewrite the rows served. */
const recording = (edit: (rows: { trade_id: number; time: string }[]) => unknown[] = (r) => r) => {
  const urls: string[] = [];
  const get = async (url: string) => {
    urls.push(url);
    return edit((await fetchJson(url)) as { trade_id: number; time: string }[]);
  };
  return { urls, get };
};
/** Pages of `limit` needed, newest first, to reach the first trade older than `start` (or the first trade). */
const pagesToReach = (start: number, limit: number) => {
  const older = SOURCE.findLastIndex((t) => t.ts < start);
  const rowsRead = older < 0 ? SOURCE.length : SOURCE.length - older;
  return older < 0 ? Math.floor(rowsRead / limit) + 1 : Math.ceil(rowsRead / limit);
};

describe("coinbaseTradeSource(restUrl, get?, options?)", () => {
  it("returns exactly the replay's trades with start ≤ ts < end, oldest first, aggressor side, stopping once past start", async () => {
    const from = Date.UTC(2020, 1, 22, 0, 30);
    const to = Date.UTC(2020, 1, 22, 1, 45);
    const { urls, get } = recording();
    const want = replay(from, to);
    expect(want.length).toBeGreaterThan(2000); // more than two 1000-trade pages
    expect(new Set(want.map((t) => t.side))).toEqual(new Set([1, -1]));
    expectTrades(await coinbaseTradeSource(venue.restUrl, get)(P, from, to), want);
    expect(urls).toHaveLength(pagesToReach(from, 1000));
    expect(urls.length).toBeLessThan(10); // did not page down to the first trade
    // bounds are exact trade times: the trade at start is in, the one at end is out
    const [a, b] = [SOURCE[4000]!.ts, SOURCE[4321]!.ts];
    const edge = await coinbaseTradeSource(venue.restUrl)(P, a, b);
    expect(edge.ts[0]).toBe(a);
    expect(edge.ts[edge.length - 1]).toBeLessThan(b);
    expectTrades(edge, replay(a, b));
  });

  it("pages backwards by `after` = the smallest id seen (limit 100), across many pages", async () => {
    const from = Date.UTC(2020, 1, 22, 1, 50);
    const to = Date.UTC(2020, 1, 22, 2, 0);
    const { urls, get } = recording();
    const want = replay(from, to);
    expect(want.length).toBeGreaterThan(300);
    expectTrades(await coinbaseTradeSource(venue.restUrl, get, { limit: 100 })(P, from, to), want);
    expect(urls.length).toBe(pagesToReach(from, 100));
    expect(urls.length).toBeGreaterThan(5);
    const last = SOURCE[SOURCE.length - 1]!.id;
    expect(urls[0]).toBe(`${venue.restUrl}/products/${P}/trades?limit=100`);
    urls.slice(1).forEach((u, i) => {
      expect(u).toBe(`${venue.restUrl}/products/${P}/trades?limit=100&after=${last - 100 * (i + 1) + 1}`);
    });
    // a range older than every trade, or empty, pages to the first trade and returns nothing
    const { urls: all, get: getAll } = recording();
    expect((await coinbaseTradeSource(venue.restUrl, getAll)(P, 0, SOURCE[0]!.ts)).length).toBe(0);
    expect(all).toHaveLength(10); // 9999 trades: nine full pages and a short one
  });

  it("reports a hole in the ids (inside a page or at a page edge) naming the missing id, never skips it", async () => {
    const from = Date.UTC(2020, 1, 22, 1, 50);
    const to = Date.UTC(2020, 1, 22, 2, 0);
    const last = SOURCE[SOURCE.length - 1]!.id;
    for (const lost of [SOURCE.find((t) => t.ts >= from + 3 * M)!.id, last - 100]) {
      const { get } = recording((rows) => rows.filter((r) => r.trade_id !== lost));
      await expect(coinbaseTradeSource(venue.restUrl, get, { limit: 100 })(P, from, to)).rejects.toThrow(
        `trade source ${P}: expected trade id ${lost}, got ${lost - 1}`,
      );
    }
    // a time going back as the id goes up would hide older trades behind the stop rule: an error too
    const late = SOURCE.find((t) => t.ts >= from + 3 * M)!;
    const { get } = recording((rows) =>
      rows.map((r) => (r.trade_id === late.id - 1 ? { ...r, time: "2020-02-22T02:30:00.000000Z" } : r)),
    );
    await expect(coinbaseTradeSource(venue.restUrl, get)(P, from, to)).rejects.toThrow(
      `trade id ${late.id - 1} at ${Date.UTC(2020, 1, 22, 2, 30)} is later than trade id ${late.id}`,
    );
    // rows are zod-validated
    const { get: bad } = recording((rows) => rows.map((r, i) => (i === 5 ? { ...r, price: "x" } : r)));
    await expect(coinbaseTradeSource(venue.restUrl, bad)(P, from, to)).rejects.toThrow(
      /trades response.*5.*price/s,
    );
  });

  it("stops after maxPages pages with an error saying how far back it got; a nearer range fits the same cap", async () => {
    const source = coinbaseTradeSource(venue.restUrl, fetchJson, { limit: 100, maxPages: 3 });
    const oldest = SOURCE[SOURCE.length - 300]!;
    await expect(source(P, Date.UTC(2020, 1, 22, 0, 0), Date.UTC(2020, 1, 22, 0, 5))).rejects.toThrow(
      `trade source ${P}: start 2020-02-22T00:00:00.000Z not reached after 3 pages of 100 trades (oldest seen: trade id ${oldest.id} at ${new Date(oldest.ts).toISOString()}); raise maxPages`,
    );
    const near = SOURCE[SOURCE.length - 250]!.ts;
    expectTrades(await source(P, near, Date.UTC(2020, 1, 22, 3)), replay(near, Date.UTC(2020, 1, 22, 3)));
    expect(() => coinbaseTradeSource(venue.restUrl, fetchJson, { limit: 1001 })).toThrow(ValidationError);
    expect(() => coinbaseTradeSource(venue.restUrl, fetchJson, { maxPages: 0 })).toThrow(/maxPages/);
  });
});
