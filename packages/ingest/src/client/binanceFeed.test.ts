import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeExchange, type Fault } from "../fake/fakeExchange.js";
import { loadDepthReplay, loadTardisTrades, type SourceTrade } from "../fake/replayData.js";
import type { FeedEvent, NormalizedTrade } from "../types.js";
import { BinanceFeed, type BinanceFeedOptions } from "./binanceFeed.js";

const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));
const ALL = loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv"));
const DEPTH = loadDepthReplay(data("btcusdt-depth-snap.csv"), data("btcusdt-depth-update.csv"));

let open: { ex?: FakeExchange; feed?: BinanceFeed }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.feed?.close();
    await o.ex?.close();
  }
  open = [];
});

/** Runs the fake exchange and a feed until every source trade came out; `faults` fire at given trade counts. */
export async function runFeed(
  source: readonly SourceTrade[],
  faults: readonly { at: number; fault: Fault }[],
  feedOptions: Partial<BinanceFeedOptions> = {},
  exchange: { tradesPerTick?: number; tickMs?: number } = {},
  consume?: (ev: FeedEvent) => Promise<void>,
): Promise<{ trades: NormalizedTrade[]; ex: FakeExchange; feed: BinanceFeed; events: FeedEvent[] }> {
  const ex = await FakeExchange.start(source, DEPTH, { tradesPerTick: 40, tickMs: 2, ...exchange });
  const feed = new BinanceFeed({
    wsUrl: ex.wsUrl,
    restUrl: ex.restUrl,
    symbols: ["BTCUSDT"],
    streams: ["aggTrade", "depth"],
    startAfterTradeId: { BTCUSDT: source[0]!.id - 1 },
    pingIntervalMs: 50,
    staleAfterMs: 200,
    backoff: { initialMs: 10, maxMs: 100, factor: 2, jitter: 0.5 },
    ...feedOptions,
  });
  open.push({ ex, feed });
  feed.start();
  while (!feed.isConnected) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20)); // subscription acknowledged
  ex.schedule(faults);
  ex.play();
  const trades: NormalizedTrade[] = [];
  const events: FeedEvent[] = [];
  const lastId = source[source.length - 1]!.id;
  for await (const ev of feed.events()) {
    events.push(ev);
    if (consume) await consume(ev);
    if (ev.kind === "trade") {
      trades.push(ev);
      if (ev.tradeId === lastId) break;
    }
  }
  return { trades, ex, feed, events };
}

function expectSameTrades(got: readonly NormalizedTrade[], want: readonly SourceTrade[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (g.tradeId !== w.id || g.ts !== w.ts || g.price !== w.price || g.size !== w.size || g.side !== w.side)
      expect({ i, ...g }).toEqual({ i, ...w });
  }
}

const SOURCE = ALL.slice(0, 3000);
vi.setConfig({ testTimeout: 20_000 });

