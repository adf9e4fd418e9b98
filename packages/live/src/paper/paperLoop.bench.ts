/**
 * Paper loop throughput and latency: market-data events travel as Alpaca v2 data-stream JSON arrays (`{"T":"b",…}`
 * bars with RFC3339 times) over a real loopback WebSocket, are parsed, pushed through a gateway into the
 * {@link LiveNode} and delivered to the backtest's `sma-cross` strategy, whose orders go through pre-trade risk, the
 * fsynced write-ahead journal and the (mock) venue. Paced at 10,000 events/s, then unpaced (as fast as the socket
 * delivers). Latency = strategy callback − send time (same process, `performance.now()`). Peer: the backtest Engine
 * replaying the same bars in memory (the same strategy, no I/O), measured in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  type BarView,
  createStrategy,
  Engine,
  randomBars,
  type Strategy,
  type StrategyContext,
} from "@quantkit/backtest";
import { printTable, size, tiny } from "@quantkit/core/bench";
import { WebSocket, WebSocketServer } from "ws";
import { MockGateway } from "../gateway/mockGateway.js";
import { Journal } from "./journal.js";
import { LiveNode } from "./liveNode.js";

const SYMBOLS = 20;
const EVENTS = size(100_000, 4_000);
const RATE = 10_000;
const bars = Array.from({ length: SYMBOLS }, (_, s) =>
  randomBars(Math.ceil(EVENTS / SYMBOLS), 100 + s, `S${s}`, "1m"),
);
const msgs: string[] = [];
for (let i = 0; i < Math.ceil(EVENTS / SYMBOLS); i++)
  for (const b of bars)
    msgs.push(
      `{"T":"b","S":"${b.symbol}","o":${b.open[i]},"h":${b.high[i]},"l":${b.low[i]},"c":${b.close[i]},"v":${b.volume[i]},"t":"${new Date(b.ts[i]!).toISOString()}"`,
    );

interface Run {
  readonly events: number;
  readonly seconds: number;
  readonly lat: Float64Array;
  readonly orders: number;
}

/** Sends every message over loopback at `rate` events/s (Infinity = unpaced); returns what the strategy saw. */
async function runLoop(rate: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), "qk-bench-paper-"));
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((r) => wss.once("listening", () => r()));
  const port = (wss.address() as { port: number }).port;
  const gw = new MockGateway();
  const { journal } = Journal.open(join(dir, "events.jsonl"));
  const lat = new Float64Array(msgs.length);
  let n = 0;
  let sendTs = 0;
  const inner = createStrategy({ strategy: "sma-cross", params: { fast: 5, slow: 20 } });
  const strategy: Strategy = {
    id: inner.id ?? "s",
    onStart: (ctx: StrategyContext) => inner.onStart?.(ctx),
    onBar: (bar: BarView, ctx: StrategyContext) => {
      inner.onBar?.(bar, ctx);
      lat[n++] = performance.now() - sendTs;
    },
  };
  const node = new LiveNode({
    gateway: gw,
    strategy,
    symbols: bars.map((b) => b.symbol),
    timeframe: "1m",
    runId: "bench",
    journal,
    risk: { maxOrderQty: { default: 1000 } },
  });
  await node.start();
  const done = new Promise<void>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    ws.on("message", (data: Buffer) => {
      const arr = JSON.parse(data.toString("utf8")) as {
        S: string;
        o: number;
        h: number;
        l: number;
        c: number;
        v: number;
        t: string;
        q: number;
      }[];
      for (const m of arr) {
        sendTs = m.q;
        gw.push({
          kind: "bar",
          symbol: m.S,
          ts: Date.parse(m.t),
          open: m.o,
          high: m.h,
          low: m.l,
          close: m.c,
          volume: m.v,
        });
      }
      if (n >= msgs.length) {
        ws.close();
        resolve();
      }
    });
  });
  const client = await new Promise<import("ws").WebSocket>((r) => wss.once("connection", (c) => r(c)));
  const t0 = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due =
        rate === Number.POSITIVE_INFINITY
          ? msgs.length
          : Math.min(msgs.length, Math.floor(((performance.now() - t0) * rate) / 1000));
      if (due > sent) {
        const q = performance.now();
        let s = "[";
        for (let i = sent; i < due; i++) s += `${i > sent ? "," : ""}${msgs[i]},"q":${q}}`;
        client.send(`${s}]`);
        sent = due;
      }
      if (sent < msgs.length) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await done;
  const seconds = (performance.now() - t0) / 1000;
  const orders = node.orders.all().length;
  await node.stop({ waitMs: 100 });
  wss.close();
  rmSync(dir, { recursive: true, force: true });
  return { events: n, seconds, lat: lat.subarray(0, n), orders };
}

function pct(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const rows = [];
// peer: the backtest engine over the same bars (in memory, same strategy)
const e0 = performance.now();
const bt = new Engine({
  bars,
  strategy: createStrategy({ strategy: "sma-cross", params: { fast: 5, slow: 20 } }),
}).run();
const peerSeconds = (performance.now() - e0) / 1000;
const peerRate = bt.barsProcessed / peerSeconds;
for (const [name, rate] of [
  ["paper loop paced at 10,000 events/s (WS loopback → LiveNode → strategy)", RATE],
  ["paper loop unpaced (as fast as the socket delivers)", Number.POSITIVE_INFINITY],
] as const) {
  if (!tiny) await runLoop(rate); // warm-up
  const r = await runLoop(rate);
  const sorted = Float64Array.from(r.lat).sort();
  const achieved = r.events / r.seconds;
  rows.push({
    name,
    ms: r.seconds * 1000,
    events: r.events,
    orders: r.orders,
    "events/s": achieved,
    "p50 µs": pct(sorted, 0.5) * 1000,
    "p99 µs": pct(sorted, 0.99) * 1000,
    "p99.9 µs": pct(sorted, 0.999) * 1000,
    "max µs": sorted[sorted.length - 1]! * 1000,
    "vs backtest Engine": `${(achieved / peerRate).toFixed(3)}×`,
    target:
      rate === RATE ? `≥ ${RATE} events/s, no backlog: ${achieved >= 0.98 * RATE ? "met" : "NOT met"}` : "",
  });
}
rows.push({
  name: "peer: backtest Engine, same bars and strategy, in memory",
  ms: peerSeconds * 1000,
  events: bt.barsProcessed,
  orders: bt.orders.length,
  "events/s": peerRate,
  "p50 µs": "",
  "p99 µs": "",
  "p99.9 µs": "",
  "max µs": "",
  "vs backtest Engine": "1×",
  target: "",
});
printTable(`Paper loop: ${EVENTS} bar events over ${SYMBOLS} symbols`, rows);
process.exit(0);
