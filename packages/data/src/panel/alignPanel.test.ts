import { type Bars, ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignPanel } from "./alignPanel.js";

function bars(symbol: string, ts: number[], base = 100): Bars {
  const n = ts.length;
  const col = (off: number) => Float64Array.from(ts, (_, i) => base + i + off);
  return {
    symbol,
    timeframe: "1d",
    length: n,
    ts: Float64Array.from(ts),
    open: col(0),
    high: col(1),
    low: col(-1),
    close: col(0.5),
    volume: col(1000),
  };
}

describe("alignPanel(series)", () => {
  it("puts each symbol on the union of timestamps with NaN where missing and reports the missing rows", () => {
    const p = alignPanel([bars("SPY", [1, 2, 3, 5]), bars("QQQ", [2, 4])]);
    expect(p.symbols).toEqual(["SPY", "QQQ"]);
    expect(Array.from(p.ts)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(p.bars[0]!.close)).toEqual([100.5, 101.5, 102.5, Number.NaN, 103.5]);
    expect(Array.from(p.bars[1]!.volume)).toEqual([Number.NaN, 1100, Number.NaN, 1101, Number.NaN]);
    expect(p.bars[1]!.ts).toBe(p.ts);
    expect(p.missing).toEqual([
      { symbol: "SPY", count: 1, ranges: [{ startRow: 3, endRow: 3, from: 4, to: 4 }] },
      {
        symbol: "QQQ",
        count: 3,
        ranges: [
          { startRow: 0, endRow: 0, from: 1, to: 1 },
          { startRow: 2, endRow: 2, from: 3, to: 3 },
          { startRow: 4, endRow: 4, from: 5, to: 5 },
        ],
      },
    ]);
  });

  it("equals a naive outer join (sorted union + lookup) and its NaN rows are exactly the reported ranges (property)", () => {
    const series = fc
      .uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 60 })
      .map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(fc.array(series, { minLength: 1, maxLength: 5 }), (all) => {
        const input = all.map((ts, k) => bars(`S${k}`, ts, 10 * k));
        const p = alignPanel(input);
        const union = [...new Set(all.flat())].sort((a, b) => a - b);
        expect(Array.from(p.ts)).toEqual(union);
        input.forEach((b, k) => {
          const at = new Map(Array.from(b.ts, (t, i) => [t, i]));
          const expected = union.map((t) => (at.has(t) ? b.high[at.get(t)!]! : Number.NaN));
          expect(Array.from(p.bars[k]!.high)).toEqual(expected);
          const nanRows = union.flatMap((t, r) => (at.has(t) ? [] : [r]));
          const fromRanges = p.missing[k]!.ranges.flatMap((g) =>
            Array.from({ length: g.endRow - g.startRow + 1 }, (_, j) => g.startRow + j),
          );
          expect(fromRanges).toEqual(nanRows);
          expect(p.missing[k]!.count).toBe(nanRows.length);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("rejects mixed timeframes, repeated symbols and unsorted series, naming each", () => {
    const daily = bars("A", [1, 2]);
    const hourly = { ...bars("B", [1, 2]), timeframe: "1h" as const };
    expect(() => alignPanel([daily, hourly])).toThrow(/series 1 \(B\)\.timeframe: expected 1d, got 1h/);
    expect(() => alignPanel([daily, bars("A", [3])])).toThrow(
      /series 1\.symbol: expected distinct symbols, "A" repeats/,
    );
    expect(() => alignPanel([bars("C", [2, 1])])).toThrow(ValidationError);
    expect(() => alignPanel([bars("C", [2, 1])])).toThrow(
      /series 0 \(C\) row 1\.ts: expected strictly increasing/,
    );
    expect(alignPanel([]).length).toBe(0);
  });
});
