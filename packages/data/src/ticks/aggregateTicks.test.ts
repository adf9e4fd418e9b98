import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { type Bars, Rng, type TradeColumns, ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Oracle, openOracle } from "../resample/duckdb-oracle.testutil.js";
import { syntheticTrades } from "../resample/synthetic.testutil.js";
import {
  aggregateQuotes,
  aggregateTicks,
  aggregateTicksWithReport,
  BarAggregator,
  type BarEvent,
} from "./aggregateTicks.js";

const cols = (b: Bars) => ({
  ts: Array.from(b.ts),
  open: Array.from(b.open),
  high: Array.from(b.high),
  low: Array.from(b.low),
  close: Array.from(b.close),
  volume: Array.from(b.volume),
});
const eventCols = (events: readonly BarEvent[]) => ({
  ts: events.map((e) => e.ts),
  open: events.map((e) => e.open),
  high: events.map((e) => e.high),
  low: events.map((e) => e.low),
  close: events.map((e) => e.close),
  volume: events.map((e) => e.volume),
});

function trades(ts: number[], price: number[], size: number[]): TradeColumns {
  return {
    symbol: "T",
    length: ts.length,
    ts: Float64Array.from(ts),
    price: Float64Array.from(price),
    size: Float64Array.from(size),
    side: new Float64Array(ts.length),
  };
}

/** Feeds ticks in the given order, then flushes; returns the last event per bar, sorted by ts. */
function stream(t: TradeColumns, order: number[], agg: BarAggregator): BarEvent[] {
  const last = new Map<number, BarEvent>();
  const push = (evs: readonly BarEvent[]) => {
    for (const e of evs) last.set(e.ts, e);
  };
  for (const i of order) push(agg.update({ ts: t.ts[i]!, price: t.price[i]!, size: t.size[i]! }));
  push(agg.flush());
  return [...last.values()].sort((a, b) => a.ts - b.ts);
}

let db: Oracle;
beforeAll(async () => {
  db = await openOracle();
});
afterAll(() => db.close());

