import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { aggregateTicks } from "@quantkit/data";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BinanceFeed } from "../client/binanceFeed.js";
import { FakeExchange } from "../fake/fakeExchange.js";
import { loadTardisTrades } from "../fake/replayData.js";
import { sourceColumns } from "../fake/sourceColumns.testutil.js";
import { IngestPipeline } from "../pipeline/ingestPipeline.js";
import { ingestUntil } from "../pipeline/ingestUntil.testutil.js";
import { type Cleanup, openTempStore } from "../pipeline/tempStore.testutil.js";
import { NatsSink } from "./natsSink.js";

vi.setConfig({ testTimeout: 60_000 });
const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));
const SOURCE = loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv")).slice(0, 4000);

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function startNats(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "qk-nats-"));
  const port = await freePort();
  const proc: ChildProcess = spawn(
    "nats-server",
    ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", dir],
    {
      stdio: "ignore",
    },
  );
  const exited = new Promise((r) => proc.once("exit", r));
  cleanup.push(async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(true)); // port taken: the server is listening
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(false)));
    });
    if (ok) return `127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("nats-server did not start");
}

describe("NatsSink (JetStream, real nats-server)", () => {
  it("publishes every trade once (md.trade.<venue>.<symbol>) under faults and re-publication, and bars equal to aggregateTicks (md.bar.<tf>.<symbol>)", async () => {
    const servers = await startNats();
    const nats = await NatsSink.connect({ servers });
    cleanup.push(() => nats.close());
    const { store } = await openTempStore(cleanup);
    const ex = await FakeExchange.start(SOURCE, null, { tradesPerTick: 50, tickMs: 2 });
    cleanup.push(() => ex.close());
    const feed = new BinanceFeed({
      wsUrl: ex.wsUrl,
      restUrl: ex.restUrl,
      symbols: ["BTCUSDT"],
      startAfterTradeId: { BTCUSDT: SOURCE[0]!.id - 1 },
      backoff: { initialMs: 10, maxMs: 100, factor: 2, jitter: 0.5 },
    });
    cleanup.push(() => feed.close());
    const pipe = new IngestPipeline(
      store,
      { symbol: "BTCUSDT", batchSize: 1000, timeframes: ["1m", "5m"] },
      nats,
    );
    feed.start();
    while (!feed.isConnected) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    const faults = [
      { at: 500, f: () => ex.fault({ kind: "duplicate", count: 30 }) },
      { at: 1500, f: () => ex.fault({ kind: "disconnect" }) },
      { at: 2500, f: () => ex.fault({ kind: "gap", count: 77 }) },
    ];
    const timer = setInterval(() => {
      while (faults.length > 0 && ex.published >= faults[0]!.at) faults.shift()!.f();
    }, 1);
    cleanup.push(() => clearInterval(timer));
    ex.play();
    await ingestUntil(feed, pipe, SOURCE[SOURCE.length - 1]!.id);
    await pipe.finish({ includeIncomplete: true });
    // A restarted process re-publishing the first 300 trades: JetStream drops them by message id.
    const before = nats.stats.duplicates;
    const again = new IngestPipeline(
      store,
      { symbol: "BTCUSDT", timeframes: ["1m"], batchSize: 100_000 },
      nats,
    );
    for (const t of SOURCE.slice(0, 300))
      nats.trade({
        kind: "trade",
        ...t,
        tradeId: t.id,
        exchange: "binance-futures",
        symbol: "BTCUSDT",
        eventTs: t.ts,
      });
    await nats.flush();
    await again.finish();
    expect(nats.stats.duplicates - before).toBe(300);

    // Read the whole stream back.
    const c = await nats.js.consumers.get("MD");
    const info = await (await (await import("@nats-io/jetstream")).jetstreamManager(nats.nc)).streams.info(
      "MD",
    );
    const lastSeq = info.state.last_seq;
    const trades: { ts: number; price: number; size: number; side: number; tradeId: number }[] = [];
    const bars = new Map<
      string,
      Map<number, { ts: number; open: number; high: number; low: number; close: number; volume: number }>
    >();
    const msgs = await c.consume();
    for await (const m of msgs) {
      if (m.subject === "md.trade.binance-futures.BTCUSDT") trades.push(m.json());
      else {
        const tf = m.subject.split(".")[2]!;
        const b = m.json<{
          ts: number;
          open: number;
          high: number;
          low: number;
          close: number;
          volume: number;
        }>();
        if (!bars.has(tf)) bars.set(tf, new Map());
        bars.get(tf)!.set(b.ts, b); // a correction replaces the bar
      }
      if (m.info.streamSequence >= lastSeq) break;
    }
    expect(trades.map((t) => t.tradeId)).toEqual(SOURCE.map((t) => t.id));
    expect(trades.map((t) => [t.ts, t.price, t.size, t.side])).toEqual(
      SOURCE.map((t) => [t.ts, t.price, t.size, t.side]),
    );
    const cols = sourceColumns(SOURCE, "BTCUSDT");
    for (const tf of ["1m", "5m"] as const) {
      const ref = aggregateTicks(cols, tf, { includeIncomplete: true });
      const got = [...bars.get(tf)!.values()].sort((a, b) => a.ts - b.ts);
      expect(
        got.map((b) => [b.ts, b.open, b.high, b.low, b.close, b.volume]),
        tf,
      ).toEqual(
        Array.from(ref.ts, (ts, i) => [
          ts,
          ref.open[i],
          ref.high[i],
          ref.low[i],
          ref.close[i],
          ref.volume[i],
        ]),
      );
    }
  });
});