describe("BinanceFeed against the fake exchange", () => {
  it("yields every source trade exactly once, in order, with no fault", async () => {
    const { trades, feed } = await runFeed(SOURCE, []);
    expectSameTrades(trades, SOURCE);
    expect(feed.metrics.total("trade_gaps")).toBe(0);
    expect(feed.metrics.total("duplicates")).toBe(0);
  });

  const cases: [string, { at: number; fault: Fault }[], string][] = [
    [
      "disconnect",
      [
        { at: 500, fault: { kind: "disconnect" } },
        { at: 1800, fault: { kind: "disconnect" } },
      ],
      "reconnects",
    ],
    ["malformed messages", [{ at: 300, fault: { kind: "malformed", count: 6 } }], "malformed"],
    ["a sequence gap", [{ at: 700, fault: { kind: "gap", count: 37 } }], "trades_backfilled"],
    ["duplicates", [{ at: 900, fault: { kind: "duplicate", count: 25 } }], "duplicates"],
    ["a stalled connection", [{ at: 1000, fault: { kind: "stall", ms: 400 } }], "stale"],
    ["a burst", [{ at: 200, fault: { kind: "burst", count: 1500 } }], "messages"],
  ];
  for (const [name, faults, counter] of cases) {
    it(`recovers from ${name}: trades equal the source exactly and ${counter} is counted`, async () => {
      const { trades, feed } = await runFeed(SOURCE, faults);
      expectSameTrades(trades, SOURCE);
      expect(feed.metrics.total(counter as never)).toBeGreaterThan(0);
    });
  }

  it("recovers from random schedules of mixed faults (property, seeded): trades always equal the source", async () => {
    const fault: fc.Arbitrary<Fault> = fc.oneof(
      fc.constant({ kind: "disconnect" as const }),
      fc.integer({ min: 1, max: 5 }).map((count) => ({ kind: "malformed" as const, count })),
      fc.integer({ min: 1, max: 200 }).map((count) => ({ kind: "gap" as const, count })),
      fc.integer({ min: 1, max: 50 }).map((count) => ({ kind: "duplicate" as const, count })),
      fc.integer({ min: 250, max: 400 }).map((ms) => ({ kind: "stall" as const, ms })),
      fc.constant({ kind: "bookGap" as const }),
      fc.integer({ min: 1, max: 800 }).map((count) => ({ kind: "burst" as const, count })),
    );
    const schedule = fc.array(fc.record({ at: fc.integer({ min: 0, max: 1900 }), fault }), {
      minLength: 1,
      maxLength: 6,
    });
    const src = SOURCE.slice(0, 2000);
    await fc.assert(
      fc.asyncProperty(schedule, async (faults) => {
        const { trades } = await runFeed(src, faults);
        expectSameTrades(trades, src);
        for (const o of open.splice(0)) {
          await o.feed?.close();
          await o.ex?.close();
        }
      }),
      { numRuns: 6, seed: 20261125 },
    );
  });

  it("recovers a gap at the very end of the stream (no later trade reveals it) by the idle catch-up", async () => {
    const src = SOURCE.slice(0, 600);
    const { trades, feed } = await runFeed(src, [{ at: 560, fault: { kind: "gap", count: 100 } }], {
      idleCatchUpMs: 100,
    });
    expectSameTrades(trades, src);
    expect(feed.metrics.total("trades_backfilled")).toBeGreaterThanOrEqual(40);
  });

  it("counts malformed messages with samples and never throws", async () => {
    const { feed } = await runFeed(SOURCE.slice(0, 500), [
      { at: 100, fault: { kind: "malformed", count: 4 } },
    ]);
    expect(feed.parser.stats.malformed).toBe(4);
    expect(feed.parser.samples.map((s) => s.reason)).toEqual([
      expect.stringContaining("not JSON"),
      expect.stringContaining("p: expected a decimal"),
      expect.stringContaining("not JSON"),
      expect.stringContaining("p: expected a decimal"),
    ]);
  });

  /** A burst of 2000 trades into a 50-event buffer, consumed one event per macrotask. */
  const slowConsumer = (policy: "drop" | "pause") =>
    runFeed(
      SOURCE,
      [{ at: 100, fault: { kind: "burst", count: 2000 } }],
      { buffer: { capacity: 50, policy } },
      {},
      async () => {
        await new Promise((r) => setImmediate(r));
      },
    );

  it("buffer policy drop: drops are counted and recovered by backfill", async () => {
    const { trades, feed } = await slowConsumer("drop");
    expectSameTrades(trades, SOURCE);
    expect(feed.metrics.total("buffer_dropped")).toBeGreaterThan(0);
    // Not every dropped frame is missing (a catch-up may already have fetched it), but recovery must have run.
    expect(feed.metrics.total("trades_backfilled")).toBeGreaterThan(0);
  });

  it("buffer policy pause: a slow consumer pauses the socket and loses nothing", async () => {
    const { trades, feed } = await slowConsumer("pause");
    expectSameTrades(trades, SOURCE);
    expect(feed.metrics.total("buffer_paused")).toBeGreaterThan(0);
    expect(feed.metrics.total("buffer_dropped")).toBe(0);
  });

  it("keeps the local book equal to the exchange's book through a depth gap (snapshot + buffered diffs)", async () => {
    const { feed, ex, events } = await runFeed(SOURCE, [
      { at: 600, fault: { kind: "bookGap" } },
      { at: 1500, fault: { kind: "disconnect" } },
    ]);
    // Wait for the last diffs published with the final trade, then close and drain what is buffered.
    while (!ex.done) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    await feed.close();
    for await (const ev of feed.events()) events.push(ev);
    expect(feed.books.get("BTCUSDT")!.levels()).toEqual(ex.book.levels());
    expect(feed.metrics.total("book_gaps")).toBeGreaterThan(0);
    expect(feed.metrics.total("book_resyncs")).toBeGreaterThanOrEqual(2);
    expect(events.some((e) => e.kind === "book" && e.snapshot)).toBe(true);
  });

  it("backoffDelay is exponential, capped and jittered reproducibly from the seed", () => {
    const mk = () =>
      new BinanceFeed({
        wsUrl: "ws://127.0.0.1:1/ws",
        restUrl: "http://127.0.0.1:1",
        symbols: ["BTCUSDT"],
        backoff: { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 },
        seed: 7,
      });
    const a = mk();
    const b = mk();
    const da = [0, 1, 2, 3, 4, 5].map((k) => a.backoffDelay(k));
    const db = [0, 1, 2, 3, 4, 5].map((k) => b.backoffDelay(k));
    expect(da).toEqual(db);
    [100, 200, 400, 800, 1000, 1000].forEach((cap, k) => {
      expect(da[k]!).toBeLessThanOrEqual(cap);
      expect(da[k]!).toBeGreaterThanOrEqual(cap / 2);
    });
  });

  it("rejects invalid options naming the field", () => {
    expect(() => new BinanceFeed({ wsUrl: "x", restUrl: "http://a", symbols: ["btc"] })).toThrow(
      /wsUrl[\s\S]*symbols/,
    );
  });
});
