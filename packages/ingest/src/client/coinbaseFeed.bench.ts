// Benchmarks of the Coinbase path of @quantkit/ingest (one core):
// 1. parse + validate (zod) + normalize Coinbase `match` frames (the real Tardis trades in Coinbase's wire format),
//    msgs/s; the target for exchange messages is ≥ 200,000/s. Peer: JSON.parse alone, same frames.
// 2. level-2: parse + validate + normalize `l2update` frames built from the real depth update rows (2 changes
//    each, as the fake sends them) and apply each to a local book with the crossed-book check CoinbaseFeed does.
//    Peer: JSON.parse alone.
// 3. the crossed-book check (OrderBook.crossed(), O(levels)) on a book of 20,000 levels a side (the order of a
//    busy Coinbase BTC-USD level-2 book): µs per check.
// CPU time (process.cpuUsage) is printed next to wall time: it is less sensitive to other processes' load.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printTable, size, timeMs } from "@quantkit/core/bench";
import { OrderBook } from "../book/orderBook.js";
import { isoMicros } from "../fake/fakeCoinbase.js";
import { loadTardisTrades } from "../fake/replayData.js";
import { MessageParser } from "../normalize/messageParser.js";

const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));
const src = loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv"));

function cpuAndWall(fn: () => unknown): { ms: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const ms = timeMs(fn, { repeats: 5, warmup: 1 });
  const c = process.cpuUsage(c0);
  const runs = Number(process.env.QK_BENCH_TINY === "1" || process.argv.includes("--tiny") ? 1 : 6);
  return { ms, cpuMs: (c.user + c.system) / 1000 / runs };
}

// 1. match frames
const n = size(500_000, 5_000);
const matches: string[] = new Array(n);
for (let i = 0; i < n; i++) {
  const t = src[i % src.length]!;
  const id = src[0]!.id + i;
  matches[i] =
    `{"type":"match","trade_id":${id},"maker_order_id":"m${id}","taker_order_id":"t${id}","side":"${t.side === 1 ? "sell" : "buy"}","size":"${t.sizeText}","price":"${t.priceText}","product_id":"BTC-USD","sequence":${i + 1},"time":"${isoMicros(t.ts)}"}`;
}
let events = 0;
const parse = cpuAndWall(() => {
  const p = new MessageParser("coinbase");
  for (let i = 0; i < n; i++) p.parse(matches[i]!);
  events = p.stats.events;
});
if (events !== n) throw new Error(`parsed ${events} of ${n}`);
const json = cpuAndWall(() => {
  let s = 0;
  for (let i = 0; i < n; i++) s += (JSON.parse(matches[i]!) as { trade_id: number }).trade_id;
  return s;
});
printTable(`Coinbase match: parse + validate + normalize, ${n.toLocaleString("en-US")} frames`, [
  {
    name: "MessageParser('coinbase')",
    ms: parse.ms,
    cpuMs: parse.cpuMs,
    "msgs/s": Math.round(n / (parse.ms / 1000)),
    "vs JSON.parse": `${(parse.ms / json.ms).toFixed(2)}x the time`,
    target: "≥ 200,000 msgs/s",
  },
  {
    name: "JSON.parse alone (peer)",
    ms: json.ms,
    cpuMs: json.cpuMs,
    "msgs/s": Math.round(n / (json.ms / 1000)),
  },
]);

