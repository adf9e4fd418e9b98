import {
  type Bars,
  parseWith,
  type QuoteColumns,
  type Timeframe,
  type TimeInput,
  type TradeColumns,
  timeframeSchema,
  toEpochMs,
  ValidationError,
} from "@quantkit/core";
import { z } from "zod";
import { type Bucketer, makeBucketer } from "../resample/bucketer.js";
import { timezoneSchema } from "../resample/resample.js";

/**
 * The one OHLCV fold shared by {@link aggregateTicks} (batch) and {@link BarAggregator} (streaming): open is the
 * price of the earliest tick by `ts`, close the price of the latest (ties: the later arrival), high/low the
 * extremes, volume the sum of sizes. Ordering by `ts` rather than by arrival is what lets the streaming
 * aggregator amend a bar with a late tick and still agree with the batch result. Internal.
 */
class BarState {
  start = 0;
  end = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  trades = 0;
  firstTs = 0;
  lastTs = 0;
  revision = 0;

  begin(start: number, end: number, ts: number, price: number, size: number): void {
    this.start = start;
    this.end = end;
    this.open = price;
    this.high = price;
    this.low = price;
    this.close = price;
    this.volume = size;
    this.trades = 1;
    this.firstTs = ts;
    this.lastTs = ts;
    this.revision = 0;
  }

  add(ts: number, price: number, size: number): void {
    if (ts < this.firstTs) {
      this.firstTs = ts;
      this.open = price;
    }
    if (ts >= this.lastTs) {
      this.lastTs = ts;
      this.close = price;
    }
    if (price > this.high) this.high = price;
    if (price < this.low) this.low = price;
    this.volume += size;
    this.trades++;
  }
}

const timeInput = z.union([z.number(), z.string(), z.date()]);

/** zod schema of {@link AggregateTicksOptions}. */
export const aggregateTicksOptions = z
  .object({
    timezone: timezoneSchema.optional(),
    includeIncomplete: z.boolean().optional(),
    asOf: timeInput.optional(),
    symbol: z.string().optional(),
  })
  .strict();

/** Options of {@link aggregateTicks} and {@link aggregateQuotes}. */
export interface AggregateTicksOptions {
  /** IANA zone aligning the bars (see `bucketStart`). @default "UTC" */
  timezone?: string;
  /**
   * Keep the trailing bar even when it is not complete at `asOf` (flagged by {@link aggregateTicksWithReport}).
   * @default false
   */
  includeIncomplete?: boolean;
  /**
   * The instant up to which the ticks are known to be complete; a bar is complete when its close time
   * (`ts + duration`) is at or before `asOf`.
   * @default the last tick's `ts` (so the bar holding the last tick is incomplete unless `asOf` says otherwise)
   */
  asOf?: TimeInput;
  /** Symbol of the returned bars. @default the input's symbol */
  symbol?: string;
}

/** The result of {@link aggregateTicksWithReport}. */
export interface AggregateTicksResult {
  readonly bars: Bars;
  /** Number of ticks (trades or quotes) in each returned bar (same length as `bars`). */
  readonly tickCount: Float64Array;
  /** The trailing incomplete bar (`included` says whether it is in `bars`), or null. */
  readonly incomplete: {
    readonly ts: number;
    readonly closeTime: number;
    readonly ticks: number;
    readonly included: boolean;
  } | null;
  /** The completeness cut-off used (UTC epoch ms). */
  readonly asOf: number;
}

/**
 * Aggregates trades to OHLCV bars in one pass over sorted columns: open = first trade, high/low = extremes,
 * close = last trade, volume = summed size. Trades must be in non-decreasing `ts` order (a
 * {@link ValidationError} names the first row that is not: use {@link BarAggregator} with a late-tick policy for
 * out-of-order streams) and finite `price` and `size` (same error, naming the row and column). The trailing bar is
 * left out unless complete at `asOf`.
 *
 * @param trades - trade columns (`ts` UTC epoch ms, fractions allowed; `price`; `size`).
 * @param timeframe - bar timeframe (`1s … 1w`).
 * @param options - {@link AggregateTicksOptions}: `timezone` (UTC), `includeIncomplete` (false), `asOf`, `symbol`.
 * @returns bars with `ts` = bar open time; only bars that contain at least one trade (no filled gaps).
 * @example
 * // trades at 00:00:10 (100 × 1), 00:00:50 (102 × 2), 00:01:05 (101 × 1)
 * aggregateTicks(trades, "1m", { includeIncomplete: true }).close // → Float64Array [102, 101]
 * aggregateTicks(trades, "1m").length                              // → 1 (the 00:01 bar is still open)
 * @see https://duckdb.org/docs/sql/functions/aggregates (the equivalent GROUP BY with arg_min/arg_max, used as the test oracle)
 */
