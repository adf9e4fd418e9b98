import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrderBook } from "../book/orderBook.js";
import { type BookReplay, type CoinbaseFault, FakeCoinbase } from "../fake/fakeCoinbase.js";
import { loadDepthReplay, loadTardisTrades, type SourceTrade } from "../fake/replayData.js";
import type { FeedEvent, Level, NormalizedBookDelta, NormalizedQuote } from "../types.js";
import { CoinbaseFeed } from "./coinbaseFeed.js";

vi.setConfig({ testTimeout: 60_000 });
const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));
const TRADES = loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv")).slice(0, 3000);
const P = "BTC-USD";
/** Two CSV rows per l2update: 50 updates over the replay. */
const ROWS_PER_UPDATE = 2;
const DEPTH = loadDepthReplay(
  data("btcusdt-depth-snap.csv"),
  data("btcusdt-depth-update.csv"),
  ROWS_PER_UPDATE,
);

/**
 * The oracle, built from the CSV files directly (not through the replay loader or the fake): the book after the
 * snapshot and after every `ROWS_PER_UPDATE` update rows, as sorted levels.
 */
function oracleStates(): string[] {
  const rows = (f: string) =>
    readFileSync(data(f), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  const set = (r: string[]) => {
    const side = r[4] === "b" ? bids : asks;
    const price = Number(r[6]);
    const qty = Number(r[7]);
    if (qty === 0) side.delete(price);
    else side.set(price, qty);
  };
  const key = () =>
    JSON.stringify({
      bids: [...bids].sort((a, b) => b[0] - a[0]),
      asks: [...asks].sort((a, b) => a[0] - b[0]),
    });
  for (const r of rows("btcusdt-depth-snap.csv")) set(r);
  const states = [key()];
  const upd = rows("btcusdt-depth-update.csv");
  for (let i = 0; i < upd.length; i++) {
    set(upd[i]!);
    if ((i + 1) % ROWS_PER_UPDATE === 0 || i === upd.length - 1) states.push(key());
  }
  return states;
}
const STATES = oracleStates();
const keyOf = (b: OrderBook) => JSON.stringify(b.levels());
const bookEvents = (evs: readonly FeedEvent[]) =>
  evs.filter((e): e is NormalizedBookDelta => e.kind === "book");

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!cond() && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Replays `trades` and `depth` through the fake Coinbase into a CoinbaseFeed subscribed to `level2_batch`; the
 * consumer rebuilds its own book from the yielded `book` events only. Ends when everything is published, the
 * last trade was yielded and the consumer's book equals `final` (or after a deadline: the caller's asserts fail).
 */
async function run(
  faults: { at: number; fault: CoinbaseFault }[],
  depth: BookReplay,
  final: string,
  trades: readonly SourceTrade[] = TRADES,
  tweak: {
    buffer?: { capacity: number; policy: "pause" | "drop" };
    slowMs?: number;
    /** Tests that count exact recoveries use a long one, so a loaded machine cannot add a spurious reconnect. */
    staleAfterMs?: number;
    onQuote?: (q: NormalizedQuote, book: OrderBook) => void;
  } = {},
) {
  const ex = await FakeCoinbase.start(trades, { tradesPerTick: 40, tickMs: 2, heartbeatMs: 25, depth });
  cleanup.push(() => ex.close());
  const feed = new CoinbaseFeed({
    wsUrl: ex.wsUrl,
    restUrl: ex.restUrl,
    productIds: [P],
    channels: tweak.onQuote ? ["matches", "ticker", "level2_batch"] : ["matches", "level2_batch"],
    startAfterTradeId: { [P]: trades[0]!.id - 1 },
    staleAfterMs: tweak.staleAfterMs ?? 500,
    backoff: { initialMs: 10, maxMs: 100, factor: 2, jitter: 0.5 },
    ...(tweak.buffer ? { buffer: tweak.buffer } : {}),
  });
  cleanup.push(() => feed.close());
  const mine = new OrderBook();
  const events: FeedEvent[] = [];
  /** For each book event: the consumer's book after it (as a key). */
  const after: string[] = [];
  let lastTrade = Number.NaN;
  const loop = (async () => {
    for await (const ev of feed.events()) {
      events.push(ev);
      if (tweak.slowMs && events.length % 50 === 0) await new Promise((r) => setTimeout(r, tweak.slowMs));
      if (ev.kind === "trade") lastTrade = ev.tradeId;
      if (ev.kind === "quote") tweak.onQuote?.(ev, mine);
      if (ev.kind !== "book") continue;
      if (ev.snapshot) mine.reset(ev.bids, ev.asks);
      else mine.apply(ev.bids, ev.asks);
      after.push(keyOf(mine));
    }
  })();
  feed.start();
  await waitFor(() => ex.subscribers("level2_batch") > 0 && ex.stats.snapshotsSent > 0, 10_000);
  ex.schedule(faults);
  ex.play();
  const n = depth.updates.length;
  await waitFor(
    () =>
      ex.published === trades.length &&
      ex.depthPublished === n &&
      lastTrade === trades[trades.length - 1]!.id &&
      keyOf(mine) === final,
    20_000,
  );
  await feed.close();
  await loop;
  return { ex, feed, mine, events, after };
}

