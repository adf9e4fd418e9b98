import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Clock, parseWith, WallClock } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { z } from "zod";
import { BinanceFeed } from "./client/binanceFeed.js";
import { FakeExchange } from "./fake/fakeExchange.js";
import { loadDepthReplay, loadTardisTrades } from "./fake/replayData.js";
import { IngestPipeline } from "./pipeline/ingestPipeline.js";
import { NatsSink } from "./sink/natsSink.js";

/** zod schema of {@link RunIngestOptions}. */
export const runIngestOptions = z
  .object({
    venue: z.enum(["fake", "binance"]),
    symbols: z.array(z.string().regex(/^[A-Z0-9]{2,30}$/, "expected an upper-case Binance symbol")).min(1),
    store: z.string().min(1),
    nats: z.string().min(1).optional(),
    batchSize: z.number().int().positive().optional(),
  })
  .strict()
  .refine((o) => o.venue !== "fake" || (o.symbols.length === 1 && o.symbols[0] === "BTCUSDT"), {
    message: "the fake venue replays BTCUSDT only",
    path: ["symbols"],
  });

/** Options of {@link runIngest} (what `quantkit ingest --venue … --symbols … --store … [--nats …]` passes). */
export interface RunIngestOptions {
  /** `"fake"` (local replay of the bundled BTCUSDT trades) or `"binance"` (USDT-M futures, public endpoints). */
  venue: "fake" | "binance";
  /** Symbols, upper case. */
  symbols: string[];
  /** Store root (`openStore({ root })`); checkpoints are kept there as `ingest-<symbol>.checkpoint.json`. */
  store: string;
  /** NATS server URL for the JetStream sink (optional). */
  nats?: string;
  /** Trades per store batch. @default 2000 */
  batchSize?: number;
}

/** What {@link runIngest} did. */
export interface RunIngestReport {
  readonly trades: Record<string, number>;
  readonly tradesWritten: Record<string, number>;
  readonly barsWritten: Record<string, number>;
  /** Prometheus text of the feed's metrics at the end. */
  readonly metrics: string;
}

/**
 * The ingestion command as a function: feed → pipeline (bars of 1s … 1d) → Parquet store (and NATS), resuming from
 * each symbol's checkpoint; runs until `signal` aborts (or, for the fake venue, until the replay's last trade).
 *
 * @param options - {@link RunIngestOptions} (validated).
 * @param run - `signal` to stop, `clock` for the feed. @default WallClock, no signal
 * @example
 * await runIngest({ venue: "fake", symbols: ["BTCUSDT"], store: "/tmp/qk" }) // → { trades: { BTCUSDT: 9999 }, … }
 */
export async function runIngest(
  options: RunIngestOptions,
  run: { signal?: AbortSignal; clock?: Clock } = {},
): Promise<RunIngestReport> {
  const o = parseWith(runIngestOptions, options, "ingest options");
  const clock = run.clock ?? new WallClock();
  const store = await openStore({ root: o.store, bundled: false });
  const nats = o.nats ? await NatsSink.connect({ servers: o.nats }) : undefined;
  let ex: FakeExchange | undefined;
  let wsUrl = "wss://fstream.binance.com/ws";
  let restUrl = "https://fapi.binance.com";
  let lastId: number | undefined;
  let firstId: number | undefined;
  if (o.venue === "fake") {
    const file = (f: string) => fileURLToPath(new URL(`../test-data/${f}`, import.meta.url));
    const trades = loadTardisTrades(file("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv"));
    ex = await FakeExchange.start(
      trades,
      loadDepthReplay(file("btcusdt-depth-snap.csv"), file("btcusdt-depth-update.csv")),
      { tradesPerTick: 50, tickMs: 5 },
      clock,
    );
    wsUrl = ex.wsUrl;
    restUrl = ex.restUrl;
    lastId = trades[trades.length - 1]!.id;
    firstId = trades[0]!.id;
  }
  const pipes = new Map<string, IngestPipeline>();
  const startAfter: Record<string, number> = {};
  for (const s of o.symbols) {
    const { pipeline, startAfterTradeId } = await IngestPipeline.resume(
      store,
      { symbol: s, batchSize: o.batchSize, checkpoint: join(o.store, `ingest-${s}.checkpoint.json`) },
      nats,
    );
    pipes.set(s, pipeline);
    if (startAfterTradeId !== undefined) startAfter[s] = startAfterTradeId;
    else if (firstId !== undefined) startAfter[s] = firstId - 1; // the fake replays from its first trade
  }
  const feed = new BinanceFeed({ wsUrl, restUrl, symbols: o.symbols, startAfterTradeId: startAfter }, clock);
  const stop = () => void feed.close();
  run.signal?.addEventListener("abort", stop, { once: true });
  try {
    feed.start();
    if (ex) {
      while (!feed.isConnected) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 20));
      ex.play();
    }
    const done = lastId !== undefined && (startAfter.BTCUSDT ?? 0) >= lastId;
    if (!done)
      for await (const ev of feed.events()) {
        if (ev.kind !== "trade") continue;
        await pipes.get(ev.symbol)?.add(ev);
        if (ev.tradeId === lastId) break;
      }
    for (const p of pipes.values()) await p.finish({ includeIncomplete: true });
    const pick = (f: (p: IngestPipeline) => number) =>
      Object.fromEntries([...pipes].map(([s, p]) => [s, f(p)])) as Record<string, number>;
    return {
      trades: pick((p) => p.stats.trades),
      tradesWritten: pick((p) => p.stats.tradesWritten),
      barsWritten: pick((p) => p.stats.barsWritten),
      metrics: feed.metrics.render(),
    };
  } finally {
    run.signal?.removeEventListener("abort", stop);
    await feed.close();
    await nats?.close();
    await ex?.close();
    await store.close();
  }
}
