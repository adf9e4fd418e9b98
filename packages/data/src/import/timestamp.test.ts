import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoUs, parseTimestampMs, sourceZone, type TimestampUnit } from "./timestamp.js";

const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "timestamps_golden.json"), "utf8"),
) as {
  text: string;
  unit: TimestampUnit;
  tz: string;
  us: number;
}[];

describe("parseTimestampMs(text, unit, zone)", () => {
  it.each(golden)("$text ($unit, $tz) matches pandas", ({ text, unit, tz, us }) => {
    expect(parseTimestampMs(text, unit, sourceZone(tz))).toBe(us / 1000);
  });

  it("auto picks s/ms/µs/ns by magnitude and reads other text as ISO", () => {
    const z = sourceZone();
    expect(parseTimestampMs("1582329602", "auto", z)).toBe(1582329602000);
    expect(parseTimestampMs("1582329602111", "auto", z)).toBe(1582329602111);
    expect(parseTimestampMs("1582329602111123", "auto", z)).toBe(1582329602111.123);
    expect(parseTimestampMs("1582329602111123456", "auto", z)).toBe(1582329602111.123);
    expect(parseTimestampMs("2020-02-22", "auto", z)).toBe(Date.UTC(2020, 1, 22));
  });

  it("returns NaN for text that is not a time (and impossible dates)", () => {
    const z = sourceZone();
    for (const t of ["", "yesterday", "2023-02-30", "2023-13-01", "12:00", "1e5x"]) {
      expect(parseTimestampMs(t, "auto", z), t).toBeNaN();
    }
    expect(parseTimestampMs("2024-01-02", "ms", z)).toBeNaN();
  });

  it("ISO text with µs round-trips exactly through epoch µs (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000_000 - 1 }), (us) => {
        const ms = Math.floor(us / 1000);
        const text = `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}.${String(us % 1_000_000).padStart(6, "0")}`;
        expect(parseIsoUs(text, sourceZone())).toBe(us);
        expect(parseTimestampMs(String(us), "us", sourceZone())).toBe(us / 1000);
      }),
    );
  });
});