export function aggregateTicks(
  trades: TradeColumns,
  timeframe: Timeframe,
  options: AggregateTicksOptions = {},
): Bars {
  return aggregateTicksWithReport(trades, timeframe, options).bars;
}

/**
 * {@link aggregateTicks}, also returning the tick count per bar and what happened to the trailing incomplete bar.
 *
 * @param trades - trade columns in non-decreasing `ts` order.
 * @param timeframe - bar timeframe.
 * @param options - {@link AggregateTicksOptions}.
 * @example
 * aggregateTicksWithReport(trades, "1m").incomplete // → { ts: 60000, closeTime: 120000, ticks: 1, included: false }
 * @see aggregateTicks
 */
export function aggregateTicksWithReport(
  trades: TradeColumns,
  timeframe: Timeframe,
  options: AggregateTicksOptions = {},
): AggregateTicksResult {
  return aggregateColumns(trades.symbol, trades.ts, trades.price, trades.size, timeframe, options, "trades");
}

/** zod schema of the extra option of {@link aggregateQuotes}. */
export const quotePriceSchema = z.enum(["mid", "bid", "ask"]);

/**
 * Aggregates top-of-book quotes to bars of the mid, bid or ask price (one pass, same rules as
 * {@link aggregateTicks}). `volume` is the **number of quotes** in the bar (quotes carry no traded size).
 *
 * @param quotes - quote columns in non-decreasing `ts` order.
 * @param timeframe - bar timeframe.
 * @param options - {@link AggregateTicksOptions} plus `price`: `"mid"` ((bid + ask) / 2, default), `"bid"` or `"ask"`.
 * @example
 * aggregateQuotes(quotes, "1m", { price: "mid", includeIncomplete: true }).open[0] // → (bid[0] + ask[0]) / 2
 * @see aggregateTicks
 */
export function aggregateQuotes(
  quotes: QuoteColumns,
  timeframe: Timeframe,
  options: AggregateTicksOptions & { price?: "mid" | "bid" | "ask" } = {},
): Bars {
  const { price: which, ...rest } = options;
  const kind = parseWith(quotePriceSchema, which ?? "mid", "quote price");
  let price: Float64Array;
  if (kind === "bid") price = quotes.bid;
  else if (kind === "ask") price = quotes.ask;
  else {
    price = new Float64Array(quotes.length);
    for (let i = 0; i < quotes.length; i++) price[i] = (quotes.bid[i]! + quotes.ask[i]!) / 2;
  }
  const ones = new Float64Array(quotes.length).fill(1);
  return aggregateColumns(quotes.symbol, quotes.ts, price, ones, timeframe, rest, "quotes").bars;
}