// 2. l2update frames from the real update rows, applied to a book seeded with the real snapshot
const rows = (f: string) =>
  readFileSync(data(f), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
const snap = rows("btcusdt-depth-snap.csv");
const upd = rows("btcusdt-depth-update.csv");
const m = size(200_000, 2_000);
const l2: string[] = new Array(m);
for (let i = 0; i < m; i++) {
  const a = upd[(2 * i) % upd.length]!;
  const b = upd[(2 * i + 1) % upd.length]!;
  const ch = (r: string[]) => `["${r[4] === "b" ? "buy" : "sell"}","${r[6]}","${r[7]}"]`;
  l2[i] =
    `{"type":"l2update","product_id":"BTC-USD","changes":[${ch(a)},${ch(b)}],"time":"${isoMicros(Number(a[1]) + i)}"}`;
}
const seed = (book: OrderBook) =>
  book.reset(
    snap.filter((r) => r[4] === "b").map((r) => [Number(r[6]), Number(r[7])] as const),
    snap.filter((r) => r[4] === "a").map((r) => [Number(r[6]), Number(r[7])] as const),
  );
let crossed = 0;
const apply = cpuAndWall(() => {
  const p = new MessageParser("coinbase");
  const book = new OrderBook();
  seed(book);
  for (let i = 0; i < m; i++) {
    const ev = p.parse(l2[i]!);
    if (ev?.kind !== "book") throw new Error("expected a book event");
    book.apply(ev.bids, ev.asks);
    if (book.crossed()) crossed++;
  }
});
if (crossed !== 0) throw new Error(`the real updates crossed the book ${crossed} times`);
const jsonL2 = cpuAndWall(() => {
  let s = 0;
  for (let i = 0; i < m; i++) s += (JSON.parse(l2[i]!) as { changes: unknown[] }).changes.length;
  return s;
});
printTable(
  `Coinbase l2update: parse + validate + normalize + apply + crossed check, ${m.toLocaleString("en-US")} frames`,
  [
    {
      name: "MessageParser + OrderBook (~120 levels)",
      ms: apply.ms,
      cpuMs: apply.cpuMs,
      "msgs/s": Math.round(m / (apply.ms / 1000)),
      "vs JSON.parse": `${(apply.ms / jsonL2.ms).toFixed(2)}x the time`,
    },
    {
      name: "JSON.parse alone (peer)",
      ms: jsonL2.ms,
      cpuMs: jsonL2.cpuMs,
      "msgs/s": Math.round(m / (jsonL2.ms / 1000)),
    },
  ],
);

// 3. crossed() on a deep book, after a diff: the usual diff changes a level away from the top (cached best prices:
//    O(1)); the worst case deletes the best ask (one rescan of that side). Peer: a full scan of both sides per check.
const levels = size(20_000, 200);
const deep = new OrderBook();
deep.reset(
  Array.from({ length: levels }, (_, i) => [20_000 - i * 0.01, 1] as const),
  Array.from({ length: levels }, (_, i) => [20_000.01 + i * 0.01, 1] as const),
);
const checks = size(2_000, 20);
let deepCrossed = 0;
const deepLevel = 20_000.01 + (levels / 2) * 0.01;
const usualMs = timeMs(() => {
  for (let i = 0; i < checks; i++) {
    deep.apply([], [[deepLevel, 1 + (i % 3)]]);
    if (deep.crossed()) deepCrossed++;
  }
});
const worstMs = timeMs(() => {
  for (let i = 0; i < checks; i++) {
    deep.apply([], [[20_000.01, i % 2 === 0 ? 0 : 1]]);
    if (deep.crossed()) deepCrossed++;
  }
});
const scanMs = timeMs(() => {
  for (let i = 0; i < checks; i++) {
    let bb = Number.NaN;
    for (const p of deep.bids.keys()) if (!(p <= bb)) bb = p;
    let ba = Number.NaN;
    for (const p of deep.asks.keys()) if (!(p >= ba)) ba = p;
    if (bb >= ba) deepCrossed++;
  }
});
if (deepCrossed !== 0) throw new Error("deep book crossed");
printTable(
  `apply + OrderBook.crossed() on ${levels.toLocaleString("en-US")} levels a side, ${checks} diffs`,
  [
    { name: "usual diff (level away from the top)", ms: usualMs, "µs/diff": (usualMs * 1000) / checks },
    {
      name: "worst case (best ask deleted every other diff)",
      ms: worstMs,
      "µs/diff": (worstMs * 1000) / checks,
    },
    { name: "full scan of both sides per check (peer)", ms: scanMs, "µs/diff": (scanMs * 1000) / checks },
  ],
);
