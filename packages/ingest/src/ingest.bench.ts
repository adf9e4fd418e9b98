// Benchmarks of @quantkit/ingest (one core):
// 1. parse + validate (zod) + normalize Binance aggTrade frames, msgs/s; target ≥ 200,000/s. Peer: JSON.parse alone.
// 2. aggregate trades into all seven timeframes (1s 1m 5m 15m 1h 4h 1d) with the streaming BarAggregator,
//    trades/s; target ≥ 1,000,000/s. Peer: @quantkit/data's batch aggregateTicks over the same columns, 7 times.
// 3. fake exchange send → normalized event out of BinanceFeed, p50/p99 latency at 10,000 msgs/s (paced, loopback).
// 4. fake exchange send → in the store at 10,000 msgs/s (and 2,000 for reference): each trade's batch committed
//    (onCommit: appended to the write-ahead log and fsynced), and each closed 1s / 1m bar READABLE through
//    store.getBars (a concurrent poller, every millisecond), measured from the send time (E) of the trade that closed
//    the bar. Group commit (batchSize 1, the default 5 ms commitIntervalMs: a write starts when none is in flight
//    and 5 ms after the previous one started), the store's hot tier (write-ahead log per series, compacted into
//    Parquet parts in the background). CPU time of the whole process (feed, exchange, pipeline, store) and the
//    1-minute load average are printed with each table: compare runs at similar load. An unreported 2,000-trade run
//    first warms up the pipeline and store code (JIT, DuckDB start), as a long-running ingester would be.
// Input: the 9999 real Tardis BTCUSDT trades, tiled in time to the problem size.

import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bucketStart, WallClock } from "@quantkit/core";
import { printTable, size, timeMs } from "@quantkit/core/bench";
import { aggregateTicks, BarAggregator, openStore } from "@quantkit/data";
import { BinanceFeed } from "./client/binanceFeed.js";
import { FakeExchange } from "./fake/fakeExchange.js";
import { loadTardisTrades } from "./fake/replayData.js";
import { binanceEvent, normalizeBinance } from "./normalize/binance.js";
import { MessageParser } from "./normalize/messageParser.js";
import { INGEST_TIMEFRAMES, IngestPipeline } from "./pipeline/ingestPipeline.js";

const src = loadTardisTrades(
  fileURLToPath(
    new URL("../test-data/tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv", import.meta.url),
  ),
);
const span = src[src.length - 1]!.ts - src[0]!.ts + 1;

// 1. parse + validate + normalize
const nMsg = size(500_000, 5_000);
const frames: string[] = new Array(nMsg);
for (let i = 0; i < nMsg; i++) {
  const t = src[i % src.length]!;
  const ts = t.ts + Math.floor(i / src.length) * span;
  const id = src[0]!.id + i;
  frames[i] =
    `{"e":"aggTrade","E":${ts + 3},"s":"BTCUSDT","a":${id},"p":"${t.priceText}","q":"${t.sizeText}","f":${id},"l":${id},"T":${ts},"m":${t.side === -1}}`;
}
let events = 0;
const parseMs = timeMs(
  () => {
    const p = new MessageParser("binance");
    for (let i = 0; i < nMsg; i++) p.parse(frames[i]!);
    events = p.stats.events;
  },
  { repeats: 5, warmup: 1 },
);
if (events !== nMsg) throw new Error(`parsed ${events} of ${nMsg}`);
const jsonMs = timeMs(
  () => {
    let s = 0;
    for (let i = 0; i < nMsg; i++) s += (JSON.parse(frames[i]!) as { a: number }).a;
    return s;
  },
  { repeats: 5, warmup: 1 },
);
const zodMs = timeMs(
  () => {
    let s = 0;
    for (let i = 0; i < nMsg; i++) {
      const r = binanceEvent.safeParse(JSON.parse(frames[i]!));
      if (r.success) s += normalizeBinance(r.data).ts;
    }
    return s;
  },
  { repeats: 3, warmup: 1 },
);
printTable(`parse + validate + normalize ${nMsg.toLocaleString("en")} Binance aggTrade frames (one core)`, [
  {
    name: "quantkit MessageParser.parse (JSON.parse + validated hot path + normalize)",
    ms: parseMs,
    "msgs/s": nMsg / (parseMs / 1000),
    target: "≥ 200,000 msgs/s",
    "× JSON.parse": parseMs / jsonMs,
  },
  {
    name: "JSON.parse + zod discriminated union + normalize (no hot path)",
    ms: zodMs,
    "msgs/s": nMsg / (zodMs / 1000),
    target: "",
    "× JSON.parse": zodMs / jsonMs,
  },
  {
    name: "JSON.parse only",
    ms: jsonMs,
    "msgs/s": nMsg / (jsonMs / 1000),
    target: "peer",
    "× JSON.parse": 1,
  },
]);