function aggregateColumns(
  symbol: string,
  ts: Float64Array,
  price: Float64Array,
  size: Float64Array,
  timeframe: Timeframe,
  options: AggregateTicksOptions,
  what: string,
): AggregateTicksResult {
  const tf = parseWith(timeframeSchema, timeframe, `${what} timeframe`);
  const opts = parseWith(aggregateTicksOptions, options, `aggregate ${what} options`);
  const bucketer = makeBucketer(tf, opts.timezone ?? "UTC");
  const n = ts.length;
  const asOf = opts.asOf === undefined ? (n > 0 ? ts[n - 1]! : Number.NaN) : toEpochMs(opts.asOf);

  // Capacity: a generous estimate from the time span, grown by doubling if ever exceeded.
  let cap = 16;
  if (n > 0) {
    const span = ts[n - 1]! - ts[0]!;
    const est = Math.ceil(span / (bucketer.end(bucketer.key(ts[0]!)) - bucketer.key(ts[0]!))) + 2;
    cap = Math.max(16, Math.min(n, Number.isFinite(est) ? est : n));
  }
  let oTs: Float64Array = new Float64Array(cap);
  let o: Float64Array = new Float64Array(cap);
  let h: Float64Array = new Float64Array(cap);
  let l: Float64Array = new Float64Array(cap);
  let c: Float64Array = new Float64Array(cap);
  let v: Float64Array = new Float64Array(cap);
  let cnt: Float64Array = new Float64Array(cap);

  const state = new BarState();
  let k = 0; // bars written
  let open = false;
  let prev = Number.NEGATIVE_INFINITY;
  const key = bucketer.key;
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    if (!(t >= prev)) {
      throw new ValidationError(`${what} to aggregate`, [
        {
          path: `row ${i}.ts`,
          message: Number.isNaN(t)
            ? "expected a timestamp, got NaN"
            : `expected non-decreasing timestamps, got ${t} after ${prev} (use BarAggregator with a late-tick policy for out-of-order streams)`,
        },
      ]);
    }
    prev = t;
    const px = price[i]!;
    const sz = size[i]!;
    if (!(Number.isFinite(px) && Number.isFinite(sz) && t < Number.POSITIVE_INFINITY)) {
      throw new ValidationError(`${what} to aggregate`, [badTick(i, t, px, sz)]);
    }
    if (open && t < state.end) {
      state.add(t, px, sz);
      continue;
    }
    if (open) {
      if (k === cap) {
        cap *= 2;
        oTs = grow(oTs, cap);
        o = grow(o, cap);
        h = grow(h, cap);
        l = grow(l, cap);
        c = grow(c, cap);
        v = grow(v, cap);
        cnt = grow(cnt, cap);
      }
      oTs[k] = state.start;
      o[k] = state.open;
      h[k] = state.high;
      l[k] = state.low;
      c[k] = state.close;
      v[k] = state.volume;
      cnt[k] = state.trades;
      k++;
    }
    const s = key(t);
    state.begin(s, bucketer.end(s), t, px, sz);
    open = true;
  }

  let incomplete: AggregateTicksResult["incomplete"] = null;
  if (open) {
    const complete = state.end <= asOf;
    const included = complete || opts.includeIncomplete === true;
    if (!complete) incomplete = { ts: state.start, closeTime: state.end, ticks: state.trades, included };
    if (included) {
      if (k === cap) {
        cap += 1;
        oTs = grow(oTs, cap);
        o = grow(o, cap);
        h = grow(h, cap);
        l = grow(l, cap);
        c = grow(c, cap);
        v = grow(v, cap);
        cnt = grow(cnt, cap);
      }
      oTs[k] = state.start;
      o[k] = state.open;
      h[k] = state.high;
      l[k] = state.low;
      c[k] = state.close;
      v[k] = state.volume;
      cnt[k] = state.trades;
      k++;
    }
  }
  return {
    bars: {
      symbol: opts.symbol ?? symbol,
      timeframe: tf,
      length: k,
      ts: oTs.subarray(0, k),
      open: o.subarray(0, k),
      high: h.subarray(0, k),
      low: l.subarray(0, k),
      close: c.subarray(0, k),
      volume: v.subarray(0, k),
    },
    tickCount: cnt.subarray(0, k),
    incomplete,
    asOf,
  };
}

function badTick(
  row: number | null,
  ts: number,
  price: number,
  size: number,
): { path: string; message: string } {
  const at = row === null ? "tick" : `row ${row}`;
  if (!Number.isFinite(ts)) return { path: `${at}.ts`, message: `expected a finite timestamp, got ${ts}` };
  if (!Number.isFinite(price))
    return { path: `${at}.price`, message: `expected a finite price, got ${price}` };
  return { path: `${at}.size`, message: `expected a finite size, got ${size}` };
}

