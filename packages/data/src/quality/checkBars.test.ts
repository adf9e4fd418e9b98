import { readFileSync } from "node:fs";
import { type Bars, ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { syntheticMinuteBars } from "../resample/synthetic.testutil.js";
import { checkBars, QUALITY_CHECKS } from "./checkBars.js";

const T0 = Date.UTC(2024, 0, 2, 14, 30);
const MIN = 60_000;
/** 40 clean 1-minute bars from T0 (a seeded random walk: no issue of any kind). */
const clean = () => syntheticMinuteBars(1, 40, { start: T0 });

function daily(dates: string[], timezone = "America/New_York"): Bars {
  // Session-day bars aligned to local midnight of `timezone` (New York: 05:00 UTC in winter).
  const ts = Float64Array.from(dates, (d) => {
    const utcMidnight = Date.parse(`${d}T00:00:00Z`);
    return timezone === "UTC" ? utcMidnight : utcMidnight + 5 * 3_600_000;
  });
  const n = dates.length;
  const px = Float64Array.from({ length: n }, (_, i) => 100 + i);
  return {
    symbol: "D",
    timeframe: "1d",
    length: n,
    ts,
    open: px,
    high: px.map((p) => p + 1),
    low: px.map((p) => p - 1),
    close: px,
    volume: px,
  };
}

function emptyExcept(report: ReturnType<typeof checkBars>, ...kinds: (typeof QUALITY_CHECKS)[number][]) {
  for (const k of QUALITY_CHECKS) if (!kinds.includes(k)) expect(report[k], k).toEqual([]);
}

describe("checkBars(bars)", () => {
  it("reports nothing for clean bars", () => {
    const r = checkBars(clean());
    expect(r.ok).toBe(true);
    emptyExcept(r);
    expect(r.rows).toBe(40);
    expect(r.calendar).toBe("continuous");
  });

  it("reports a duplicated timestamp (and the bar it replaced as a gap)", () => {
    const b = clean();
    b.ts[5] = b.ts[4]!;
    const r = checkBars(b);
    expect(r.duplicates).toEqual([5]);
    expect(r.gaps).toEqual([{ afterRow: 5, beforeRow: 6, from: T0 + 5 * MIN, to: T0 + 5 * MIN, missing: 1 }]);
    emptyExcept(r, "duplicates", "gaps");
    expect(r.ok).toBe(false);
  });

  it("reports non-monotonic rows and duplicates that are not adjacent in unsorted data", () => {
    const b = clean();
    [b.ts[10], b.ts[11]] = [b.ts[11]!, b.ts[10]!]; // swap two rows
    b.ts[30] = b.ts[3]!; // a far duplicate
    const r = checkBars(b);
    expect(r.nonMonotonic).toEqual([11, 30]);
    expect(r.duplicates).toEqual([30]);
    // Gaps between increasing neighbours only: 9→10 skips minute 10, 11→12 is 12-10 = 2 minutes, 30→31 jumps from minute 3.
    expect(r.gaps).toEqual([
      { afterRow: 9, beforeRow: 10, from: T0 + 10 * MIN, to: T0 + 10 * MIN, missing: 1 },
      { afterRow: 11, beforeRow: 12, from: T0 + 11 * MIN, to: T0 + 11 * MIN, missing: 1 },
      { afterRow: 30, beforeRow: 31, from: T0 + 4 * MIN, to: T0 + 30 * MIN, missing: 27 },
    ]);
    emptyExcept(r, "nonMonotonic", "duplicates", "gaps");
  });

  it("reports NaN by row and column without cascading into other checks", () => {
    const b = clean();
    b.close[3] = Number.NaN;
    b.volume[7] = Number.NaN;
    b.ts[20] = Number.NaN;
    const r = checkBars(b);
    expect(r.nan).toEqual([
      { row: 3, column: "close" },
      { row: 7, column: "volume" },
      { row: 20, column: "ts" },
    ]);
    emptyExcept(r, "nan");
  });

  it("reports non-positive prices, negative volume and each OHLC inconsistency", () => {
    const b = clean();
    b.open[2] = 0;
    b.low[2] = -1;
    b.volume[4] = -5;
    b.high[6] = Math.min(b.open[6]!, b.close[6]!) - 0.01; // high below the body …
    b.low[6] = Math.max(b.open[6]!, b.close[6]!) + 0.01; // … and low above it: all three problems
    b.low[9] = Math.min(b.open[9]!, b.close[9]!) + 0.001; // low above the body but below high
    const r = checkBars(b);
    expect(r.nonPositive).toEqual([
      { row: 2, column: "open" },
      { row: 2, column: "low" },
    ]);
    expect(r.negativeVolume).toEqual([4]);
    expect(r.ohlc).toEqual([
      { row: 6, problem: "high < max(open, close)" },
      { row: 6, problem: "low > min(open, close)" },
      { row: 6, problem: "high < low" },
      { row: 9, problem: "low > min(open, close)" },
    ]);
    // open = 0 gives a close-to-close return unaffected (close unchanged): no outlier.
    emptyExcept(r, "nonPositive", "negativeVolume", "ohlc");
  });

  it("reports stale runs of identical closes (staleRun option)", () => {
    const b = clean();
    for (let i = 10; i <= 15; i++) b.close[i] = b.close[10]!;
    for (let i = 30; i <= 33; i++) b.close[i] = b.close[30]!;
    const r = checkBars(b, { staleRun: 5 });
    expect(r.staleRuns).toEqual([{ startRow: 10, endRow: 15, length: 6, value: b.close[10] }]);
    expect(checkBars(b, { staleRun: 4 }).staleRuns.map((s) => s.startRow)).toEqual([10, 30]);
    expect(checkBars(b).staleRuns).toEqual([]); // intraday default is 20
  });

  it("reports return outliers by modified z-score exactly as scipy's median_abs_deviation computes them", () => {
    const g = JSON.parse(
      readFileSync(new URL("./fixtures/outlier_golden.json", import.meta.url), "utf8"),
    ) as {
      close: number[];
      outliers: Record<string, { row: number; ret: number; z: number }[]>;
    };
    const n = g.close.length;
    const close = Float64Array.from(g.close);
    const b: Bars = {
      symbol: "T",
      timeframe: "1d",
      length: n,
      ts: Float64Array.from({ length: n }, (_, i) => i * 86_400_000),
      open: close,
      high: close,
      low: close,
      close,
      volume: new Float64Array(n),
    };
    for (const [threshold, expected] of Object.entries(g.outliers)) {
      const got = checkBars(b, { outlierThreshold: Number(threshold), calendar: "none" }).outliers;
      expect(got.map((o) => o.row)).toEqual(expected.map((o) => o.row));
      got.forEach((o, i) => {
        expect(o.ret).toBeCloseTo(expected[i]!.ret, 14);
        expect(o.z).toBeCloseTo(expected[i]!.z, 10);
      });
    }
    // The default threshold (10) keeps the bad prints and the level shift, not the fat tails.
    expect(checkBars(b, { calendar: "none" }).outliers.map((o) => o.row)).toEqual([120, 121, 300, 301, 420]);
  });
});

describe("checkBars(bars) outliers", () => {
  it("equal a naive sort-based median/MAD computation for any length, odd or even, with ties (property)", () => {
    const sortedMedian = (xs: number[]) => {
      const a = [...xs].sort((x, y) => x - y);
      const m = a.length >> 1;
      return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 90, max: 110 }), { minLength: 4, maxLength: 300 }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        (prices, threshold) => {
          const close = Float64Array.from(prices);
          const n = close.length;
          const b: Bars = {
            symbol: "P",
            timeframe: "1d",
            length: n,
            ts: Float64Array.from({ length: n }, (_, i) => i * 86_400_000),
            open: close,
            high: close,
            low: close,
            close,
            volume: new Float64Array(n),
          };
          const r = prices.slice(1).map((p, i) => Math.log(p / prices[i]!));
          const med = sortedMedian(r);
          const mad = sortedMedian(r.map((x) => Math.abs(x - med)));
          const expected =
            mad > 0
              ? r.flatMap((x, i) => (Math.abs((0.6745 * (x - med)) / mad) > threshold ? [i + 1] : []))
              : [];
          const got = checkBars(b, { calendar: "none", outlierThreshold: threshold, staleRun: 1e6 }).outliers;
          expect(got.map((o) => o.row)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("checkBars(bars) gaps against the expected calendar", () => {
  it("daily bars: weekends are not gaps, missing weekdays are, holidays can be declared", () => {
    // Fri 2024-03-08, Mon 11, Tue 12, (Wed 13 missing), Thu 14, (Fri 15, Mon 18 missing), Tue 19
    const b = daily(["2024-03-08", "2024-03-11", "2024-03-12", "2024-03-14", "2024-03-19"]);
    const ny = { timezone: "America/New_York" };
    const r = checkBars(b, ny);
    expect(r.calendar).toBe("weekdays");
    // Local midnights in New York: 04:00 UTC after the DST change of 2024-03-10.
    expect(r.gaps).toEqual([
      { afterRow: 2, beforeRow: 3, from: Date.UTC(2024, 2, 13, 4), to: Date.UTC(2024, 2, 13, 4), missing: 1 },
      { afterRow: 3, beforeRow: 4, from: Date.UTC(2024, 2, 15, 4), to: Date.UTC(2024, 2, 18, 4), missing: 2 },
    ]);
    expect(checkBars(b, { ...ny, holidays: ["2024-03-13"] }).gaps.map((g) => g.afterRow)).toEqual([3]);
    expect(checkBars(b, { ...ny, calendar: "continuous" }).gaps.map((g) => g.missing)).toEqual([2, 1, 4]);
    expect(checkBars(b, { ...ny, calendar: "none" }).gaps).toEqual([]);
  });

  it("intraday bars under a session calendar: overnight and weekend are not gaps, missing session minutes are", () => {
    const minutes = (day: number, from: string, to: string) => {
      const out: number[] = [];
      const [fh, fm] = from.split(":").map(Number);
      const [th, tm] = to.split(":").map(Number);
      // January: New York is UTC-5.
      for (let t = Date.UTC(2024, 0, day, fh! + 5, fm!); t < Date.UTC(2024, 0, day, th! + 5, tm!); t += MIN)
        out.push(t);
      return out;
    };
    // Fri Jan 5 full session, Mon Jan 8 with 12:00–12:02 missing, Tue Jan 9 ending at 15:58.
    const ts = [
      ...minutes(5, "09:30", "16:00"),
      ...minutes(8, "09:30", "12:00"),
      ...minutes(8, "12:03", "16:00"),
      ...minutes(9, "09:30", "15:58"),
    ];
    const b = { ...syntheticMinuteBars(2, ts.length), ts: Float64Array.from(ts) };
    const r = checkBars(b, {
      calendar: "weekdays",
      timezone: "America/New_York",
      session: { open: "09:30", close: "16:00" },
    });
    const row = ts.indexOf(Date.UTC(2024, 0, 8, 17, 3));
    expect(r.gaps).toEqual([
      {
        afterRow: row - 1,
        beforeRow: row,
        from: Date.UTC(2024, 0, 8, 17),
        to: Date.UTC(2024, 0, 8, 17, 2),
        missing: 3,
      },
    ]);
    // Without a session every overnight minute counts; as continuous, the weekend too.
    // Fri 16:00 → Mon 09:30 counts Friday evening and Monday morning (8 h + 9.5 h), not the weekend.
    expect(
      checkBars(b, { calendar: "weekdays", timezone: "America/New_York" }).gaps.map((g) => g.missing),
    ).toEqual([17.5 * 60, 3, 17.5 * 60]);
    expect(checkBars(b).gaps.map((g) => g.missing)).toEqual([17.5 * 60 + 48 * 60, 3, 17.5 * 60]);
  });

  it("validates options naming the field", () => {
    expect(() => checkBars(clean(), { session: { open: "9:30", close: "16:00" } })).toThrow(ValidationError);
    expect(() => checkBars(clean(), { session: { open: "9:30", close: "16:00" } })).toThrow(
      /session\.open: expected "HH:MM"/,
    );
    expect(() => checkBars(clean(), { holidays: ["2024/01/01"] })).toThrow(
      /holidays\.0: expected YYYY-MM-DD/,
    );
    expect(() => checkBars(clean(), { staleRun: 1 })).toThrow(/staleRun/);
    expect(() => checkBars(clean(), { calendar: "fx" as "none" })).toThrow(/calendar/);
  });
});

describe("QualityReport.summary()", () => {
  it("prints one line per check with counts and the first rows", () => {
    const b = clean();
    b.ts[5] = b.ts[4]!;
    b.volume[8] = -1;
    const r = checkBars(b);
    expect(r.summary()).toBe(
      [
        "Quality of SYN 1m: 40 rows, 2024-01-02 14:30 → 2024-01-02 15:09 (rows are 0-based)",
        "  FAIL  duplicates                1  5",
        "  ok    non-monotonic ts          0",
        "  ok    NaN values                0",
        "  ok    prices <= 0               0",
        "  FAIL  negative volume           1  8",
        "  ok    OHLC inconsistent         0",
        "  FAIL  gaps (continuous)         1  1 bars missing: 2024-01-02 14:35 (1, rows 5–6)",
        "  ok    return outliers           0",
        "  ok    stale runs                0",
      ].join("\n"),
    );
    expect(String(r)).toBe(r.summary());
    expect(checkBars(clean()).summary()).toContain("all checks passed");
    // Daily bars of a New York session print their local session date, not the UTC one.
    const d = daily(["2024-03-08", "2024-03-11"]);
    expect(checkBars(d, { timezone: "America/New_York" }).summary().split("\n")[0]).toBe(
      "Quality of D 1d: 2 rows, 2024-03-08 → 2024-03-11 (rows are 0-based, times in America/New_York) — all checks passed",
    );
  });
});