// 2. aggregation into all seven timeframes
const nAgg = size(2_000_000, 10_000);
const ts = new Float64Array(nAgg);
const price = new Float64Array(nAgg);
const sz = new Float64Array(nAgg);
const side = new Float64Array(nAgg);
for (let i = 0; i < nAgg; i++) {
  const t = src[i % src.length]!;
  ts[i] = t.ts + Math.floor(i / src.length) * span;
  price[i] = t.price;
  sz[i] = t.size;
  side[i] = t.side;
}
const cols = { symbol: "BTCUSDT", length: nAgg, ts, price, size: sz, side };
let bars = 0;
const streamMs = timeMs(
  () => {
    const aggs = INGEST_TIMEFRAMES.map((timeframe) => new BarAggregator({ timeframe }));
    const tick = { ts: 0, price: 0, size: 0 };
    bars = 0;
    for (let i = 0; i < nAgg; i++) {
      tick.ts = ts[i]!;
      tick.price = price[i]!;
      tick.size = sz[i]!;
      for (let k = 0; k < aggs.length; k++) bars += aggs[k]!.update(tick).length;
    }
    for (const a of aggs) bars += a.flush().length;
  },
  { repeats: 3, warmup: 1 },
);
let batchBars = 0;
const batchMs = timeMs(
  () => {
    batchBars = 0;
    for (const tf of INGEST_TIMEFRAMES)
      batchBars += aggregateTicks(cols, tf, { includeIncomplete: true }).length;
  },
  { repeats: 3, warmup: 1 },
);
if (bars !== batchBars) throw new Error(`bar count mismatch ${bars} vs ${batchBars}`);
printTable(
  `aggregate ${nAgg.toLocaleString("en")} trades into 7 timeframes (${bars.toLocaleString("en")} bars)`,
  [
    {
      name: "quantkit BarAggregator ×7 (streaming, per trade)",
      ms: streamMs,
      "trades/s": nAgg / (streamMs / 1000),
      target: "≥ 1,000,000 trades/s",
      "× batch": streamMs / batchMs,
    },
    {
      name: "@quantkit/data aggregateTicks ×7 (batch columns)",
      ms: batchMs,
      "trades/s": nAgg / (batchMs / 1000),
      target: "peer",
      "× batch": 1,
    },
  ],
);

// 3. end-to-end latency over loopback: fake exchange send (E) → event yielded by the feed
const nE2e = size(9_999, 1_000);
const clock = new WallClock();
const ex = await FakeExchange.start(src.slice(0, nE2e), null, { ratePerSec: 10_000, tickMs: 1 }, clock);
const feed = new BinanceFeed(
  {
    wsUrl: ex.wsUrl,
    restUrl: ex.restUrl,
    symbols: ["BTCUSDT"],
    startAfterTradeId: { BTCUSDT: src[0]!.id - 1 },
  },
  clock,
);
feed.start();
while (!feed.isConnected) await new Promise((r) => setTimeout(r, 5));
await new Promise((r) => setTimeout(r, 50));
const lat: number[] = [];
let firstE = Number.NaN;
let lastE = Number.NaN;
const t0 = performance.now();
ex.play();
const lastId = src[nE2e - 1]!.id;
for await (const ev of feed.events()) {
  if (ev.kind !== "trade") continue;
  lat.push(clock.now() - ev.eventTs);
  if (Number.isNaN(firstE)) firstE = ev.eventTs;
  lastE = ev.eventTs;
  if (ev.tradeId === lastId) break;
}
const wall = performance.now() - t0;
await feed.close();
await ex.close();
lat.sort((a, b) => a - b);
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
printTable(`fake exchange → BinanceFeed, ${nE2e.toLocaleString("en")} trades over loopback`, [
  {
    name: "send (E) → normalized trade out of the feed",
    ms: wall,
    "msgs/s": nE2e / (wall / 1000),
    "sent msgs/s": (nE2e - 1) / ((lastE - firstE) / 1000),
    "p50 ms": q(0.5),
    "p99 ms": q(0.99),
    "max ms": lat[lat.length - 1]!,
    target: "≥ 10,000 msgs/s sent; p99 ≤ 50 ms",
  },
]);