function grow(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

/** A bar emitted by {@link BarAggregator}: first emission (`kind: "bar"`) or an amendment (`kind: "correction"`). */
export interface BarEvent {
  readonly kind: "bar" | "correction";
  /** Bar open time (UTC epoch ms). */
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Number of ticks folded into the bar so far. */
  readonly trades: number;
  /** 0 for the first emission, then 1, 2, … for each correction of the same bar. */
  readonly revision: number;
  /** False only for bars emitted by `flush()` before their close time passed the watermark. */
  readonly complete: boolean;
}

/** zod schema of {@link BarAggregatorOptions}. */
export const barAggregatorOptions = z
  .object({
    timeframe: timeframeSchema,
    timezone: timezoneSchema.optional(),
    lateness: z.number().min(0).optional(),
    latePolicy: z.enum(["drop", "amend"]).optional(),
    amendHorizon: z.number().min(0).optional(),
  })
  .strict();

/** Options of {@link BarAggregator}. */
export interface BarAggregatorOptions {
  /** Bar timeframe. */
  timeframe: Timeframe;
  /** IANA zone aligning the bars. @default "UTC" */
  timezone?: string;
  /**
   * Allowed lateness in ms: the watermark is the largest tick `ts` seen minus `lateness`. A bar is closed and
   * emitted once its close time is at or before the watermark, so ticks up to `lateness` ms out of order still land
   * in open bars and are not late at all.
   * @default 0
   */
  lateness?: number;
  /**
   * What to do with a **late** tick: one whose bar's close time is at or before the watermark (or before the close
   * of a bar already emitted by `flush()`), i.e. whose bar was emitted or would have been:
   * - `"drop"`: ignore it and count it in `stats.lateDropped`;
   * - `"amend"`: fold it into the bar and emit a `"correction"` event with the bar's new values and
   *   `revision + 1` (creating the bar if none was emitted for that period), as long as the bar's close time is
   *   within `amendHorizon` ms of the watermark; older late ticks are dropped and counted in `stats.lateDropped`.
   * Either way `stats.late` counts every late tick; nothing is silent.
   * @default "drop"
   */
  latePolicy?: "drop" | "amend";
  /** How far behind the watermark (ms) closed bars stay amendable under `"amend"`. @default 86_400_000 (1 day) */
  amendHorizon?: number;
}

/** Counters of a {@link BarAggregator}. */
export interface BarAggregatorStats {
  /** Ticks received. */
  ticks: number;
  /** Ticks whose bar's close time was at or before the watermark when they arrived. */
  late: number;
  /** Late ticks ignored (policy `"drop"`, or beyond `amendHorizon`). */
  lateDropped: number;
  /** Late ticks folded into a correction (policy `"amend"`). */
  lateAmended: number;
  /** Bars emitted (first emissions). */
  bars: number;
  /** Correction events emitted. */
  corrections: number;
}

const NONE: readonly BarEvent[] = Object.freeze([]);

/**
 * Streaming tick → bar aggregator for live or replayed ticks, built on the same fold as {@link aggregateTicks}
 * (a property test proves that feeding sorted ticks and calling `flush()` gives the batch result bit for bit).
 * Bars are emitted when the watermark (max tick `ts` − `lateness`, or a time passed to `advance`) passes their
 * close time; late ticks follow the explicit `latePolicy`.
 *
 * @example
 * const agg = new BarAggregator({ timeframe: "1m", lateness: 2_000, latePolicy: "amend" });
 * agg.update({ ts: 10_000, price: 100, size: 1, side: 1 });  // → []
 * agg.update({ ts: 62_500, price: 101, size: 1, side: -1 }); // → [{ kind: "bar", ts: 0, open: 100, … }]
 * agg.update({ ts: 30_000, price: 99, size: 1, side: 1 });   // late → [{ kind: "correction", ts: 0, low: 99, revision: 1, … }]
 * agg.stats.lateAmended // → 1
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/concepts/time/ (watermarks and allowed lateness)
 */
export class BarAggregator {
  /** Counters: ticks, late ticks (dropped / amended), bars and corrections emitted. */
  readonly stats: BarAggregatorStats = {
    ticks: 0,
    late: 0,
    lateDropped: 0,
    lateAmended: 0,
    bars: 0,
    corrections: 0,
  };
  readonly timeframe: Timeframe;
  private readonly bucketer: Bucketer;
  private readonly lateness: number;
  private readonly policy: "drop" | "amend";
  private readonly horizon: number;
  /** Open bars, sorted by start (usually one; more when `lateness` spans several bars). */
  private readonly openBars: BarState[] = [];
  /** Emitted bars still amendable (policy "amend"), by start. */
  private readonly closed = new Map<number, BarState>();
  private maxTs = Number.NEGATIVE_INFINITY;
  private mark = Number.NEGATIVE_INFINITY;
  /** Latest close time of an emitted bar (can pass the watermark after `flush()`). */
  private emittedUntil = Number.NEGATIVE_INFINITY;

  /** @param options - {@link BarAggregatorOptions}; validated (a `ValidationError` names the bad field). */
  constructor(options: BarAggregatorOptions) {
    const o = parseWith(barAggregatorOptions, options, "BarAggregator options");
    this.timeframe = o.timeframe;
    this.bucketer = makeBucketer(o.timeframe, o.timezone ?? "UTC");
    this.lateness = o.lateness ?? 0;
    this.policy = o.latePolicy ?? "drop";
    this.horizon = o.amendHorizon ?? 86_400_000;
  }

  /** The current watermark (UTC epoch ms): bars closing at or before it have been emitted. */
  get watermark(): number {
    return this.mark;
  }

  /**
   * Folds one tick (a `Trade`; quotes: pass `{ ts, price: mid, size: 1 }`) and returns the events it caused:
   * A tick with a non-finite `ts`, `price` or `size` throws a `ValidationError` naming the field (nothing is folded).
   * bars closed by the advancing watermark (oldest first) and/or a correction. Returns a shared empty array when
   * nothing is emitted (no allocation on the common path).
   *
   * @param tick - `{ ts, price, size }` (ts UTC epoch ms).
   * @example
   * agg.update({ ts: Date.UTC(2024, 0, 2, 14, 30, 5), price: 101.5, size: 3, side: 1 }) // → [] (bar still open)
   */
  update(tick: { readonly ts: number; readonly price: number; readonly size: number }): readonly BarEvent[] {
    const { ts, price, size } = tick;
    if (!(Number.isFinite(ts) && Number.isFinite(price) && Number.isFinite(size))) {
      throw new ValidationError("BarAggregator tick", [badTick(null, ts, price, size)]);
    }
    this.stats.ticks++;
    const ref = Math.max(this.emittedUntil, this.mark);
    if (ts < ref) {
      const s = this.bucketer.key(ts);
      const e = this.bucketer.end(s);
      if (e <= ref) return this.late(s, e, ts, price, size);
    }
    let bar: BarState | undefined;
    const bars = this.openBars;
    for (let i = bars.length - 1; i >= 0; i--) {
      const b = bars[i]!;
      if (ts >= b.start) {
        if (ts < b.end) bar = b;
        break;
      }
    }
    if (bar) bar.add(ts, price, size);
    else {
      const s = this.bucketer.key(ts);
      const nb = new BarState();
      nb.begin(s, this.bucketer.end(s), ts, price, size);
      let at = bars.length;
      while (at > 0 && bars[at - 1]!.start > s) at--;
      bars.splice(at, 0, nb);
    }
    if (ts > this.maxTs) {
      this.maxTs = ts;
      return this.advance(ts - this.lateness);
    }
    return NONE;
  }

  /**
   * Moves the watermark to `time` (e.g. from a `Clock` when no ticks arrive) and emits the bars it closes. The
   * watermark never moves back.
   *
   * @param time - UTC epoch ms (or any `TimeInput`).
   * @example
   * agg.advance(Date.UTC(2024, 0, 2, 14, 31)) // → [{ kind: "bar", ts: Date.UTC(2024, 0, 2, 14, 30), … }]
   */
  advance(time: TimeInput): readonly BarEvent[] {
    const t = typeof time === "number" ? time : toEpochMs(time);
    if (!(t > this.mark)) return NONE;
    this.mark = t;
    const bars = this.openBars;
    let n = 0;
    while (n < bars.length && bars[n]!.end <= t) n++;
    if (n === 0) return NONE;
    const out: BarEvent[] = [];
    for (const b of bars.splice(0, n)) out.push(this.emit(b, "bar", true));
    this.prune();
    return out;
  }

  /**
   * Emits every open bar (end of a replay, or shutdown), flagged `complete: false` when its close time is after the
   * watermark. The aggregator stays usable; later ticks for flushed bars are late.
   *
   * @example
   * agg.flush() // → [{ kind: "bar", ts: …, complete: false, … }]
   */
  flush(): readonly BarEvent[] {
    const bars = this.openBars;
    if (bars.length === 0) return NONE;
    const out: BarEvent[] = [];
    for (const b of bars.splice(0, bars.length)) out.push(this.emit(b, "bar", b.end <= this.mark));
    return out;
  }

  private emit(b: BarState, kind: "bar" | "correction", complete: boolean): BarEvent {
    if (kind === "bar") {
      this.stats.bars++;
      if (b.end > this.emittedUntil) this.emittedUntil = b.end;
      if (this.policy === "amend") this.closed.set(b.start, b);
    } else this.stats.corrections++;
    return {
      kind,
      ts: b.start,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
      trades: b.trades,
      revision: b.revision,
      complete,
    };
  }

  private late(s: number, e: number, ts: number, price: number, size: number): readonly BarEvent[] {
    this.stats.late++;
    const ref = Math.max(this.mark, this.emittedUntil);
    if (this.policy === "drop" || e <= ref - this.horizon) {
      this.stats.lateDropped++;
      return NONE;
    }
    this.stats.lateAmended++;
    let b = this.closed.get(s);
    if (b) {
      b.add(ts, price, size);
      b.revision++;
    } else {
      b = new BarState();
      b.begin(s, e, ts, price, size);
      this.closed.set(s, b);
    }
    return [this.emit(b, "correction", true)];
  }

  private prune(): void {
    if (this.policy !== "amend") return;
    const cutoff = Math.max(this.mark, this.emittedUntil) - this.horizon;
    for (const [start, b] of this.closed) {
      if (b.end > cutoff) break;
      this.closed.delete(start);
    }
  }
}