describe("aggregateTicks(trades, timeframe)", () => {
  it("equals a DuckDB GROUP BY (first/last by ts then arrival, max, min, sum, count) for 1s, 1m, 5m, 1h", async () => {
    const t = syntheticTrades(42, 30_000, { meanGapMs: 120 });
    const seq = Float64Array.from({ length: t.length }, (_, i) => i);
    await db.load("ticks", { seq, ts: t.ts, price: t.price, size: t.size });
    for (const [tf, ms] of [
      ["1s", 1000],
      ["1m", 60_000],
      ["5m", 300_000],
      ["1h", 3_600_000],
    ] as const) {
      const q = await db.query(`
        SELECT floor(ts / ${ms}) * ${ms} AS ts, first(price ORDER BY ts, seq) AS "open", max(price) AS high,
               min(price) AS low, last(price ORDER BY ts, seq) AS "close", sum(size) AS volume, count(*) AS n
        FROM ticks GROUP BY 1 ORDER BY 1`);
      const r = aggregateTicksWithReport(t, tf, { includeIncomplete: true });
      const got = cols(r.bars);
      expect(got.ts).toEqual(Array.from(q.ts!));
      expect(got.open).toEqual(Array.from(q.open!));
      expect(got.high).toEqual(Array.from(q.high!));
      expect(got.low).toEqual(Array.from(q.low!));
      expect(got.close).toEqual(Array.from(q.close!));
      expect(Array.from(r.tickCount)).toEqual(Array.from(q.n!));
      got.volume.forEach((v, i) => {
        expect(v).toBeCloseTo(q.volume![i]!, 9);
      });
    }
  });

  it("on 9,999 real Binance BTCUSDT trades (Tardis sample, µs epochs) equals DuckDB's GROUP BY over the raw CSV", async () => {
    const url = new URL(
      "../../../../datasets/raw/tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv.gz",
      import.meta.url,
    );
    const lines = gunzipSync(readFileSync(url)).toString("utf8").trim().split("\n").slice(1);
    const ts = new Float64Array(lines.length);
    const price = new Float64Array(lines.length);
    const size = new Float64Array(lines.length);
    lines.forEach((line, i) => {
      const f = line.split(","); // exchange,symbol,timestamp,local_timestamp,id,side,price,amount
      ts[i] = Number(f[2]) / 1000;
      price[i] = Number(f[6]);
      size[i] = Number(f[7]);
    });
    const t: TradeColumns = {
      symbol: "BTCUSDT",
      length: lines.length,
      ts,
      price,
      size,
      side: new Float64Array(lines.length),
    };
    // DuckDB parses the gzip CSV itself: an oracle independent of the parsing above.
    const q = await db.query(`
      SELECT floor(("timestamp" / 1000) / 60000) * 60000 AS ts, first(price ORDER BY "timestamp", id) AS "open",
             max(price) AS high, min(price) AS low, last(price ORDER BY "timestamp", id) AS "close",
             sum(amount) AS volume, count(*) AS n
      FROM read_csv('${fileURLToPath(url)}') GROUP BY 1 ORDER BY 1`);
    const r = aggregateTicksWithReport(t, "1m", { includeIncomplete: true });
    expect(r.bars.length).toBe(126); // 00:00 → 02:05 UTC
    expect(Array.from(r.bars.ts)).toEqual(Array.from(q.ts!));
    expect(Array.from(r.bars.open)).toEqual(Array.from(q.open!));
    expect(Array.from(r.bars.high)).toEqual(Array.from(q.high!));
    expect(Array.from(r.bars.low)).toEqual(Array.from(q.low!));
    expect(Array.from(r.bars.close)).toEqual(Array.from(q.close!));
    expect(Array.from(r.tickCount)).toEqual(Array.from(q.n!));
    r.bars.volume.forEach((v, i) => {
      expect(v).toBeCloseTo(q.volume![i]!, 9);
    });
    expect(r.incomplete).toMatchObject({ ts: Date.UTC(2020, 1, 22, 2, 5), included: true });
  });

  it("excludes the bar holding the last tick unless asOf completes it, and reports it", () => {
    const t = trades([10_000, 50_000, 65_000], [100, 102, 101], [1, 2, 1]);
    expect(cols(aggregateTicks(t, "1m"))).toEqual({
      ts: [0],
      open: [100],
      high: [102],
      low: [100],
      close: [102],
      volume: [3],
    });
    const r = aggregateTicksWithReport(t, "1m", { includeIncomplete: true });
    expect(r.bars.length).toBe(2);
    expect(r.incomplete).toEqual({ ts: 60_000, closeTime: 120_000, ticks: 1, included: true });
    expect(aggregateTicksWithReport(t, "1m", { asOf: 120_000 }).incomplete).toBeNull();
    expect(aggregateTicks(t, "1m", { asOf: 120_000 }).length).toBe(2);
    expect(aggregateTicks(trades([], [], []), "1m").length).toBe(0);
  });

  it("keeps µs fractions of timestamps when bucketing", () => {
    const t = trades([59_999.999, 60_000.001], [1, 2], [1, 1]);
    expect(Array.from(aggregateTicks(t, "1m", { includeIncomplete: true }).ts)).toEqual([0, 60_000]);
  });

  it("rejects out-of-order ticks naming the row, and NaN timestamps", () => {
    const t = trades([1, 3, 2], [1, 1, 1], [1, 1, 1]);
    expect(() => aggregateTicks(t, "1m")).toThrow(ValidationError);
    expect(() => aggregateTicks(t, "1m")).toThrow(
      /row 2\.ts: expected non-decreasing timestamps, got 2 after 3/,
    );
    expect(() => aggregateTicks(trades([1, Number.NaN], [1, 1], [1, 1]), "1m")).toThrow(
      /row 1\.ts: expected a timestamp, got NaN/,
    );
    expect(() => aggregateTicks(trades([1, 2], [1, Number.NaN], [1, 1]), "1m")).toThrow(
      /row 1\.price: expected a finite price, got NaN/,
    );
    expect(() => aggregateTicks(trades([1, 2], [1, 1], [1, Number.POSITIVE_INFINITY]), "1m")).toThrow(
      /row 1\.size: expected a finite size/,
    );
    expect(() => aggregateTicks(trades([1, Number.POSITIVE_INFINITY], [1, 1], [1, 1]), "1m")).toThrow(
      /row 1\.ts: expected a finite timestamp/,
    );
    expect(() => aggregateTicks(t, "1m", { asof: 3 } as never)).toThrow(ValidationError);
  });

  it("keeps every trade when bars are sparse (output sized from the time span, not the tick count)", () => {
    const t = syntheticTrades(1, 5_000, { meanGapMs: 5_000 });
    const bars = aggregateTicks(t, "1s", { includeIncomplete: true });
    expect(bars.length).toBeGreaterThan(3_000);
    expect(bars.volume.reduce((a, b) => a + b, 0)).toBeCloseTo(
      t.size.reduce((a, b) => a + b, 0),
      6,
    );
  });
});

