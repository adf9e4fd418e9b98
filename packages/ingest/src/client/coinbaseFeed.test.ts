import { fileURLToPath } from "node:url";
import { aggregateTicks } from "@quantkit/data";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type CoinbaseFault, FakeCoinbase, isoMicros } from "../fake/fakeCoinbase.js";
import { loadTardisTrades, type SourceTrade } from "../fake/replayData.js";
import { sourceColumns } from "../fake/sourceColumns.testutil.js";
import { coinbaseTimeMs } from "../normalize/coinbase.js";
import { INGEST_TIMEFRAMES, IngestPipeline } from "../pipeline/ingestPipeline.js";
import { type Cleanup, openTempStore } from "../pipeline/tempStore.testutil.js";
import type { NormalizedTrade } from "../types.js";
import { CoinbaseFeed } from "./coinbaseFeed.js";

vi.setConfig({ testTimeout: 60_000 });
const SOURCE = loadTardisTrades(
  fileURLToPath(
    new URL("../../test-data/tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv", import.meta.url),
  ),
).slice(0, 4000);
const P = "BTC-USD";

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function run(
  faults: { at: number; fault: CoinbaseFault }[],
  consume?: (t: NormalizedTrade) => Promise<void>,
  src: readonly SourceTrade[] = SOURCE,
  heartbeatMs = 25,
) {
  const ex = await FakeCoinbase.start(src, { tradesPerTick: 40, tickMs: 2, heartbeatMs });
  cleanup.push(() => ex.close());
  const feed = new CoinbaseFeed({
    wsUrl: ex.wsUrl,
    restUrl: ex.restUrl,
    productIds: [P],
    startAfterTradeId: { [P]: src[0]!.id - 1 },
    staleAfterMs: 500,
    backoff: { initialMs: 10, maxMs: 100, factor: 2, jitter: 0.5 },
    restLimit: 100, // several REST pages per gap
  });
  cleanup.push(() => feed.close());
  feed.start();
  while (ex.connected === 0 || !feed.isConnected) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 30)); // subscription acknowledged
  ex.schedule(faults);
  ex.play();
  const trades: NormalizedTrade[] = [];
  const last = src[src.length - 1]!.id;
  for await (const ev of feed.events()) {
    if (ev.kind !== "trade") continue;
    trades.push(ev);
    if (consume) await consume(ev);
    if (ev.tradeId === last) break;
  }
  return { ex, feed, trades };
}

function expectSource(got: readonly NormalizedTrade[], src: readonly SourceTrade[] = SOURCE): void {
  expect(got.length).toBe(src.length);
  for (let i = 0; i < src.length; i++) {
    const g = got[i]!;
    const s = src[i]!;
    if (g.tradeId !== s.id || g.ts !== s.ts || g.price !== s.price || g.size !== s.size || g.side !== s.side)
      expect({ i, id: g.tradeId, ts: g.ts, p: g.price, q: g.size, side: g.side }).toEqual({
        i,
        id: s.id,
        ts: s.ts,
        p: s.price,
        q: s.size,
        side: s.side,
      });
  }
}

