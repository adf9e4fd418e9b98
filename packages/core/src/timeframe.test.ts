import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import { bucketStart, canResample, parseTimeframe, TIMEFRAMES, timeframeMs } from "./timeframe.js";

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
