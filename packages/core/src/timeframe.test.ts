import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import {
  bucketStart,
  canResample,
  nextBucketStart,
  parseTimeframe,
  TIMEFRAMES,
  timeframeMs,
} from "./timeframe.js";

describe("timeframes", () => {
  it("parseTimeframe accepts every listed timeframe and rejects others naming the valid ones", () => {
    for (const tf of TIMEFRAMES) expect(parseTimeframe(tf)).toBe(tf);
    expect(() => parseTimeframe("7m")).toThrow(ValidationError);
    expect(() => parseTimeframe("7m")).toThrow(/1s.*1w/);
  });

  it("bucketStart(ts, tf) in UTC is the largest multiple of the duration not after ts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.constantFrom(...TIMEFRAMES.filter((t) => t !== "1w")),
        (ts, tf) => {
          const b = bucketStart(ts, tf);
          const d = timeframeMs(tf);
          expect(b).toBeLessThanOrEqual(ts);
          expect(ts - b).toBeLessThan(d);
          expect(b % d).toBe(0);
        },
      ),
    );
  });

  it("weekly buckets start on Monday 00:00 UTC", () => {
    const b = bucketStart(Date.UTC(2024, 0, 4, 15), "1w"); // Thursday
    expect(new Date(b).toISOString()).toBe("2024-01-01T00:00:00.000Z");
  });

  it("daily buckets follow the exchange's calendar day across DST", () => {
    const ny = { timezone: "America/New_York" };
    // 2024-03-11 14:30 UTC is 10:30 EDT: the day starts at 04:00 UTC (after the DST change).
    expect(new Date(bucketStart(Date.UTC(2024, 2, 11, 14, 30), "1d", ny)).toISOString()).toBe(
      "2024-03-11T04:00:00.000Z",
    );
    // 2024-01-02 03:00 UTC is still Jan 1 in New York (22:00 EST).
    expect(new Date(bucketStart(Date.UTC(2024, 0, 2, 3), "1d", ny)).toISOString()).toBe(
      "2024-01-01T05:00:00.000Z",
    );
  });

  it("canResample only goes from fine to a whole multiple", () => {
    expect(canResample("1m", "1h")).toBe(true);
    expect(canResample("1h", "1m")).toBe(false);
    expect(canResample("15m", "1h")).toBe(true);
    expect(canResample("1d", "1w")).toBe(true);
  });
});

describe("bucketStart across clock changes", () => {
  const zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata"];
  const intraday = TIMEFRAMES.filter((t) => t !== "1d" && t !== "1w");

  it("bucketStart(ts, tf, {timezone}) contains ts, is idempotent, and nextBucketStart leaves no gap or overlap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4.1e12 }),
        fc.constantFrom(...TIMEFRAMES),
        fc.constantFrom(...zones),
        (ts, tf, timezone) => {
          const s = bucketStart(ts, tf, { timezone });
          const e = nextBucketStart(s, tf, { timezone });
          expect(s).toBeLessThanOrEqual(ts);
          expect(e).toBeGreaterThan(ts);
          expect(bucketStart(s, tf, { timezone })).toBe(s);
          expect(bucketStart(e, tf, { timezone })).toBe(e);
          expect(bucketStart(e - 1, tf, { timezone })).toBe(s);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("a 4h bucket spanning New York's spring-forward runs 00:00 EST → 04:00 EDT (3 real hours)", () => {
    const ts = Date.UTC(2068, 2, 11, 5); // 00:00 EST on the day clocks jump at 02:00
    const s = bucketStart(ts, "4h", { timezone: "America/New_York" });
    expect(s).toBe(ts);
    expect(nextBucketStart(s, "4h", { timezone: "America/New_York" })).toBe(Date.UTC(2068, 2, 11, 8));
    // every instant of those 3 hours maps to the same bucket
    for (let t = ts; t < Date.UTC(2068, 2, 11, 8); t += 15 * 60_000) {
      expect(bucketStart(t, "4h", { timezone: "America/New_York" })).toBe(s);
    }
  });

  it("hourly buckets in the repeated hour of New York's fall-back are two distinct buckets", () => {
    const ny = { timezone: "America/New_York" };
    const first = Date.UTC(2024, 10, 3, 5, 30); // 01:30 EDT
    const second = Date.UTC(2024, 10, 3, 6, 30); // 01:30 EST
    expect(bucketStart(first, "1h", ny)).toBe(Date.UTC(2024, 10, 3, 5));
    expect(bucketStart(second, "1h", ny)).toBe(Date.UTC(2024, 10, 3, 6));
    expect(intraday.length).toBeGreaterThan(0);
  });
});