describe("aggregateQuotes(quotes, timeframe)", () => {
  it("builds mid, bid and ask bars equal to a DuckDB GROUP BY, with volume = number of quotes", async () => {
    const t = syntheticTrades(9, 5_000, { meanGapMs: 200 });
    const rng = new Rng(9);
    const bid = t.price.map((p) => p - 0.5 - rng.int(3) * 0.5);
    const ask = t.price.map((p) => p + 0.5 + rng.int(3) * 0.5);
    const quotes = { symbol: "Q", length: t.length, ts: t.ts, bid, ask, bidSize: t.size, askSize: t.size };
    const seq = Float64Array.from({ length: t.length }, (_, i) => i);
    await db.load("quotes", { seq, ts: t.ts, bid, ask });
    for (const [price, expr] of [
      ["mid", "(bid + ask) / 2"],
      ["bid", "bid"],
      ["ask", "ask"],
    ] as const) {
      const q = await db.query(`
        SELECT floor(ts / 60000) * 60000 AS ts, first(${expr} ORDER BY ts, seq) AS "open", max(${expr}) AS high,
               min(${expr}) AS low, last(${expr} ORDER BY ts, seq) AS "close", count(*)::DOUBLE AS volume
        FROM quotes GROUP BY 1 ORDER BY 1`);
      const got = aggregateQuotes(quotes, "1m", { price, includeIncomplete: true });
      expect(cols(got)).toEqual(cols({ ...got, ...q } as Bars));
    }
    expect(() => aggregateQuotes(quotes, "1m", { price: "last" as "mid" })).toThrow(/quote price/);
  });
});

