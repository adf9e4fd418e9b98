import { existsSync, readFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import {
  type Bars,
  bucketStart,
  parseWith,
  type Timeframe,
  timeframeMs,
  timeframeSchema,
} from "@quantkit/core";
import { aggregateTicks, BarAggregator, type BarEvent, type Store } from "@quantkit/data";
import { z } from "zod";
import type { NormalizedTrade } from "../types.js";

/**
 * The timeframes aggregated by default.
 * @example
 * INGEST_TIMEFRAMES // → ["1s", "1m", "5m", "15m", "1h", "4h", "1d"]
 */
export const INGEST_TIMEFRAMES: readonly Timeframe[] = ["1s", "1m", "5m", "15m", "1h", "4h", "1d"];

/**
 * zod schema of {@link IngestPipelineOptions}.
 * @example
 * ingestPipelineOptions.safeParse({ symbol: "BTCUSDT", batchSize: 0 }).success // → false
 */
export const ingestPipelineOptions = z
  .object({
    symbol: z.string().min(1),
    timeframes: z.array(timeframeSchema).min(1).optional(),
    batchSize: z.number().int().positive().optional(),
    lateness: z.number().min(0).optional(),
    latePolicy: z.enum(["drop", "amend"]).optional(),
    checkpoint: z.string().min(1).optional(),
    maxPending: z.number().int().positive().optional(),
    commitIntervalMs: z.number().min(0).optional(),
  })
  .strict();

/**
 * zod schema of the checkpoint file written by {@link IngestPipeline} (`checkpoint` option).
 * @example
 * ingestCheckpoint.parse({ symbol: "BTCUSDT", lastTradeId: 42378843, lastTs: 1582329810204, trades: 900 }).trades // → 900
 */
export const ingestCheckpoint = z
  .object({ symbol: z.string(), lastTradeId: z.number().int(), lastTs: z.number(), trades: z.number().int() })
  .strict();

/** The checkpoint: the last trade (id and time) of the last batch the store committed. */
export type IngestCheckpoint = z.infer<typeof ingestCheckpoint>;

/** Options of {@link IngestPipeline}. */
export interface IngestPipelineOptions {
  /** Symbol the trades and bars are stored under. */
  symbol: string;
  /** Bar timeframes aggregated at once. @default INGEST_TIMEFRAMES */
  timeframes?: Timeframe[];
  /**
   * Trades queued before a background write starts (group commit: while a write runs, arriving trades form the
   * next batch, so batches grow with the load). @default 2000
   */
  batchSize?: number;
  /** Queued trades at which `add` waits for the store (backpressure). @default 100_000 */
  maxPending?: number;
  /**
   * Least time (ms) from the start of one background write to the start of the next (group commit's linger): caps
   * the commit rate (at most 1000 / `commitIntervalMs` per second), so a fast store does not spend the CPU on many
   * tiny commits; adds at most this much to the latency of a trade. 0: start a write whenever none is running.
   * @default 5
   */
  commitIntervalMs?: number;
  /** Allowed lateness (ms) of the bar aggregators' watermark. @default 0 */
  lateness?: number;
  /** Late-trade policy of the bar aggregators (`"amend"` re-writes the corrected bar). @default "amend" */
  latePolicy?: "drop" | "amend";
  /**
   * Path of a checkpoint file, rewritten atomically (temp file + rename) after the trade batches the store
   * committed: `{ symbol, lastTradeId, lastTs, trades }`. {@link IngestPipeline.resume} restarts from it. Written in
   * the background, one write at a time, the newest checkpoint winning (a rewrite costs milliseconds: it must not
   * hold up commits); it may lag the store, which is safe (resuming re-writes what followed it, idempotently), and
   * `finish` waits for it.
   */
  checkpoint?: string;
}

/**
 * Where the pipeline also publishes trades and bars (e.g. `NatsSink`); `flush()` is awaited with each store batch.
 */
export interface IngestPublisher {
  trade(t: NormalizedTrade): void;
  bar(symbol: string, timeframe: Timeframe, bar: BarEvent): void;
  flush(): Promise<void>;
}

/** Counters of an {@link IngestPipeline}. */
export interface IngestStats {
  trades: number;
  tradesWritten: number;
  batches: number;
  barsWritten: number;
  corrections: number;
  /** Trades at or before the newest timestamp already taken for writing: kept out of the store (see README). */
  outOfOrder: number;
}

/**
 * Streams normalized trades into @quantkit/data: every trade is folded into one `BarAggregator` per timeframe
 * (1s … 1d at once, watermark + late policy), and trades and closed bars are written to the Parquet store in
 * micro-batches appended as new part files (`store.appendTrades` / `store.appendBars`), each batch sorted by (time, trade id). A batch boundary never splits trades sharing a
 * timestamp (the store's tick merge replaces the batch's time range), so re-running or resuming writes no
 * duplicates. Corrections re-write their bar (the store's last-import-wins merge).
 *
 * @example
 * const pipe = new IngestPipeline(store, { symbol: "BTCUSDT" });
 * for await (const ev of feed.events()) if (ev.kind === "trade") await pipe.add(ev);
 * await pipe.finish(); // writes the rest; bars still open stay out unless { includeIncomplete: true }
 * @see https://duckdb.org/docs/data/parquet/overview
 */
export class IngestPipeline {
  readonly stats: IngestStats = {
    trades: 0,
    tradesWritten: 0,
    batches: 0,
    barsWritten: 0,
    corrections: 0,
    outOfOrder: 0,
  };
  /** Out-of-order trades not written (see {@link IngestStats.outOfOrder}). */
  readonly rejected: NormalizedTrade[] = [];
  readonly aggregators: ReadonlyMap<Timeframe, BarAggregator>;
  private readonly store: Store;
  private readonly symbol: string;
  private readonly batchSize: number;
  private readonly pending: NormalizedTrade[] = [];
  private readonly bars = new Map<Timeframe, Map<number, BarEvent>>();
  private lastWrittenTs = Number.NEGATIVE_INFINITY;
  private readonly checkpoint: string | undefined;
  private written = 0;
  /** Called after each trade batch is committed to the store (monitoring, latency measurement). */
  onCommit: ((trades: readonly NormalizedTrade[]) => void) | null = null;
  private readonly maxPending: number;
  private readonly commitIntervalMs: number;
  /** The checkpoint waiting to be written, and the background write in progress. */
  private nextCheckpoint: IngestCheckpoint | null = null;
  private checkpointing: Promise<void> | null = null;
  private writing: Promise<void> | null = null;
  private failure: unknown = undefined;
  /** Trades of the longest timeframe's current bucket (sorted by time), for {@link IngestPipeline.partialBars}. */
  private readonly recent = new RecentTrades();
  private longest: Timeframe = "1s";

  private readonly publisher: IngestPublisher | undefined;

  /**
   * @param store - an open store (`openStore({ root })`).
   * @param options - {@link IngestPipelineOptions} (validated).
   * @param publisher - optional second sink (e.g. `NatsSink`) receiving every trade and bar event.
   */
  constructor(store: Store, options: IngestPipelineOptions, publisher?: IngestPublisher) {
    this.publisher = publisher;
    const o = parseWith(ingestPipelineOptions, options, "IngestPipeline options");
    this.store = store;
    this.symbol = o.symbol;
    this.batchSize = o.batchSize ?? 2000;
    this.maxPending = o.maxPending ?? 100_000;
    this.commitIntervalMs = o.commitIntervalMs ?? 5;
    this.checkpoint = o.checkpoint;
    const aggs = new Map<Timeframe, BarAggregator>();
    for (const tf of o.timeframes ?? INGEST_TIMEFRAMES) {
      aggs.set(
        tf,
        new BarAggregator({ timeframe: tf, lateness: o.lateness ?? 0, latePolicy: o.latePolicy ?? "amend" }),
      );
      this.bars.set(tf, new Map());
    }
    this.aggregators = aggs;
    for (const tf of aggs.keys()) if (timeframeMs(tf) > timeframeMs(this.longest)) this.longest = tf;
  }

  /**
   * Folds one trade into every timeframe and queues it; writes a micro-batch when `batchSize` trades are queued.
   * @param t - a normalized trade of this pipeline's symbol.
   */
  async add(t: NormalizedTrade): Promise<void> {
    this.stats.trades++;
    this.publisher?.trade(t);
    for (const [tf, agg] of this.aggregators) this.collect(tf, agg.update(t));
    this.recent.add(t.ts, t.price, t.size, t.side, bucketStart(this.recent.maxTs(t.ts), this.longest));
    if (t.ts <= this.lastWrittenTs) {
      this.stats.outOfOrder++;
      this.rejected.push(t);
      return;
    }
    const p = this.pending;
    const tail = p[p.length - 1];
    if (tail && before(t, tail)) {
      // Keep the queue sorted by (time, trade id): the venue's order, whatever the arrival order.
      let at = p.length - 1;
      while (at > 0 && before(t, p[at - 1]!)) at--;
      p.splice(at, 0, t);
    } else p.push(t);
    this.throwIfFailed();
    if (!this.writing && this.writable()) this.startWrite();
    if (this.pending.length >= this.maxPending) await this.flush(false);
  }

  /**
   * Writes queued trades and closed bars. Unless `final`, trades sharing the newest timestamp are held back so a
   * batch never splits a timestamp.
   * @param final - write every queued trade. @default false
   */
  async flush(final = false): Promise<void> {
    while (this.writing) await this.writing;
    this.throwIfFailed();
    const w = this.write(this.takeBatch(final), this.takeBars());
    this.writing = w;
    try {
      await w;
    } finally {
      this.writing = null;
    }
  }

  /**
   * Starts a background write of the queued batch (group commit: one write at a time; what arrives meanwhile
   * forms the next, larger batch, started as soon as the write ends).
   */
  private startWrite(): void {
    const ms = this.commitIntervalMs;
    const w = Promise.all([
      this.write(this.takeBatch(false), this.takeBars()),
      ms > 0 ? new Promise((r) => setTimeout(r, ms)) : null,
    ])
      .then(() => undefined)
      .catch((e: unknown) => {
        this.failure = e;
      })
      .finally(() => {
        this.writing = null;
        if (this.failure === undefined && this.writable()) this.startWrite();
      });
    this.writing = w;
  }

  /** A batch is due: `batchSize` trades queued, and not all at the newest timestamp (which is held back). */
  private writable(): boolean {
    const p = this.pending;
    return p.length >= this.batchSize && p[0]!.ts !== p[p.length - 1]!.ts;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Takes the trades to write now (holding back the newest timestamp unless `final`). */
  private takeBatch(final: boolean): NormalizedTrade[] {
    const p = this.pending;
    let n = p.length;
    if (!final) {
      const last = p[n - 1]?.ts;
      while (n > 0 && p[n - 1]!.ts === last) n--;
    }
    const batch = p.splice(0, n);
    if (n > 0) this.lastWrittenTs = batch[n - 1]!.ts;
    return batch;
  }

  private takeBars(): [Timeframe, BarEvent[]][] {
    const out: [Timeframe, BarEvent[]][] = [];
    for (const [tf, map] of this.bars) {
      if (map.size === 0) continue;
      out.push([tf, [...map.values()].sort((a, b) => a.ts - b.ts)]);
      map.clear();
    }
    return out;
  }

  private async write(
    batch: readonly NormalizedTrade[],
    bars: readonly [Timeframe, BarEvent[]][],
  ): Promise<void> {
    const n = batch.length;
    // Trades and the closed bars of every timeframe are handed to the store at once: it writes them in this order
    // (one log record each) and their fsyncs overlap, so a commit waits for about one sync, not one per series.
    let tradesDone: Promise<unknown> | null = null;
    if (n > 0) {
      const cols = {
        symbol: this.symbol,
        length: n,
        ts: new Float64Array(n),
        price: new Float64Array(n),
        size: new Float64Array(n),
        side: new Float64Array(n),
      };
      for (let i = 0; i < n; i++) {
        const t = batch[i]!;
        cols.ts[i] = t.ts;
        cols.price[i] = t.price;
        cols.size[i] = t.size;
        cols.side[i] = t.side;
      }
      // Append-only: a record of the year partition's write-ahead log (the store falls back to its range-replacing
      // merge when the batch overlaps stored trades, e.g. re-written trades after a resume).
      tradesDone = this.store.appendTrades(cols, { source: "ingest" });
    }
    const barsDone = Promise.allSettled(
      bars.map(([tf, evs]) => this.store.appendBars(toBars(this.symbol, tf, evs), { source: "ingest" })),
    );
    if (tradesDone) {
      try {
        await tradesDone;
      } catch (e) {
        await barsDone;
        throw e;
      }
      const lastTrade = batch[n - 1]!;
      this.written += n;
      if (this.checkpoint) {
        const cp: IngestCheckpoint = {
          symbol: this.symbol,
          lastTradeId: lastTrade.tradeId,
          lastTs: lastTrade.ts,
          trades: this.written,
        };
        this.saveCheckpoint(this.checkpoint, cp);
      }
      this.stats.tradesWritten += n;
      this.stats.batches++;
      this.onCommit?.(batch);
    }
    const done = await barsDone;
    for (let k = 0; k < done.length; k++) {
      const r = done[k]!;
      if (r.status === "rejected") throw r.reason;
      this.stats.barsWritten += bars[k]![1].length;
    }
    await this.publisher?.flush();
  }

  /**
   * Restarts after a crash (even SIGKILL): reads the checkpoint (none: a fresh pipeline), re-folds the stored
   * trades of the still-open bars (from the start of the longest timeframe's bucket holding the checkpoint, up to
   * the checkpoint) into the aggregators without re-writing them, and returns the trade id to resume the feed after
   * (`BinanceFeed`'s `startAfterTradeId`). Trades the store took after the checkpoint are re-fetched and re-written:
   * the store's range-replacing tick merge makes that idempotent.
   *
   * @param store - the store the crashed run wrote to.
   * @param options - the same options as the crashed run, with `checkpoint`.
   * @param publisher - optional second sink (bars re-emitted while re-priming are re-published: JetStream ids de-duplicate them).
   * @returns the pipeline and `startAfterTradeId` (undefined without a checkpoint).
   * @example
   * const { pipeline, startAfterTradeId } = await IngestPipeline.resume(store, { symbol: "BTCUSDT", checkpoint });
   * new BinanceFeed({ …, startAfterTradeId: { BTCUSDT: startAfterTradeId! } })
   */
  static async resume(
    store: Store,
    options: IngestPipelineOptions,
    publisher?: IngestPublisher,
  ): Promise<{ pipeline: IngestPipeline; startAfterTradeId: number | undefined }> {
    const pipeline = new IngestPipeline(store, options, publisher);
    const path = options.checkpoint;
    if (!path || !existsSync(path)) return { pipeline, startAfterTradeId: undefined };
    const cp = parseWith(ingestCheckpoint, JSON.parse(readFileSync(path, "utf8")), `checkpoint ${path}`);
    let longest: Timeframe = pipeline.aggregators.keys().next().value!;
    for (const tf of pipeline.aggregators.keys()) if (timeframeMs(tf) > timeframeMs(longest)) longest = tf;
    const from = bucketStart(cp.lastTs, longest);
    const t = await store.getTrades({ symbol: pipeline.symbol, start: from });
    const tick = { ts: 0, price: 0, size: 0 };
    for (let i = 0; i < t.length && t.ts[i]! <= cp.lastTs; i++) {
      tick.ts = t.ts[i]!;
      tick.price = t.price[i]!;
      tick.size = t.size[i]!;
      for (const [tf, agg] of pipeline.aggregators) pipeline.collect(tf, agg.update(tick));
      pipeline.recent.add(tick.ts, tick.price, tick.size, t.side[i]!, bucketStart(cp.lastTs, longest));
    }
    pipeline.lastWrittenTs = cp.lastTs;
    pipeline.written = cp.trades;
    return { pipeline, startAfterTradeId: cp.lastTradeId };
  }

  /**
   * The bar in progress of each timeframe (partial bars on demand), computed by `aggregateTicks` over the trades of
   * the current bucket (kept in memory for the longest timeframe's bucket: up to a day of trades by default). The
   * aggregators are not touched.
   *
   * @returns per timeframe, the bar holding the latest trade (as `aggregateTicks(…, { includeIncomplete: true })`
   *   gives it), or null before any trade.
   * @example
   * pipe.partialBars().get("1h") // → { ts: 1582329600000, open: 9682, high: …, low: …, close: …, volume: … }
   */
  partialBars(): Map<
    Timeframe,
    { ts: number; open: number; high: number; low: number; close: number; volume: number } | null
  > {
    const out = new Map<
      Timeframe,
      { ts: number; open: number; high: number; low: number; close: number; volume: number } | null
    >();
    const cols = this.recent.columns(this.symbol);
    const n = cols.length;
    for (const tf of this.aggregators.keys()) {
      if (n === 0) {
        out.set(tf, null);
        continue;
      }
      const from = bucketStart(cols.ts[n - 1]!, tf);
      let i = n - 1;
      while (i > 0 && cols.ts[i - 1]! >= from) i--;
      const b = aggregateTicks(
        {
          symbol: this.symbol,
          length: n - i,
          ts: cols.ts.subarray(i),
          price: cols.price.subarray(i),
          size: cols.size.subarray(i),
          side: cols.side.subarray(i),
        },
        tf,
        { includeIncomplete: true },
      );
      const k = b.length - 1;
      out.set(tf, {
        ts: b.ts[k]!,
        open: b.open[k]!,
        high: b.high[k]!,
        low: b.low[k]!,
        close: b.close[k]!,
        volume: b.volume[k]!,
      });
    }
    return out;
  }

  /**
   * Writes everything queued and waits for the store's background compactions (rethrowing a failure).
   * @param options - `includeIncomplete`: also store the bars still open (partial bars, as `aggregateTicks` with
   *   `includeIncomplete`). @default false
   */
  async finish(options: { includeIncomplete?: boolean } = {}): Promise<void> {
    if (options.includeIncomplete) for (const [tf, agg] of this.aggregators) this.collect(tf, agg.flush());
    await this.flush(true);
    while (this.checkpointing) await this.checkpointing;
    this.throwIfFailed();
    await this.store.flushCompactions();
  }

  /** Queues a checkpoint write (coalesced: only the newest pending one is written). */
  private saveCheckpoint(path: string, cp: IngestCheckpoint): void {
    this.nextCheckpoint = cp;
    this.checkpointing ??= (async () => {
      try {
        for (let c = this.nextCheckpoint; c; c = this.nextCheckpoint) {
          this.nextCheckpoint = null;
          await writeFile(`${path}.tmp`, JSON.stringify(c));
          await rename(`${path}.tmp`, path);
        }
      } catch (e) {
        this.failure ??= e;
      } finally {
        this.checkpointing = null;
      }
    })();
  }

  private collect(tf: Timeframe, events: readonly BarEvent[]): void {
    if (events.length === 0) return;
    const map = this.bars.get(tf)!;
    for (const e of events) {
      if (e.kind === "correction") this.stats.corrections++;
      map.set(e.ts, e);
      this.publisher?.bar(this.symbol, tf, e);
    }
  }
}

/** A growable, time-sorted column buffer of the trades since a moving cut-off. Internal. */
class RecentTrades {
  private ts = new Float64Array(1024);
  private price = new Float64Array(1024);
  private size = new Float64Array(1024);
  private side = new Float64Array(1024);
  private start = 0;
  private end = 0;

  maxTs(ts: number): number {
    return this.end > this.start ? Math.max(this.ts[this.end - 1]!, ts) : ts;
  }

  add(ts: number, price: number, size: number, side: number, cutoff: number): void {
    while (this.start < this.end && this.ts[this.start]! < cutoff) this.start++;
    if (ts < cutoff) return;
    if (this.end === this.ts.length) this.compact();
    let at = this.end;
    while (at > this.start && this.ts[at - 1]! > ts) at--;
    for (const a of [this.ts, this.price, this.size, this.side]) a.copyWithin(at + 1, at, this.end);
    this.ts[at] = ts;
    this.price[at] = price;
    this.size[at] = size;
    this.side[at] = side;
    this.end++;
  }

  private compact(): void {
    const n = this.end - this.start;
    const cap = n * 2 > this.ts.length ? this.ts.length * 2 : this.ts.length;
    const move = (a: Float64Array) => {
      const b = cap === a.length ? a : new Float64Array(cap);
      b.set(a.subarray(this.start, this.end));
      return b;
    };
    this.ts = move(this.ts);
    this.price = move(this.price);
    this.size = move(this.size);
    this.side = move(this.side);
    this.start = 0;
    this.end = n;
  }

  columns(symbol: string) {
    const s = this.start;
    const e = this.end;
    return {
      symbol,
      length: e - s,
      ts: this.ts.subarray(s, e),
      price: this.price.subarray(s, e),
      size: this.size.subarray(s, e),
      side: this.side.subarray(s, e),
    };
  }
}

function before(a: NormalizedTrade, b: NormalizedTrade): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.tradeId < b.tradeId);
}

function toBars(symbol: string, timeframe: Timeframe, evs: readonly BarEvent[]): Bars {
  const n = evs.length;
  const b = {
    symbol,
    timeframe,
    length: n,
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  evs.forEach((e, i) => {
    b.ts[i] = e.ts;
    b.open[i] = e.open;
    b.high[i] = e.high;
    b.low[i] = e.low;
    b.close[i] = e.close;
    b.volume[i] = e.volume;
  });
  return b;
}