/** Every book state the consumer went through is one of the source's states, never going back in time. */
function expectSourceStates(after: readonly string[]): void {
  const index = new Map(STATES.map((s, i) => [s, i]));
  let prev = 0;
  for (let i = 0; i < after.length; i++) {
    const k = index.get(after[i]!);
    expect(k, `book after event ${i} is not a source state`).toBeDefined();
    expect(k!, `book after event ${i} went back in time`).toBeGreaterThanOrEqual(prev);
    prev = k!;
  }
}

describe("CoinbaseFeed level 2 against the fake Coinbase (real book data)", () => {
  it("the fake speaks Coinbase's level-2 formats: snapshot on (re)subscribe, l2update, REST book levels 1 and 2", async () => {
    const ex = await FakeCoinbase.start(TRADES.slice(0, 100), { heartbeatMs: 1000, depth: DEPTH });
    cleanup.push(() => ex.close());
    const { default: WebSocket } = await import("ws");
    const ws = new WebSocket(ex.wsUrl);
    cleanup.push(() => ws.terminate());
    const got: Record<string, unknown>[] = [];
    ws.on("message", (d) => got.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once("open", r));
    const sub = (type: string) =>
      ws.send(
        JSON.stringify({ type, product_ids: [P], channels: [{ name: "level2_batch", product_ids: [P] }] }),
      );
    sub("subscribe");
    await waitFor(() => got.length >= 2, 5000);
    expect(got[0]).toMatchObject({
      type: "subscriptions",
      channels: [{ name: "level2_batch", product_ids: [P] }],
    });
    const snap = got[1] as { type: string; product_id: string; bids: string[][]; asks: string[][] };
    expect(snap.type).toBe("snapshot");
    expect(snap.product_id).toBe(P);
    expect(snap.bids[0]).toEqual(["20377.00", "1.770"]); // the file's first row, as written
    expect(snap.bids).toHaveLength(100);
    expect(snap.asks).toEqual([]);
    ex.fault({ kind: "burst", count: 100 }); // publishes every update
    await waitFor(() => got.filter((m) => m.type === "l2update").length === DEPTH.updates.length, 5000);
    const u = got.find((m) => m.type === "l2update") as { changes: string[][]; time: string };
    expect(u.changes[0]).toEqual(["sell", "20472.80", "0.000"]); // first update row: ask deleted
    expect(u.time).toBe("2022-11-01T23:59:59.939000Z"); // the row timestamp 1667347199939 ms
    sub("unsubscribe");
    sub("subscribe");
    await waitFor(() => got.filter((m) => m.type === "snapshot").length === 2, 5000);
    const again = got.filter((m) => m.type === "snapshot")[1] as { bids: string[][]; asks: string[][] };
    const num = (ls: string[][]) => ls.map(([p, q]) => [Number(p), Number(q)]);
    expect({ bids: num(again.bids), asks: num(again.asks) }).toEqual(JSON.parse(STATES[STATES.length - 1]!));
    const l1 = (await (await fetch(`${ex.restUrl}/products/${P}/book`)).json()) as { bids: unknown[] };
    expect(l1.bids).toHaveLength(1);
    const l2 = (await (await fetch(`${ex.restUrl}/products/${P}/book?level=2`)).json()) as {
      bids: [string, string, number][];
      sequence: number;
    };
    expect(l2.bids).toHaveLength(again.bids.length);
    expect(l2.bids[0]).toEqual([...again.bids[0]!, 1]);
    expect(l2.sequence).toBeGreaterThan(100);
    expect((await fetch(`${ex.restUrl}/products/${P}/book?level=3`)).status).toBe(400);
  });

  it("CoinbaseFeed.fetchBook reads the REST level-2 book (sequence kept) equal to the fake's book", async () => {
    const ex = await FakeCoinbase.start(TRADES.slice(0, 100), { heartbeatMs: 1000, depth: DEPTH });
    cleanup.push(() => ex.close());
    ex.fault({ kind: "burst", count: 60 });
    const feed = new CoinbaseFeed({ wsUrl: ex.wsUrl, restUrl: ex.restUrl, productIds: [P] });
    const snap = await feed.fetchBook(P);
    const book = new OrderBook();
    book.reset(snap.bids, snap.asks);
    expect(book.levels()).toEqual(ex.book.levels());
    expect(snap.snapshot).toBe(true);
    expect(snap.lastUpdateId).toBe(60 + ex.depthPublished);
  });

  it("no fault: the book rebuilt from the yielded snapshot + diffs passes through the source's states and ends equal to it", async () => {
    const final = STATES[STATES.length - 1]!;
    const { feed, mine, events, after } = await run([], DEPTH, final, TRADES, { staleAfterMs: 10_000 });
    expect(keyOf(mine)).toBe(final);
    expect(keyOf(feed.books.get(P)!)).toBe(final);
    expectSourceStates(after);
    expect(bookEvents(events).filter((e) => e.snapshot)).toHaveLength(1);
    expect(bookEvents(events).filter((e) => !e.snapshot)).toHaveLength(DEPTH.updates.length);
    expect(feed.metrics.total("book_gaps")).toBe(0);
    const d = bookEvents(events).find((e) => !e.snapshot)!;
    expect(d.ts).toBe(DEPTH.updates[0]!.ts); // l2update time → UTC epoch ms
  });

  it.each<[string, CoinbaseFault, "reconnects" | "book_gaps" | "duplicates" | "stale"]>([
    [
      "a disconnect mid-stream (rebuilt from the new subscription's snapshot)",
      { kind: "disconnect" },
      "reconnects",
    ],
    [
      "malformed frames, one of them an l2update (counted, resubscribed)",
      { kind: "malformed", count: 3 },
      "book_gaps",
    ],
    ["duplicated l2updates (dropped, counted)", { kind: "duplicate", count: 5 }, "duplicates"],
    ["a stall (stale, reconnect, snapshot)", { kind: "stall", ms: 800 }, "stale"],
  ])("recovers from %s: the consumer's book ends equal to the source's", async (_n, fault, counter) => {
    const final = STATES[STATES.length - 1]!;
    const { feed, mine, events, after } = await run(
      [
        { at: 1000, fault },
        { at: 2000, fault },
      ],
      DEPTH,
      final,
    );
    expect(keyOf(mine)).toBe(final);
    expect(keyOf(feed.books.get(P)!)).toBe(final);
    expectSourceStates(after);
    expect(feed.metrics.total(counter)).toBeGreaterThan(0);
    if (fault.kind !== "duplicate") {
      // rebuilt mid-stream: a second snapshot, after diffs
      const kinds = bookEvents(events).map((e) => (e.snapshot ? "S" : "d"));
      expect(kinds.join("")).toMatch(/^Sd+S/);
      expect(feed.metrics.total("book_resyncs")).toBeGreaterThanOrEqual(2);
    }
    if (fault.kind === "malformed") {
      expect(feed.metrics.total("malformed")).toBe(6);
      expect(feed.parser.samples.some((s) => /changes/.test(s.reason))).toBe(true);
    }
  });

  it("the ticker channel yields quotes whose best bid/ask and sizes equal the book rebuilt from the level-2 events at that point", async () => {
    const final = STATES[STATES.length - 1]!;
    const quotes: NormalizedQuote[] = [];
    const mismatches: unknown[] = [];
    await run([], DEPTH, final, TRADES.slice(0, 1500), {
      staleAfterMs: 10_000,
      onQuote: (q, book) => {
        quotes.push(q);
        const bb = book.bestBid();
        const ba = book.bestAsk();
        const got = [q.bid, q.bidSize, q.ask, q.askSize];
        const want = [bb, book.bids.get(bb), ba, book.asks.get(ba)];
        if (got.some((x, i) => x !== want[i])) mismatches.push({ got, want });
      },
    });
    expect(mismatches).toEqual([]);
    // one per trade once both sides of the book exist (the file's snapshot has bids only; asks come with update 1)
    expect(quotes.length).toBeGreaterThan(1400);
    expect(quotes.length).toBeLessThan(1500);
    expect(quotes.every((q, i) => i === 0 || q.updateId > quotes[i - 1]!.updateId)).toBe(true);
    const first = TRADES[1500 - quotes.length]!;
    expect(quotes[0]).toMatchObject({ kind: "quote", exchange: "coinbase", symbol: P, ts: first.ts });
  });

  it("a slow consumer with buffer policy drop: dropped book events trigger a resubscribe, dropped trades a REST catch-up; book and trades end equal to the source", async () => {
    const final = STATES[STATES.length - 1]!;
    const { feed, mine, events, after } = await run(
      [{ at: 200, fault: { kind: "burst", count: 2500 } }],
      DEPTH,
      final,
      TRADES,
      { buffer: { capacity: 100, policy: "drop" }, slowMs: 5 },
    );
    expect(feed.metrics.total("buffer_dropped")).toBeGreaterThan(0);
    expect(feed.metrics.total("book_gaps")).toBeGreaterThan(0);
    expect(keyOf(mine)).toBe(final);
    expect(keyOf(feed.books.get(P)!)).toBe(final);
    expectSourceStates(after);
    const ids = events.flatMap((e) => (e.kind === "trade" ? [e.tradeId] : []));
    expect(ids).toEqual(TRADES.map((t) => t.id));
  });

  it("a lost l2update that leaves the book crossed is detected and repaired from a new snapshot", async () => {
    // Update 0 moves the ask up (101 → 103); update 1 bids 102. Without update 0, the local book is crossed.
    const depth: BookReplay = {
      snapshot: { bids: [["100", "1"]], asks: [["101", "1"]] },
      updates: [
        {
          ts: 1,
          b: [],
          a: [
            ["101", "0"],
            ["103", "1"],
          ],
        },
        { ts: 2, b: [["102", "1"]], a: [] },
        { ts: 3, b: [["99", "2"]], a: [["104", "1.5"]] },
        { ts: 4, b: [["100", "0"]], a: [] },
      ],
    };
    const final = JSON.stringify({
      bids: [
        [102, 1],
        [99, 2],
      ],
      asks: [
        [103, 1],
        [104, 1.5],
      ],
    });
    const { feed, mine, events } = await run(
      [{ at: 0, fault: { kind: "bookGap" } }],
      depth,
      final,
      TRADES.slice(0, 300),
      { staleAfterMs: 10_000 },
    );
    expect(keyOf(mine)).toBe(final);
    expect(feed.metrics.total("book_gaps")).toBe(1);
    const books = bookEvents(events);
    // The crossing diff is withheld; the new snapshot comes before any later diff (diffs published while it was
    // on its way are superseded by it: book_diffs_dropped).
    expect(books.map((e) => (e.snapshot ? "S" : "d")).join("")).toMatch(/^SSd{0,2}$/);
    const second = books[1]!;
    expect(second.snapshot).toBe(true);
    // the fake's book after update 1 (or later): never the crossed local state
    expect([
      [
        [102, 1],
        [100, 1],
      ],
      [
        [102, 1],
        [100, 1],
        [99, 2],
      ],
      [
        [102, 1],
        [99, 2],
      ],
    ]).toContainEqual(second.bids);
    expect(second.bids[0]).toEqual([102, 1] as Level);
    expect(second.asks[0]).toEqual([103, 1] as Level);
  });

  it("property: for random books and diffs under random disconnects, malformed frames and duplicates, snapshot + yielded diffs equal the final book computed directly", async () => {
    // A small price grid (40 prices a side), so updates often change or delete existing levels.
    const price = (lo: number, hi: number) =>
      fc
        .tuple(fc.integer({ min: lo, max: hi }), fc.constantFrom("00", "25", "5", "75"))
        .map(([i, f]) => `${i}.${f}`);
    const size = fc.oneof(
      fc.constant("0"),
      fc.integer({ min: 1, max: 10_000 }).map((q) => (q / 1000).toFixed(3)),
    );
    // Bids below 500, asks above 500: the book can never be crossed, so every recovery is fault-driven.
    const levels = (lo: number, hi: number) => fc.array(fc.tuple(price(lo, hi), size), { maxLength: 6 });
    const replay = fc.record({
      snapshot: fc.record({ bids: levels(490, 499), asks: levels(501, 510) }),
      updates: fc.array(fc.record({ b: levels(490, 499), a: levels(501, 510) }), {
        minLength: 1,
        maxLength: 30,
      }),
    });
    const fault = fc.oneof(
      fc.constant<CoinbaseFault>({ kind: "disconnect" }),
      fc.constant<CoinbaseFault>({ kind: "malformed", count: 3 }),
      fc.constant<CoinbaseFault>({ kind: "duplicate", count: 2 }),
    );
    const trades = TRADES.slice(0, 400);
    await fc.assert(
      fc.asyncProperty(
        replay,
        fc.array(fc.record({ at: fc.integer({ min: 1, max: 399 }), fault }), { minLength: 1, maxLength: 3 }),
        async (r, faults) => {
          const depth: BookReplay = {
            snapshot: {
              bids: r.snapshot.bids.filter(([, q]) => q !== "0"),
              asks: r.snapshot.asks.filter(([, q]) => q !== "0"),
            },
            updates: r.updates.map((u, i) => ({ ts: i, b: u.b, a: u.a })),
          };
          // Independent final state: last write per (side, price), size 0 deletes.
          const last = { b: new Map<number, number>(), a: new Map<number, number>() };
          const put = (m: Map<number, number>, [p, q]: readonly [string, string]) =>
            Number(q) === 0 ? m.delete(Number(p)) : m.set(Number(p), Number(q));
          for (const l of depth.snapshot.bids) put(last.b, l);
          for (const l of depth.snapshot.asks) put(last.a, l);
          for (const u of depth.updates) {
            for (const l of u.b) put(last.b, l);
            for (const l of u.a) put(last.a, l);
          }
          const final = JSON.stringify({
            bids: [...last.b].sort((x, y) => y[0] - x[0]),
            asks: [...last.a].sort((x, y) => x[0] - y[0]),
          });
          const { mine, feed } = await run(faults, depth, final, trades);
          for (const f of cleanup.splice(0).reverse()) await f();
          expect(keyOf(mine)).toBe(final);
          expect(keyOf(feed.books.get(P)!)).toBe(final);
        },
      ),
      { numRuns: 20, seed: 20261125 },
    );
  });
});