describe("CoinbaseFeed against the fake Coinbase", () => {
  it("speaks Coinbase's formats: µs ISO times, REST newest first with `after` paging and the maker's side, 4xx", async () => {
    expect(isoMicros(1000.5)).toBe("1970-01-01T00:00:01.000500Z");
    expect(coinbaseTimeMs(isoMicros(SOURCE[7]!.ts))).toBe(SOURCE[7]!.ts);
    const ex = await FakeCoinbase.start(SOURCE.slice(0, 300), { heartbeatMs: 20 });
    cleanup.push(() => ex.close());
    ex.fault({ kind: "burst", count: 250 });
    type Row = { trade_id: number; side: string };
    const page = (await (await fetch(`${ex.restUrl}/products/${P}/trades?limit=100`)).json()) as Row[];
    expect(page).toHaveLength(100);
    expect(page[0]!.trade_id).toBe(SOURCE[249]!.id); // newest published first
    const older = await fetch(`${ex.restUrl}/products/${P}/trades?limit=100&after=${page[99]!.trade_id}`);
    expect(older.headers.get("cb-after")).toBe(String(SOURCE[50]!.id));
    expect(((await older.json()) as Row[])[0]!.trade_id).toBe(SOURCE[149]!.id);
    expect(page[0]!.side).toBe(SOURCE[249]!.side === 1 ? "sell" : "buy"); // maker side
    expect((await fetch(`${ex.restUrl}/products/ETH-USD/trades`)).status).toBe(404);
    expect((await fetch(`${ex.restUrl}/products/${P}/trades?limit=5000`)).status).toBe(400);
  });

  it.each<[string, CoinbaseFault, string]>([
    ["duplicates", { kind: "duplicate", count: 30 }, "duplicates"],
    ["malformed messages", { kind: "malformed", count: 6 }, "malformed"],
    // the skipped trades come from REST whether the next trade or a heartbeat reveals the gap first
    ["a trade-id gap (backfilled over several REST pages)", { kind: "gap", count: 257 }, "trades_backfilled"],
    ["a disconnect", { kind: "disconnect" }, "reconnects"],
    ["a stalled connection (no heartbeats)", { kind: "stall", ms: 800 }, "stale"],
    ["a burst", { kind: "burst", count: 1500 }, "messages"],
  ])(
    "recovers from %s: trades equal the source exactly and the fault's counter moves",
    async (_name, fault, counter) => {
      const { feed, trades } = await run([{ at: 1000, fault }]);
      expectSource(trades);
      expect(feed.metrics.total(counter as never)).toBeGreaterThan(0);
    },
  );

  it("without heartbeats in between, the next trade's id jump reveals a gap (trade_gaps) and REST fills it before that trade", async () => {
    const { feed, trades } = await run(
      [{ at: 1000, fault: { kind: "gap", count: 257 } }],
      undefined,
      SOURCE,
      60_000,
    );
    expectSource(trades);
    expect(feed.metrics.total("trade_gaps")).toBe(1);
    expect(feed.metrics.total("trades_backfilled")).toBe(257);
  });

  it("a gap at the very tail (no later trade reveals it) is caught up through the heartbeat's last_trade_id", async () => {
    const src = SOURCE.slice(0, 600);
    const { feed, trades } = await run([{ at: 560, fault: { kind: "gap", count: 40 } }], undefined, src);
    expectSource(trades, src);
    expect(feed.metrics.total("trades_backfilled")).toBe(40);
  });

  it("fake Coinbase → CoinbaseFeed → IngestPipeline → store under every fault: trades equal the source, bars equal aggregateTicks", async () => {
    const { store } = await openTempStore(cleanup, "qk-cb-store-", { compactAfterParts: 8 });
    const pipe = new IngestPipeline(store, { symbol: P, batchSize: 200 });
    const { feed } = await run(
      [
        { at: 300, fault: { kind: "duplicate", count: 25 } },
        { at: 700, fault: { kind: "malformed", count: 4 } },
        { at: 1100, fault: { kind: "gap", count: 150 } },
        { at: 1800, fault: { kind: "disconnect" } },
        { at: 2500, fault: { kind: "stall", ms: 800 } },
        { at: 3200, fault: { kind: "burst", count: 500 } },
      ],
      (t) => pipe.add(t),
    );
    await pipe.finish({ includeIncomplete: true });
    for (const c of ["duplicates", "malformed", "trades_backfilled", "reconnects", "stale"] as const)
      expect(feed.metrics.total(c), c).toBeGreaterThan(0);
    const want = sourceColumns(SOURCE, P);
    const got = await store.getTrades({ symbol: P });
    expect(got.ts).toEqual(want.ts);
    expect(got.price).toEqual(want.price);
    expect(got.size).toEqual(want.size);
    expect(got.side).toEqual(want.side);
    for (const tf of INGEST_TIMEFRAMES) {
      const ref = aggregateTicks(want, tf, { includeIncomplete: true });
      const bars = await store.getBars({ symbol: P, timeframe: tf, includeIncomplete: true });
      for (const k of ["ts", "open", "high", "low", "close", "volume"] as const)
        expect(bars[k], `${tf} ${k}`).toEqual(ref[k]);
    }
  });

  it("validates its options", () => {
    expect(() => new CoinbaseFeed({ wsUrl: "ws://x", restUrl: "http://x", productIds: ["btc-usd"] })).toThrow(
      /productIds/,
    );
  });
});
