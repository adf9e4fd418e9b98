import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Clock, parseWith, WallClock } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { z } from "zod";
import { BinanceFeed } from "./client/binanceFeed.js";
import { CoinbaseFeed } from "./client/coinbaseFeed.js";
import { FakeExchange } from "./fake/fakeExchange.js";
import { loadDepthReplay, loadTardisTrades } from "./fake/replayData.js";
import { IngestPipeline } from "./pipeline/ingestPipeline.js";
import { NatsSink } from "./sink/natsSink.js";

const BINANCE_SYMBOL = /^[A-Z0-9]{2,30}$/;
const COINBASE_PRODUCT = /^[A-Z0-9]{2,15}-[A-Z0-9]{2,15}$/;
const tradeIds = z.record(z.string(), z.number().int().nonnegative());

/**
 * The venues' public endpoints, used unless `wsUrl` / `restUrl` override them.
 * @example
 * VENUE_ENDPOINTS.coinbase.wsUrl // → "wss://ws-feed.exchange.coinbase.com"
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-overview
 */
export const VENUE_ENDPOINTS = {
  binance: { wsUrl: "wss://fstream.binance.com/ws", restUrl: "https://fapi.binance.com" },
  coinbase: { wsUrl: "wss://ws-feed.exchange.coinbase.com", restUrl: "https://api.exchange.coinbase.com" },
} as const;

/**
 * zod schema of {@link RunIngestOptions}: symbols are upper-case Binance symbols (`BTCUSDT`) for `fake` and
 * `binance`, Coinbase product ids (`BTC-USD`) for `coinbase`.
 * @example
 * runIngestOptions.safeParse({ venue: "coinbase", symbols: ["BTCUSD"], store: "/tmp/qk" }).success // → false
 */
export const runIngestOptions = z
  .object({
    venue: z.enum(["fake", "binance", "coinbase"]),
    symbols: z.array(z.string()).min(1),
    store: z.string().min(1),
    nats: z.string().min(1).optional(),
    batchSize: z.number().int().positive().optional(),
    wsUrl: z.string().url().optional(),
    restUrl: z.string().url().optional(),
    startAfterTradeId: tradeIds.optional(),
    stopAfterTradeId: tradeIds.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const coinbase = o.venue === "coinbase";
    o.symbols.forEach((s, i) => {
      if (!(coinbase ? COINBASE_PRODUCT : BINANCE_SYMBOL).test(s))
        ctx.addIssue({
          code: "custom",
          path: ["symbols", i],
          message: coinbase
            ? `expected a Coinbase product id such as BTC-USD, got "${s}"`
            : `expected an upper-case Binance symbol such as BTCUSDT, got "${s}"`,
        });
    });
    if (o.venue === "fake" && !(o.symbols.length === 1 && o.symbols[0] === "BTCUSDT"))
      ctx.addIssue({ code: "custom", path: ["symbols"], message: "the fake venue replays BTCUSDT only" });
    if (o.venue === "fake" && (o.wsUrl || o.restUrl))
      ctx.addIssue({
        code: "custom",
        path: ["wsUrl"],
        message: "the fake venue starts its own exchange: no URLs",
      });
    for (const key of ["startAfterTradeId", "stopAfterTradeId"] as const)
      for (const s of Object.keys(o[key] ?? {}))
        if (!o.symbols.includes(s))
          ctx.addIssue({ code: "custom", path: [key, s], message: `"${s}" is not one of symbols` });
  });

