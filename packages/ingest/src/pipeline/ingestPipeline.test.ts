import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { aggregateTicks, openStore } from "@quantkit/data";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BinanceFeed } from "../client/binanceFeed.js";
import { FakeExchange, type Fault } from "../fake/fakeExchange.js";
import { loadDepthReplay, loadTardisTrades, type SourceTrade } from "../fake/replayData.js";
import { sourceColumns } from "../fake/sourceColumns.testutil.js";
import type { NormalizedTrade } from "../types.js";
import { INGEST_TIMEFRAMES, IngestPipeline } from "./ingestPipeline.js";
import { ingestUntil } from "./ingestUntil.testutil.js";
import { type Cleanup, openTempStore, tempDir } from "./tempStore.testutil.js";

vi.setConfig({ testTimeout: 60_000 });
const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));
const SOURCE = loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv"));
const DEPTH = loadDepthReplay(data("btcusdt-depth-snap.csv"), data("btcusdt-depth-update.csv"));

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const columns = (src: readonly SourceTrade[]) => sourceColumns(src, "BTCUSDT");

/** A replayed trade as the normalized trade a feed would yield (exchange "x", event time = trade time). */
function tradeOf(t: SourceTrade): NormalizedTrade {
  return {
    kind: "trade",
    ts: t.ts,
    price: t.price,
    size: t.size,
    side: t.side,
    exchange: "x",
    symbol: "BTCUSDT",
    tradeId: t.id,
    eventTs: t.ts,
  };
}

async function ingest(faults: readonly { at: number; fault: Fault }[], includeIncomplete: boolean) {
  const { store } = await openTempStore(cleanup);
  const ex = await FakeExchange.start(SOURCE, DEPTH, { tradesPerTick: 100, tickMs: 2 });
  cleanup.push(() => ex.close());
  const feed = new BinanceFeed({
    wsUrl: ex.wsUrl,
    restUrl: ex.restUrl,
    symbols: ["BTCUSDT"],
    streams: ["aggTrade", "depth"],
    startAfterTradeId: { BTCUSDT: SOURCE[0]!.id - 1 },
    pingIntervalMs: 100,
    staleAfterMs: 500, // well above event-loop stalls of a loaded 2-core machine; the stall fault is longer
    backoff: { initialMs: 10, maxMs: 100, factor: 2, jitter: 0.5 },
  });
  cleanup.push(() => feed.close());
  const pipe = new IngestPipeline(store, { symbol: "BTCUSDT", batchSize: 2500 });
  feed.start();
  while (!feed.isConnected) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20));
  ex.schedule(faults);
  ex.play();
  await ingestUntil(feed, pipe, SOURCE[SOURCE.length - 1]!.id);
  await pipe.finish({ includeIncomplete });
  return { store, feed, pipe };
}

const ALL_FAULTS: { at: number; fault: Fault }[] = [
  { at: 800, fault: { kind: "duplicate", count: 40 } },
  { at: 1500, fault: { kind: "malformed", count: 5 } },
  { at: 2500, fault: { kind: "gap", count: 123 } },
  { at: 3000, fault: { kind: "disconnect" } },
  { at: 4000, fault: { kind: "bookGap" } },
  { at: 6000, fault: { kind: "stall", ms: 900 } },
  { at: 8000, fault: { kind: "burst", count: 1000 } },
];

