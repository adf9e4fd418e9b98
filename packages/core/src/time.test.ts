import { describe, expect, it } from "vitest";
import { localToUtcMs, toEpochMs, zoneOffsetMs } from "./time.js";

describe("time", () => {
  it("toEpochMs reads ISO strings without a zone as UTC, accepts Dates and epoch ms", () => {
    expect(toEpochMs("2024-01-02")).toBe(Date.UTC(2024, 0, 2));
    expect(toEpochMs("2024-01-02 09:30:00")).toBe(Date.UTC(2024, 0, 2, 9, 30));
    expect(toEpochMs("2024-01-02T09:30:00-05:00")).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(toEpochMs(new Date(5))).toBe(5);
    expect(toEpochMs(17)).toBe(17);
    expect(() => toEpochMs("yesterday")).toThrow(/ISO-8601/);
  });

  it("zoneOffsetMs and localToUtcMs handle New York DST", () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 2), "America/New_York")).toBe(-5 * 3600e3);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 2), "America/New_York")).toBe(-4 * 3600e3);
    expect(localToUtcMs(Date.UTC(2024, 6, 2, 9, 30), "America/New_York")).toBe(Date.UTC(2024, 6, 2, 13, 30));
    expect(() => zoneOffsetMs(0, "Mars/Olympus")).toThrow(/Unknown time zone/);
  });
});
