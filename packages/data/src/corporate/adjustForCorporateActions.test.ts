import { readFileSync } from "node:fs";
import { type Bars, ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { syntheticMinuteBars } from "../resample/synthetic.testutil.js";
import {
  adjustForCorporateActions,
  adjustForCorporateActionsWithReport,
} from "./adjustForCorporateActions.js";

interface Golden {
  timezone: string;
  raw: Record<"ts" | "open" | "high" | "low" | "close" | "volume", number[]>;
  actions: { splits: { date: string; ratio: number }[]; dividends: { date: string; amount: number }[] };
  skipped: { kind: string; index: number }[];
  expected: Record<"open" | "high" | "low" | "close" | "volume" | "priceFactor" | "volumeFactor", number[]>;
}
const golden: Golden = JSON.parse(
  readFileSync(new URL("./fixtures/adjust_golden.json", import.meta.url), "utf8"),
);
const raw: Bars = {
  symbol: "GOLD",
  timeframe: "1d",
  length: golden.raw.ts.length,
  ts: Float64Array.from(golden.raw.ts),
  open: Float64Array.from(golden.raw.open),
  high: Float64Array.from(golden.raw.high),
  low: Float64Array.from(golden.raw.low),
  close: Float64Array.from(golden.raw.close),
  volume: Float64Array.from(golden.raw.volume),
};

function expectClose(got: Float64Array, want: number[]) {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    expect(Math.abs(got[i]! - want[i]!) / Math.abs(want[i]!)).toBeLessThan(1e-13);
}

describe("adjustForCorporateActions(bars, actions)", () => {
  it("matches the pandas golden fixture (splits, reverse split, weekend ex-date, same-day split + dividend)", () => {
    const before = Array.from(raw.close);
    const r = adjustForCorporateActionsWithReport(raw, golden.actions, { timezone: golden.timezone });
    for (const c of ["open", "high", "low", "close", "volume"] as const)
      expectClose(r.bars[c], golden.expected[c]);
    expectClose(r.priceFactor, golden.expected.priceFactor);
    expectClose(r.volumeFactor, golden.expected.volumeFactor);
    expect(r.actions.filter((a) => a.skipped).map((a) => ({ kind: a.kind, index: a.index }))).toEqual(
      golden.skipped,
    );
    expect(Array.from(raw.close)).toEqual(before); // raw view untouched
    expect(r.bars.ts).toBe(raw.ts);
    // The last bars (after every ex-date) keep their raw prices.
    expect(r.bars.close[raw.length - 1]).toBe(raw.close[raw.length - 1]);
  });

  it("reports each action with its ex row and factor, and skipped ones with the reason", () => {
    const r = adjustForCorporateActionsWithReport(raw, golden.actions, { timezone: golden.timezone });
    const reverse = r.actions.find((a) => a.kind === "split" && a.index === 1)!;
    // 2020-11-07 is a Saturday: the split goes ex on Monday 2020-11-09 (05:00 UTC, New York midnight).
    expect(raw.ts[reverse.exRow]).toBe(Date.UTC(2020, 10, 9, 5));
    expect(reverse).toMatchObject({ priceFactor: 2, volumeFactor: 0.5, skipped: null });
    expect(r.actions.find((a) => a.kind === "split" && a.index === 3)).toMatchObject({
      exRow: -1,
      skipped: "before first bar",
    });
    expect(r.actions.find((a) => a.kind === "dividend" && a.index === 7)).toMatchObject({
      exRow: -1,
      skipped: "after last bar",
    });
  });

  it("splits alone leave dollar volume (close × volume) and returns across the ex-date unchanged (property)", () => {
    const bars = syntheticMinuteBars(3, 200);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ row: fc.integer({ min: 1, max: 199 }), ratio: fc.constantFrom(2, 3, 0.5, 1.5, 10) }),
          { maxLength: 4 },
        ),
        (splits) => {
          // Simulate raw prices that really split: divide prices from the ex row on by the ratio.
          const rawB = {
            ...bars,
            open: bars.open.slice(),
            high: bars.high.slice(),
            low: bars.low.slice(),
            close: bars.close.slice(),
            volume: bars.volume.slice(),
          };
          for (const s of splits) {
            for (let i = s.row; i < rawB.length; i++) {
              rawB.close[i] = rawB.close[i]! / s.ratio;
              rawB.volume[i] = rawB.volume[i]! * s.ratio;
            }
          }
          const adj = adjustForCorporateActions(rawB, {
            splits: splits.map((s) => ({ date: rawB.ts[s.row]!, ratio: s.ratio })),
          });
          for (let i = 0; i < bars.length; i++) {
            expect(adj.close[i]! * adj.volume[i]!).toBeCloseTo(rawB.close[i]! * rawB.volume[i]!, 6);
            // Undoing the simulated splits recovers the original series up to the overall factor of the last row.
            expect(adj.close[i]! / bars.close[i]!).toBeCloseTo(
              adj.close[bars.length - 1]! / bars.close[bars.length - 1]!,
              10,
            );
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it("validates the actions table, naming the field", () => {
    expect(() => adjustForCorporateActions(raw, { splits: [{ date: "2020-06-15", ratio: 0 }] })).toThrow(
      /splits\.0\.ratio/,
    );
    expect(() => adjustForCorporateActions(raw, { dividends: [{ date: "2020-06-15", amount: -1 }] })).toThrow(
      ValidationError,
    );
    expect(() => adjustForCorporateActions(raw, { dividends: [{ date: "not a date", amount: 1 }] })).toThrow(
      /dividends\.0\.date/,
    );
    expect(() => adjustForCorporateActions(raw, { splitz: [] } as never)).toThrow(/corporate actions/);
    expect(() =>
      adjustForCorporateActions(raw, { dividends: [{ date: "2020-06-15", amount: 1e6 }] }),
    ).toThrow(/dividends\.0\.amount: expected a dividend below the previous close/);
  });
});