describe("IngestPipeline: fake exchange → feed → bars + Parquet store", () => {
  it("under every injected fault, stored trades equal the source and stored bars equal aggregateTicks (incl. partial bars)", async () => {
    const { store, feed, pipe } = await ingest(ALL_FAULTS, true);
    // Each fault visibly happened. Not "stale": whether the stall (≈ 60 ms of replay after the disconnect) lands on a
    // settled connection or on one still reconnecting is timing-dependent, so the count is 0 or 1 (a fresh-clone CI
    // run saw 0); stale detection has its own deterministic test in binanceFeed.test.ts. The equalities below hold
    // either way.
    for (const c of ["duplicates", "malformed", "trade_gaps", "reconnects", "book_resyncs"] as const)
      expect(feed.metrics.total(c), c).toBeGreaterThan(0);
    const stored = await store.getTrades({ symbol: "BTCUSDT" });
    const want = columns(SOURCE);
    expect(stored.length).toBe(SOURCE.length);
    expect(stored.ts).toEqual(want.ts);
    expect(stored.price).toEqual(want.price);
    expect(stored.size).toEqual(want.size);
    expect(stored.side).toEqual(want.side);
    expect(pipe.stats.tradesWritten).toBe(SOURCE.length);
    expect(pipe.stats.outOfOrder).toBe(0);
    for (const tf of INGEST_TIMEFRAMES) {
      const got = await store.getBars({ symbol: "BTCUSDT", timeframe: tf, includeIncomplete: true });
      const ref = aggregateTicks(want, tf, { includeIncomplete: true });
      expect(got.length, tf).toBe(ref.length);
      for (const k of ["ts", "open", "high", "low", "close", "volume"] as const)
        expect(got[k], `${tf} ${k}`).toEqual(ref[k]);
    }
  });

  it("without partial bars, stores exactly the bars aggregateTicks calls complete", async () => {
    const { store } = await ingest([{ at: 4000, fault: { kind: "gap", count: 10 } }], false);
    const want = columns(SOURCE);
    for (const tf of ["1m", "1h", "1d"] as const) {
      const ref = aggregateTicks(want, tf);
      const got = await store.getBars({ symbol: "BTCUSDT", timeframe: tf });
      expect(got.length, tf).toBe(ref.length);
      expect(got.ts, tf).toEqual(ref.ts);
      expect(got.close, tf).toEqual(ref.close);
      expect(got.volume, tf).toEqual(ref.volume);
    }
  });

  it("late trades (out of order within a batch) are amended per policy: bars and trades equal the sorted batch result", async () => {
    const { store } = await openTempStore(cleanup);
    const src = SOURCE.slice(0, 4000);
    // Deliver about every 50th trade 30 positions late (a late tick for the 1s bars, sometimes for 1m). Only
    // trades with a timestamp of their own are moved: BarAggregator breaks ties of equal times by arrival.
    const count = new Map<number, number>();
    for (const t of src) count.set(t.ts, (count.get(t.ts) ?? 0) + 1);
    const order = src.map((_, i) => i);
    let moved = 0;
    for (let i = 50; i + 30 < order.length; i += 50) {
      if (count.get(src[order[i]!]!.ts) !== 1) continue;
      const [x] = order.splice(i, 1);
      order.splice(i + 30, 0, x!);
      moved++;
    }
    expect(moved).toBeGreaterThan(20);
    const pipe = new IngestPipeline(store, { symbol: "BTCUSDT", batchSize: 10_000, latePolicy: "amend" });
    for (const i of order) await pipe.add(tradeOf(src[i]!));
    await pipe.finish({ includeIncomplete: true });
    expect(pipe.stats.corrections).toBeGreaterThan(0);
    const want = columns(src);
    const stored = await store.getTrades({ symbol: "BTCUSDT" });
    expect(stored.ts).toEqual(want.ts);
    expect(stored.size).toEqual(want.size);
    for (const tf of ["1s", "1m"] as const) {
      const ref = aggregateTicks(want, tf, { includeIncomplete: true });
      const got = await store.getBars({ symbol: "BTCUSDT", timeframe: tf, includeIncomplete: true });
      for (const k of ["ts", "open", "high", "low", "close"] as const)
        expect(got[k], `${tf} ${k}`).toEqual(ref[k]);
      // Volume is summed in arrival order, so a late size is added last: equal up to float rounding.
      expect(got.volume.length).toBe(ref.volume.length);
      got.volume.forEach((v, i) => {
        expect(Math.abs(v - ref.volume[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(ref.volume[i]!));
      });
    }
  });

  it("SIGKILL during ingestion, restart from the checkpoint: the store is complete, without duplicates, bars = aggregateTicks", async () => {
    const root = tempDir(cleanup, "qk-ingest-kill-");
    const checkpoint = join(root, "checkpoint.json");
    const ex = await FakeExchange.start(SOURCE, null, { tradesPerTick: 10, tickMs: 2 });
    cleanup.push(() => ex.close());
    const worker = fileURLToPath(new URL("./ingestWorker.testutil.ts", import.meta.url));
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=@quantkit/source",
        worker,
        ex.wsUrl,
        ex.restUrl,
        root,
        checkpoint,
        String(SOURCE[0]!.id - 1),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<NodeJS.Signals | null>((r) =>
      child.once("exit", (_code, signal) => r(signal)),
    );
    cleanup.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => resolve());
      child.once("exit", () => reject(new Error(`worker exited early: ${stderr}`)));
    });
    while (ex.connected === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    ex.play();
    // Kill it mid-stream, once a few batches are committed.
    while (
      !existsSync(checkpoint) ||
      (JSON.parse(readFileSync(checkpoint, "utf8")) as { trades: number }).trades < 900
    )
      await new Promise((r) => setTimeout(r, 2));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const killedAt = JSON.parse(readFileSync(checkpoint, "utf8")) as { trades: number };
    expect(killedAt.trades).toBeLessThan(SOURCE.length);

    // Restart in this process: resume from the checkpoint, backfill, run to the end.
    const store = await openStore({ root, bundled: false });
    cleanup.push(() => store.close());
    const { pipeline, startAfterTradeId } = await IngestPipeline.resume(store, {
      symbol: "BTCUSDT",
      batchSize: 300,
      checkpoint,
    });
    expect(startAfterTradeId).toBeGreaterThanOrEqual(SOURCE[0]!.id);
    const feed = new BinanceFeed({
      wsUrl: ex.wsUrl,
      restUrl: ex.restUrl,
      symbols: ["BTCUSDT"],
      startAfterTradeId: { BTCUSDT: startAfterTradeId! },
    });
    cleanup.push(() => feed.close());
    feed.start();
    await ingestUntil(feed, pipeline, SOURCE[SOURCE.length - 1]!.id);
    await pipeline.finish({ includeIncomplete: true });
    const want = columns(SOURCE);
    const stored = await store.getTrades({ symbol: "BTCUSDT" });
    expect(stored.length).toBe(SOURCE.length);
    expect(stored.ts).toEqual(want.ts);
    expect(stored.price).toEqual(want.price);
    expect(stored.size).toEqual(want.size);
    for (const tf of INGEST_TIMEFRAMES) {
      const got = await store.getBars({ symbol: "BTCUSDT", timeframe: tf, includeIncomplete: true });
      const ref = aggregateTicks(want, tf, { includeIncomplete: true });
      for (const k of ["ts", "open", "high", "low", "close", "volume"] as const)
        expect(got[k], `${tf} ${k}`).toEqual(ref[k]);
    }
  });

  for (const tfs of [INGEST_TIMEFRAMES, ["1s", "1m"] as const]) {
    it(`partialBars() equals the last bar of aggregateTicks over the trades so far (${tfs.join(" ")})`, async () => {
      const { store } = await openTempStore(cleanup);
      const pipe = new IngestPipeline(store, { symbol: "BTCUSDT", batchSize: 100_000, timeframes: [...tfs] });
      expect(pipe.partialBars().get("1m")).toBeNull();
      const checkAt = new Set([0, 1, 57, 1234, 3001, 5000, 7777, 9998]);
      for (let i = 0; i < SOURCE.length; i++) {
        await pipe.add(tradeOf(SOURCE[i]!));
        if (!checkAt.has(i)) continue;
        const sofar = columns(SOURCE.slice(0, i + 1));
        const partial = pipe.partialBars();
        for (const tf of tfs) {
          const ref = aggregateTicks(sofar, tf, { includeIncomplete: true });
          const k = ref.length - 1;
          expect(partial.get(tf), `${tf} at ${i}`).toEqual({
            ts: ref.ts[k],
            open: ref.open[k],
            high: ref.high[k],
            low: ref.low[k],
            close: ref.close[k],
            volume: ref.volume[k],
          });
        }
      }
    });
  }

  it("group commit: a failed background write is thrown by the next add/flush, never lost silently", async () => {
    const store = await openStore({ root: tempDir(cleanup), bundled: false });
    await store.close(); // every write will fail
    const pipe = new IngestPipeline(store, { symbol: "BTCUSDT", batchSize: 10, timeframes: ["1m"] });
    const add = (i: number) => pipe.add(tradeOf(SOURCE[i]!));
    let thrown: unknown;
    for (let i = 0; i < 200 && thrown === undefined; i++) {
      try {
        await add(i);
      } catch (e) {
        thrown = e;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(pipe.stats.tradesWritten).toBe(0);
  });

  it("group commit linger: background writes start at least commitIntervalMs apart, and every trade is still stored once, in order", async () => {
    const { root, store } = await openTempStore(cleanup);
    const starts: number[] = [];
    const appendTrades = store.appendTrades.bind(store);
    store.appendTrades = (t, o) => {
      starts.push(performance.now());
      return appendTrades(t, o);
    };
    const interval = 25;
    const checkpoint = join(root, "cp.json");
    const pipe = new IngestPipeline(store, {
      symbol: "BTCUSDT",
      batchSize: 1,
      timeframes: ["1s"],
      commitIntervalMs: interval,
      checkpoint,
    });
    const n = 1500;
    for (let i = 0; i < n; i++) {
      await pipe.add(tradeOf(SOURCE[i]!));
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 2)); // trades keep arriving while writes run
    }
    await pipe.finish();
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(starts.length).toBeGreaterThan(2);
    // timers may fire up to a millisecond early
    for (const g of gaps.slice(0, -1)) expect(g).toBeGreaterThanOrEqual(interval - 1.5);
    const stored = await store.getTrades({ symbol: "BTCUSDT" });
    expect(Array.from(stored.ts)).toEqual(SOURCE.slice(0, n).map((t) => t.ts));
    expect(pipe.stats.tradesWritten).toBe(n);
    // the checkpoint, written in the background, is the last committed trade once finish() returns
    expect(JSON.parse(readFileSync(checkpoint, "utf8"))).toEqual({
      symbol: "BTCUSDT",
      lastTradeId: SOURCE[n - 1]!.id,
      lastTs: SOURCE[n - 1]!.ts,
      trades: n,
    });
  });
});
