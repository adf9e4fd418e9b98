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

describe("localToUtcMs(local, zone) around clock changes", () => {
  it("returns the instant whose local clock shows the given time, even when the zone's offset changes within hours", () => {
    // Lord Howe jumps +10:30 → +11:00 at 02:00 local on 2055-10-03; local midnight that day is still +10:30.
    expect(localToUtcMs(Date.UTC(2055, 9, 3), "Australia/Lord_Howe")).toBe(Date.UTC(2055, 9, 2, 13, 30));
    expect(localToUtcMs(Date.UTC(2024, 10, 3, 1, 30), "America/New_York")).toBe(Date.UTC(2024, 10, 3, 5, 30)); // first 01:30
  });
});
