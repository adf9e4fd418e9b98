import { type Bars, bucketStart, sliceBars, TIMEFRAMES, ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBucketer } from "./bucketer.js";
import { type Oracle, openOracle } from "./duckdb-oracle.testutil.js";
import { resample, resampleWithReport } from "./resample.js";
import { syntheticMinuteBars } from "./synthetic.testutil.js";

const cols = (b: Bars) => ({
  ts: Array.from(b.ts),
  open: Array.from(b.open),
  high: Array.from(b.high),
  low: Array.from(b.low),
  close: Array.from(b.close),
  volume: Array.from(b.volume),
});

let db: Oracle;
beforeAll(async () => {
  db = await openOracle();
});
afterAll(() => db.close());

const groupBy = (key: string) => `
  SELECT ${key} AS ts, arg_min("open", ts) AS "open", max(high) AS high, min(low) AS low,
         arg_max("close", ts) AS "close", sum(volume) AS volume
  FROM bars GROUP BY 1 ORDER BY 1`;

describe("resample(bars, timeframe)", () => {
  it("equals a DuckDB GROUP BY (arg_min open, max high, min low, arg_max close, sum volume) for 1m → 5m, 1h, 4h, 1d in UTC", async () => {
    const bars = syntheticMinuteBars(7, 20_000, { gapProb: 0.3 });
    await db.load("bars", {
      ts: bars.ts,
      open: bars.open,
      high: bars.high,
      low: bars.low,
      close: bars.close,
      volume: bars.volume,
    });
    for (const [tf, ms] of [
      ["5m", 300_000],
      ["1h", 3_600_000],
      ["4h", 14_400_000],
      ["1d", 86_400_000],
    ] as const) {
      const expected = await db.query(groupBy(`floor(ts / ${ms}) * ${ms}`));
      const got = resample(bars, tf, { includeIncomplete: true });
      expect(got.timeframe).toBe(tf);
      expect(cols(got)).toEqual(cols({ ...got, ...expected } as Bars));
      expect(got.length).toBe(expected.ts!.length);
    }
  });

  it("aligns 1d bars to the America/New_York calendar day across DST, like DuckDB's ICU date_trunc", async () => {
    // 1-minute bars around the clock from 2024-03-07 to 2024-03-14 (DST starts 2024-03-10).
    const bars = syntheticMinuteBars(11, 10_000, { start: Date.UTC(2024, 2, 7, 3, 17), gapProb: 0.05 });
    await db.load("bars", {
      ts: bars.ts,
      open: bars.open,
      high: bars.high,
      low: bars.low,
      close: bars.close,
      volume: bars.volume,
    });
    const zone = "'America/New_York'";
    const key = `epoch_ms(timezone(${zone}, date_trunc('day', timezone(${zone}, to_timestamp(ts / 1000.0)))))`;
    const expected = await db.query(groupBy(key));
    const got = resample(bars, "1d", { timezone: "America/New_York", includeIncomplete: true });
    expect(cols(got)).toEqual(cols({ ...got, ...expected } as Bars));
    // The day of the DST change is 23 hours long and opens at 05:00 UTC; the next one opens at 04:00 UTC.
    expect(Array.from(got.ts)).toContain(Date.UTC(2024, 2, 10, 5));
    expect(Array.from(got.ts)).toContain(Date.UTC(2024, 2, 11, 4));
  });

  it("1m → 5m → 1h equals 1m → 1h, and 1m → 1h → 1d equals 1m → 1d in New York (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: 0, max: 2 * 86_400 }),
        fc.boolean(),
        (seed, n, gapProb, startMin, includeIncomplete) => {
          const bars = syntheticMinuteBars(seed, n, {
            gapProb,
            start: Date.UTC(2024, 2, 9) + startMin * 60_000,
          });
          // Chained stages must share the source's completeness cut-off (the default asOf of a stage is its own
          // input's last close, which an excluded intermediate bar would move back).
          const asOf = bars.ts[n - 1]! + 60_000;
          const o = { includeIncomplete, asOf };
          expect(cols(resample(resample(bars, "5m", o), "1h", o))).toEqual(cols(resample(bars, "1h", o)));
          expect(
            cols(
              resample(resample(bars, "5m", { includeIncomplete: true }), "1h", { includeIncomplete: true }),
            ),
          ).toEqual(cols(resample(bars, "1h", { includeIncomplete: true })));
          const ny = { includeIncomplete, asOf, timezone: "America/New_York" };
          expect(cols(resample(resample(bars, "1h", ny), "1d", ny))).toEqual(cols(resample(bars, "1d", ny)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("excludes the trailing incomplete bar by default and flags it when included", () => {
    const bars = syntheticMinuteBars(3, 90, { start: Date.UTC(2024, 0, 2, 14) }); // 14:00 → 15:29
    expect(resample(bars, "1h").length).toBe(1);
    const r = resampleWithReport(bars, "1h", { includeIncomplete: true });
    expect(r.bars.length).toBe(2);
    expect(r.asOf).toBe(Date.UTC(2024, 0, 2, 15, 30));
    expect(r.incomplete).toEqual({
      ts: Date.UTC(2024, 0, 2, 15),
      closeTime: Date.UTC(2024, 0, 2, 16),
      firstRow: 60,
      lastRow: 89,
      included: true,
    });
    expect(resampleWithReport(bars, "1h").incomplete?.included).toBe(false);
    // Declaring the data complete up to 16:00 keeps the last bar without a flag.
    const asOf = resampleWithReport(bars, "1h", { asOf: "2024-01-02T16:00:00Z" });
    expect(asOf.bars.length).toBe(2);
    expect(asOf.incomplete).toBeNull();
    // Exactly 120 minutes: both hours complete.
    expect(
      resampleWithReport(syntheticMinuteBars(3, 120, { start: Date.UTC(2024, 0, 2, 14) }), "1h").incomplete,
    ).toBeNull();
  });

  it("leaves the input untouched and returns empty bars for empty input", () => {
    const bars = syntheticMinuteBars(5, 300);
    const before = cols(bars);
    resample(bars, "1h", { includeIncomplete: true });
    expect(cols(bars)).toEqual(before);
    const empty = resampleWithReport(sliceBars(bars, 0, 0), "1h");
    expect(empty.bars.length).toBe(0);
    expect(empty.incomplete).toBeNull();
  });

  it("propagates NaN within a bucket instead of skipping it", () => {
    const bars = syntheticMinuteBars(5, 120, { start: Date.UTC(2024, 0, 2, 14) });
    bars.high[70] = Number.NaN;
    bars.volume[10] = Number.NaN;
    const r = resample(bars, "1h");
    expect(Number.isNaN(r.volume[0]!)).toBe(true);
    expect(Number.isNaN(r.high[0]!)).toBe(false);
    expect(Number.isNaN(r.high[1]!)).toBe(true);
  });

  it("rejects unsorted or duplicate timestamps naming the row, and impossible timeframes", () => {
    const bars = syntheticMinuteBars(5, 10);
    bars.ts[4] = bars.ts[3]!;
    expect(() => resample(bars, "5m")).toThrow(ValidationError);
    expect(() => resample(bars, "5m")).toThrow(
      /row 4\.ts: expected strictly increasing timestamps, got a duplicate/,
    );
    bars.ts[4] = bars.ts[2]!;
    expect(() => resample(bars, "5m")).toThrow(/row 4\.ts: .*earlier than the previous row/);
    const hourly = { ...syntheticMinuteBars(5, 10), timeframe: "1h" as const };
    expect(() => resample(hourly, "5m")).toThrow(/cannot build 5m bars from 1h bars/);
    expect(() => resample(syntheticMinuteBars(5, 10), "1h", { timezone: "Mars/Olympus" })).toThrow(
      /timezone: expected an IANA time zone/,
    );
    expect(() => resample(syntheticMinuteBars(5, 10), "2h" as "1h")).toThrow(ValidationError);
  });
});

describe("makeBucketer(tf, timezone)", () => {
  it("key(t) equals bucketStart(t, tf, { timezone }) of @quantkit/core (property, several zones)", () => {
    const zones = ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4.1e12 }),
        fc.constantFrom(...TIMEFRAMES),
        fc.constantFrom(...zones),
        (t, tf, tz) => {
          const b = makeBucketer(tf, tz);
          expect(b.key(t)).toBe(bucketStart(t, tf, { timezone: tz }));
          const s = b.key(t);
          const e = b.end(s);
          expect(e).toBeGreaterThan(t);
          expect(b.key(e)).toBe(e);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
