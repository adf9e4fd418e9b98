import { SimulatedClock } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeedMetrics } from "../metrics/feedMetrics.js";
import type { FeedEvent, NormalizedBookDelta, NormalizedTrade } from "../types.js";
import { FeedConnection, type FeedConnectionOptions } from "./feedConnection.js";
import { TEST_CONNECTION } from "./feedConnection.testutil.js";
import { TradeRecovery } from "./tradeRecovery.js";

const options: FeedConnectionOptions = {
  ...TEST_CONNECTION,
  buffer: { capacity: 100_000, policy: "pause" },
};

const trade = (symbol: string, tradeId: number): NormalizedTrade => ({
  kind: "trade",
  ts: tradeId,
  price: 1,
  size: 1,
  side: 1,
  exchange: "test",
  symbol,
  tradeId,
  eventTs: tradeId,
});

/** A connection (never started: events are pushed by hand) and a recovery whose REST knows ids 1…newest. */
function setup(newest: number, startAfterTradeId?: Record<string, number>) {
  const clock = new SimulatedClock(0);
  const metrics = new FeedMetrics(clock);
  const conn = new FeedConnection<FeedEvent>(options, clock, metrics);
  const requests: [string, number, number][] = [];
  const rec: TradeRecovery = new TradeRecovery(
    conn,
    metrics,
    async function* (symbol, from, to) {
      requests.push([symbol, from, to]);
      for (let id = from; id <= Math.min(to, newest); id++) {
        rec.backfilled(symbol, id);
        yield trade(symbol, id);
      }
    },
    startAfterTradeId,
  );
  return { conn, metrics, rec, requests };
}

async function collect(it: AsyncIterable<FeedEvent>): Promise<FeedEvent[]> {
  const out: FeedEvent[] = [];
  for await (const ev of it) out.push(ev);
  return out;
}

describe("TradeRecovery (trade-id recovery shared by the venue feeds)", () => {
  it("events() yields each trade id once, in order, from the first streamed id to the highest one (duplicates and gaps counted)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 80 }),
        async (ids) => {
          const { conn, metrics, rec } = setup(60);
          for (const id of ids) conn.push(trade("X", id), "X", "trade");
          await conn.close();
          const got = (await collect(rec.events())).map((e) => (e as NormalizedTrade).tradeId);
          // Oracle: a running maximum over the stream.
          let max = ids[0]! - 1;
          let duplicates = 0;
          let gaps = 0;
          for (const id of ids) {
            if (id <= max) duplicates++;
            else {
              if (id > max + 1) gaps++;
              max = id;
            }
          }
          const want = Array.from({ length: max - ids[0]! + 1 }, (_, i) => ids[0]! + i);
          expect(got).toEqual(want);
          expect(metrics.total("duplicates")).toBe(duplicates);
          expect(metrics.total("trade_gaps")).toBe(gaps);
          expect(metrics.total("trades_backfilled")).toBe(want.length - (ids.length - duplicates));
          expect(rec.last("X")).toBe(max);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });

  it("a start id makes the first streamed trade a gap when it is not the next id", async () => {
    const { conn, metrics, rec, requests } = setup(20, { X: 4 });
    expect(rec.tracked).toBe(1);
    conn.push(trade("X", 8), "X", "trade");
    conn.push(trade("X", 3), "X", "trade");
    await conn.close();
    const got = (await collect(rec.events())).map((e) => (e as NormalizedTrade).tradeId);
    expect(got).toEqual([5, 6, 7, 8]);
    expect(requests).toEqual([["X", 5, 7]]);
    expect(metrics.total("duplicates")).toBe(1);
  });

  it("catchUp(symbol) backfills up to the newest trade once the buffer is empty; symbols without a last id are skipped", async () => {
    const { conn, rec, requests } = setup(12, { X: 9 });
    conn.push(trade("X", 10), "X", "trade");
    rec.catchUp("X");
    rec.catchUp("Y");
    const got: number[] = [];
    for await (const ev of rec.events()) {
      got.push((ev as NormalizedTrade).tradeId);
      if (got.length === 3) break;
    }
    expect(got).toEqual([10, 11, 12]);
    expect(requests).toEqual([["X", 11, Number.POSITIVE_INFINITY]]);
    await conn.close();
  });

  it("book events go to onBook when given, and are yielded as they are otherwise", async () => {
    const book: NormalizedBookDelta = {
      kind: "book",
      ts: 1,
      snapshot: false,
      bids: [],
      asks: [],
      exchange: "test",
      symbol: "X",
      firstUpdateId: 1,
      lastUpdateId: 1,
      prevUpdateId: 0,
    };
    const plain = setup(0);
    plain.conn.push(book, "X", "book");
    await plain.conn.close();
    expect(await collect(plain.rec.events())).toEqual([book]);
    const hooked = setup(0);
    hooked.conn.push(book, "X", "book");
    await hooked.conn.close();
    const seen: NormalizedBookDelta[] = [];
    const out = await collect(
      hooked.rec.events(async function* (ev) {
        seen.push(ev);
        yield { ...ev, snapshot: true };
      }),
    );
    expect(seen).toEqual([book]);
    expect(out).toEqual([{ ...book, snapshot: true }]);
  });
});