describe("BarAggregator", () => {
  it("update + flush over sorted ticks equals aggregateTicks(…, { includeIncomplete: true }) bit for bit, for any lateness (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.constantFrom("1s", "1m", "5m", "1h", "1d" as const),
        fc.integer({ min: 0, max: 600_000 }),
        fc.constantFrom("drop", "amend" as const),
        fc.constantFrom("UTC", "America/New_York"),
        (seed, n, tf, lateness, latePolicy, timezone) => {
          const t = syntheticTrades(seed, n, { meanGapMs: 3_000 });
          const agg = new BarAggregator({ timeframe: tf, lateness, latePolicy, timezone });
          const events = stream(t, [...Array(n).keys()], agg);
          const batch = aggregateTicks(t, tf, { includeIncomplete: true, timezone });
          expect(eventCols(events)).toEqual(cols(batch));
          expect(events.every((e) => e.kind === "bar" && e.revision === 0)).toBe(true);
          expect(agg.stats).toEqual({
            ticks: n,
            late: 0,
            lateDropped: 0,
            lateAmended: 0,
            bars: batch.length,
            corrections: 0,
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("ticks shuffled by less than `lateness` are not late and give the batch result of the sorted ticks (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1500 }), (seed, n) => {
        // Distinct timestamps 1..5 s apart; each tick delayed by up to 20 s; lateness 20 s.
        const rng = new Rng(seed);
        const ts: number[] = [];
        let x = 0;
        for (let i = 0; i < n; i++) ts.push((x += 1_000 + rng.int(4_000)));
        const t = trades(
          ts,
          ts.map(() => 100 + rng.int(50)),
          ts.map(() => 1 + rng.int(9)),
        );
        const arrival = ts.map((v) => v + rng.int(20_000));
        const order = [...Array(n).keys()].sort((a, b) => arrival[a]! - arrival[b]! || a - b);
        const agg = new BarAggregator({ timeframe: "1m", lateness: 20_000 });
        const events = stream(t, order, agg);
        expect(agg.stats.late).toBe(0);
        expect(eventCols(events)).toEqual(cols(aggregateTicks(t, "1m", { includeIncomplete: true })));
      }),
      { numRuns: 100 },
    );
  });

  it("latePolicy 'amend' corrects closed bars so the final revisions equal the batch result of the sorted ticks; 'drop' counts every dropped tick (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const rng = new Rng(seed);
        const ts: number[] = [];
        let x = 0;
        for (let i = 0; i < n; i++) ts.push((x += 1 + rng.int(30_000)));
        const t = trades(
          ts,
          ts.map(() => 100 + rng.int(50)),
          ts.map(() => 1 + rng.int(9)),
        );
        const order = [...Array(n).keys()];
        for (let i = n - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const amend = new BarAggregator({
          timeframe: "1m",
          latePolicy: "amend",
          amendHorizon: Number.MAX_VALUE,
        });
        const events = stream(t, order, amend);
        expect(eventCols(events)).toEqual(cols(aggregateTicks(t, "1m", { includeIncomplete: true })));
        expect(amend.stats.lateDropped).toBe(0);
        expect(amend.stats.lateAmended).toBe(amend.stats.late);
        expect(amend.stats.corrections).toBe(amend.stats.late);

        const drop = new BarAggregator({ timeframe: "1m", latePolicy: "drop" });
        const kept = stream(t, order, drop);
        expect(drop.stats.lateDropped).toBe(drop.stats.late);
        expect(kept.reduce((a, e) => a + e.trades, 0) + drop.stats.lateDropped).toBe(n);
        expect(kept.reduce((a, e) => a + e.volume, 0)).toBeLessThanOrEqual(t.size.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  });

  it("emits a bar when the watermark passes its close, then a correction for a late tick (documented example)", () => {
    const agg = new BarAggregator({ timeframe: "1m", lateness: 2_000, latePolicy: "amend" });
    expect(agg.update({ ts: 10_000, price: 100, size: 1 })).toEqual([]);
    expect(agg.update({ ts: 61_000, price: 101, size: 1 })).toEqual([]); // watermark 59 s: bar 0 still open
    expect(agg.update({ ts: 59_500, price: 98, size: 1 })).toEqual([]); // within lateness: folded, not late
    const closed = agg.update({ ts: 62_500, price: 101, size: 1 });
    expect(closed).toEqual([
      {
        kind: "bar",
        ts: 0,
        open: 100,
        high: 100,
        low: 98,
        close: 98,
        volume: 2,
        trades: 2,
        revision: 0,
        complete: true,
      },
    ]);
    expect(agg.watermark).toBe(60_500);
    expect(agg.update({ ts: 30_000, price: 99, size: 2 })).toEqual([
      {
        kind: "correction",
        ts: 0,
        open: 100,
        high: 100,
        low: 98,
        close: 98,
        volume: 4,
        trades: 3,
        revision: 1,
        complete: true,
      },
    ]);
    expect(agg.stats).toEqual({ ticks: 5, late: 1, lateDropped: 0, lateAmended: 1, bars: 1, corrections: 1 });
    // advance() closes bars without ticks; the watermark never moves back.
    expect(agg.advance(120_000).map((e) => e.ts)).toEqual([60_000]);
    expect(agg.advance(0)).toEqual([]);
    expect(agg.watermark).toBe(120_000);
  });

  it("drops late ticks beyond amendHorizon even under 'amend', and counts them", () => {
    const agg = new BarAggregator({ timeframe: "1m", latePolicy: "amend", amendHorizon: 60_000 });
    agg.update({ ts: 1_000, price: 1, size: 1 });
    agg.update({ ts: 200_000, price: 1, size: 1 });
    expect(agg.update({ ts: 2_000, price: 5, size: 1 })).toEqual([]);
    expect(agg.stats.lateDropped).toBe(1);
    expect(agg.update({ ts: 150_000, price: 5, size: 1 })[0]).toMatchObject({
      kind: "correction",
      ts: 120_000,
      revision: 0,
    });
  });

  it("flush() marks bars whose close is after the watermark as incomplete", () => {
    const agg = new BarAggregator({ timeframe: "1m" });
    agg.update({ ts: 1_000, price: 1, size: 1 });
    expect(agg.flush()).toMatchObject([{ ts: 0, complete: false }]);
    expect(agg.flush()).toEqual([]);
    expect(agg.update({ ts: 2_000, price: 1, size: 1 })).toEqual([]);
    expect(agg.stats.lateDropped).toBe(1);
  });

  it("rejects a tick with a non-finite ts, price or size, naming the field, without folding it", () => {
    const agg = new BarAggregator({ timeframe: "1m" });
    expect(() => agg.update({ ts: Number.NaN, price: 1, size: 1 })).toThrow(
      /tick\.ts: expected a finite timestamp/,
    );
    expect(() => agg.update({ ts: 1, price: Number.NaN, size: 1 })).toThrow(/tick\.price/);
    expect(agg.stats.ticks).toBe(0);
    expect(agg.flush()).toEqual([]);
  });

  it("validates its options naming the field", () => {
    expect(() => new BarAggregator({ timeframe: "1m", latePolicy: "ignore" as "drop" })).toThrow(
      /latePolicy/,
    );
    expect(() => new BarAggregator({ timeframe: "1m", lateness: -1 })).toThrow(/lateness/);
    expect(() => new BarAggregator({ timeframe: "2m" as "1m" })).toThrow(/timeframe/);
  });
});