// 4. end to end into the store: send (E) → the batch holding the trade is committed (trades + closed bars), and
//    send (E) of the closing trade → bar readable via getBars; at the target rate and at a lower reference rate.
async function storeLatency(rate: number, count = nE2e, report = true): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "qk-ingest-bench-"));
  const store = await openStore({ root, bundled: false });
  const ex2 = await FakeExchange.start(src.slice(0, count), null, { ratePerSec: rate, tickMs: 1 }, clock);
  const last2 = src[count - 1]!.id;
  const feed2 = new BinanceFeed(
    {
      wsUrl: ex2.wsUrl,
      restUrl: ex2.restUrl,
      symbols: ["BTCUSDT"],
      startAfterTradeId: { BTCUSDT: src[0]!.id - 1 },
    },
    clock,
  );
  const pipe = new IngestPipeline(store, { symbol: "BTCUSDT", batchSize: 1 });
  feed2.start();
  while (!feed2.isConnected) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  const toStore: number[] = [];
  pipe.onCommit = (batch) => {
    const now = clock.now();
    for (const t of batch) toStore.push(now - t.eventTs);
  };
  // E of the trade that closed each bar (the first trade of a later bucket), per polled timeframe.
  const polled = ["1s", "1m"] as const;
  const closedBy = new Map<string, Map<number, number>>(polled.map((tf) => [tf, new Map()]));
  const current = new Map<string, number>(polled.map((tf) => [tf, Number.NEGATIVE_INFINITY]));
  const readable = new Map<string, number[]>(polled.map((tf) => [tf, []]));
  let polling = true;
  let polls = 0;
  const poller = (async () => {
    const next = new Map<string, number>(polled.map((tf) => [tf, 0]));
    while (polling) {
      for (const tf of polled) {
        const have = await store
          .getBars({ symbol: "BTCUSDT", timeframe: tf, start: next.get(tf)! })
          .catch(() => null); // nothing stored yet
        const now = clock.now();
        polls++;
        if (!have || have.length === 0) continue;
        for (let i = 0; i < have.length; i++) {
          const e = closedBy.get(tf)!.get(have.ts[i]!);
          if (e !== undefined) readable.get(tf)!.push(now - e);
        }
        next.set(tf, have.ts[have.length - 1]! + 1);
      }
      // poll every millisecond (a busy loop would take a core from the pipeline on a 2-core machine)
      await new Promise((r) => setTimeout(r, 1));
    }
  })();
  let firstE2 = Number.NaN;
  let lastE2 = Number.NaN;
  const cpu0 = process.cpuUsage();
  const load = loadavg()[0]!;
  const t1 = performance.now();
  ex2.play();
  for await (const ev of feed2.events()) {
    if (ev.kind !== "trade") continue;
    for (const tf of polled) {
      const b = bucketStart(ev.ts, tf);
      const cur = current.get(tf)!;
      if (b > cur) {
        if (cur !== Number.NEGATIVE_INFINITY) closedBy.get(tf)!.set(cur, ev.eventTs);
        current.set(tf, b);
      }
    }
    if (Number.isNaN(firstE2)) firstE2 = ev.eventTs;
    lastE2 = ev.eventTs;
    await pipe.add(ev);
    if (ev.tradeId === last2) break;
  }
  const wall2 = performance.now() - t1;
  await pipe.finish();
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  await new Promise((r) => setTimeout(r, 100));
  polling = false;
  await poller;
  await feed2.close();
  await ex2.close();
  await store.close();
  rmSync(root, { recursive: true, force: true });
  if (!report) return;
  toStore.sort((a, b) => a - b);
  const pct = (xs: number[], p: number) =>
    xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;
  const rows4 = [
    {
      name: "send (E) → trade's batch committed (trades + closed bars of 7 timeframes appended)",
      ms: wall2,
      "msgs/s": nE2e / (wall2 / 1000),
      "sent msgs/s": (nE2e - 1) / ((lastE2 - firstE2) / 1000),
      n: toStore.length,
      "cpu ms": cpuMs,
      "p50 ms": pct(toStore, 0.5),
      "p99 ms": pct(toStore, 0.99),
      "max ms": toStore[toStore.length - 1]!,
      target:
        rate === 10_000
          ? "p99 ≤ 50 ms at 10,000 msgs/s"
          : "(reference: a rate the loaded machine keeps up with)",
    },
  ];
  for (const tf of polled) {
    const xs = readable.get(tf)!.sort((a, b) => a - b);
    rows4.push({
      name: `send (E) of the closing trade → ${tf} bar readable via store.getBars (poller, ${polls} polls)`,
      ms: wall2,
      "msgs/s": nE2e / (wall2 / 1000),
      "sent msgs/s": (nE2e - 1) / ((lastE2 - firstE2) / 1000),
      n: xs.length,
      "cpu ms": cpuMs,
      "p50 ms": pct(xs, 0.5),
      "p99 ms": pct(xs, 0.99),
      "max ms": xs[xs.length - 1] ?? Number.NaN,
      target:
        rate === 10_000
          ? "p99 ≤ 50 ms at 10,000 msgs/s"
          : "(reference: a rate the loaded machine keeps up with)",
    });
  }
  printTable(
    `fake exchange → feed → pipeline → store (write-ahead log hot tier), ${nE2e.toLocaleString("en")} trades paced at ${rate.toLocaleString("en")} msgs/s (load average ${load.toFixed(1)})`,
    rows4,
  );
}
// warm-up (not reported): JIT of the pipeline and store code, the first DuckDB instance; a live ingester runs for hours
await storeLatency(10_000, Math.min(nE2e, 2_000), false);
await storeLatency(10_000);
await storeLatency(2_000);