/** Options of {@link runIngest} (what `quantkit ingest --venue … --symbols … --store … [--nats …]` passes). */
export interface RunIngestOptions {
  /**
   * `"fake"` (local replay of the bundled BTCUSDT trades through the fake Binance), `"binance"` (USDT-M futures)
   * or `"coinbase"` (Coinbase Exchange; trade `side` is the maker's on the wire, stored as the aggressor's).
   */
  venue: "fake" | "binance" | "coinbase";
  /** Symbols: `BTCUSDT` for fake/binance, product ids `BTC-USD` for coinbase. */
  symbols: string[];
  /** Store root (`openStore({ root })`); checkpoints are kept there as `ingest-<symbol>.checkpoint.json`. */
  store: string;
  /** NATS server URL for the JetStream sink (optional). */
  nats?: string;
  /** Trades per store batch. @default 2000 */
  batchSize?: number;
  /** WebSocket URL instead of the venue's public one ({@link VENUE_ENDPOINTS}), e.g. a fake venue's. */
  wsUrl?: string;
  /** REST base URL instead of the venue's public one. */
  restUrl?: string;
  /**
   * Per symbol without a checkpoint in the store: start after this trade id (earlier trades are backfilled over
   * REST). A checkpoint wins. @default live: the first trade received
   */
  startAfterTradeId?: Record<string, number>;
  /**
   * Per symbol: ingest up to and including this trade id (later trades of that symbol are left for the next run,
   * which resumes from the checkpoint); the run ends when every listed symbol got there. @default none: run until
   * aborted (fake: until its last trade)
   */
  stopAfterTradeId?: Record<string, number>;
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
 * The ingestion command as a function: feed (`BinanceFeed` or `CoinbaseFeed`) → pipeline (bars of 1s … 1d) →
 * Parquet store (and NATS), resuming from each symbol's checkpoint; runs until `signal` aborts or every
 * `stopAfterTradeId` is reached (the fake venue: its replay's last trade). Open bars are stored as partial bars at
 * the end.
 *
 * @param options - {@link RunIngestOptions} (validated).
 * @param run - `signal` to stop, `clock` for the feed. @default WallClock, no signal
 * @example
 * await runIngest({ venue: "fake", symbols: ["BTCUSDT"], store: "/tmp/qk" }) // → { trades: { BTCUSDT: 9999 }, … }
 * await runIngest({ venue: "coinbase", symbols: ["BTC-USD"], store: "/tmp/qk" }, { signal }) // until aborted
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
  const endpoints = VENUE_ENDPOINTS[o.venue === "coinbase" ? "coinbase" : "binance"];
  let wsUrl = o.wsUrl ?? endpoints.wsUrl;
  let restUrl = o.restUrl ?? endpoints.restUrl;
  const startAt: Record<string, number> = { ...o.startAfterTradeId };
  const stopAt: Record<string, number> = { ...o.stopAfterTradeId };
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
    startAt.BTCUSDT ??= trades[0]!.id - 1; // the fake replays from its first trade
    stopAt.BTCUSDT ??= trades[trades.length - 1]!.id;
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
    const from = startAfterTradeId ?? startAt[s];
    if (from !== undefined) startAfter[s] = from;
  }
  const feed =
    o.venue === "coinbase"
      ? new CoinbaseFeed({ wsUrl, restUrl, productIds: o.symbols, startAfterTradeId: startAfter }, clock)
      : new BinanceFeed({ wsUrl, restUrl, symbols: o.symbols, startAfterTradeId: startAfter }, clock);
  const stop = () => void feed.close();
  run.signal?.addEventListener("abort", stop, { once: true });
  try {
    /** Symbols still short of their stop id. */
    const pending = new Set(
      Object.keys(stopAt).filter((s) => !((startAfter[s] ?? Number.NEGATIVE_INFINITY) >= stopAt[s]!)),
    );
    const bounded = Object.keys(stopAt).length > 0;
    if (!bounded || pending.size > 0) {
      feed.start();
      if (ex) {
        while (!feed.isConnected) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, 20));
        ex.play();
      }
      for await (const ev of feed.events()) {
        if (ev.kind !== "trade") continue;
        const last = stopAt[ev.symbol];
        if (last !== undefined && ev.tradeId > last) continue; // beyond this run's range: the next run resumes
        await pipes.get(ev.symbol)?.add(ev);
        if (ev.tradeId === last) {
          pending.delete(ev.symbol);
          if (pending.size === 0) break;
        }
      }
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
