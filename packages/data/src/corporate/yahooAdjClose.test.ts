// Real-data check: Yahoo's `Adj Close` in the bundled ORCL and NVDA daily files (prices already split-adjusted,
// not dividend-adjusted) is reproduced by adjustForCorporateActions from dividends derived out of the file itself
// (ORCL: 0.05 from 2009, 0.06 from 2011, a 0.18 prepayment in Dec 2012, then 0.12; NVDA: 0.075 / 0.085 from 2012).
// The derivation assumes the multiplicative rule; that the implied amounts come out as round cash amounts and that
// the rebuilt series matches Adj Close to 2e-6 (its rounding) over 20 years is what confirms it is Yahoo's rule too.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Bars } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { adjustForCorporateActions } from "./adjustForCorporateActions.js";

function readYahoo(file: string): { bars: Bars; adjClose: Float64Array; dates: string[] } {
  const url = new URL(`../../../../datasets/raw/${file}`, import.meta.url);
  const lines = gunzipSync(readFileSync(url)).toString("utf8").trim().split("\n").slice(1);
  const n = lines.length;
  const c = Array.from({ length: 7 }, () => new Float64Array(n));
  const dates: string[] = [];
  lines.forEach((line, i) => {
    const f = line.split(",");
    dates.push(f[0]!);
    c[0]![i] = Date.parse(`${f[0]}T00:00:00Z`);
    for (let j = 1; j <= 6; j++) c[j]![i] = Number(f[j]);
  });
  const [ts, open, high, low, close, adj, volume] = c as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return {
    bars: { symbol: file, timeframe: "1d", length: n, ts, open, high, low, close, volume },
    adjClose: adj,
    dates,
  };
}

describe("adjustForCorporateActions on real Yahoo data", () => {
  for (const [file, firstDividendYear] of [
    ["orcl-1995-2014.txt.gz", "2009"],
    ["nvda-1999-2014.txt.gz", "2012"],
  ] as const) {
    it(`${file}: Adj Close = Close × Π(1 − dividend / previous close), dividends derived from the file are whole or half cents`, () => {
      const { bars, adjClose, dates } = readYahoo(file);
      const n = bars.length;
      // Where Adj Close / Close steps, a dividend went ex; invert the factor to recover its amount.
      const dividends: { date: string; amount: number }[] = [];
      for (let i = 1; i < n; i++) {
        const before = adjClose[i - 1]! / bars.close[i - 1]!;
        const after = adjClose[i]! / bars.close[i]!;
        if (Math.abs(before / after - 1) > 2e-4) {
          const amount = bars.close[i - 1]! * (1 - before / after);
          // Yahoo's rule is multiplicative on the previous close: the implied amounts are round cash amounts.
          expect(
            Math.abs(amount * 200 - Math.round(amount * 200)),
            `${dates[i]} amount ${amount}`,
          ).toBeLessThan(0.05);
          dividends.push({ date: dates[i]!, amount: Math.round(amount * 200) / 200 });
        }
      }
      expect(dividends.length).toBeGreaterThan(5);
      expect(dividends[0]!.date.slice(0, 4)).toBe(firstDividendYear);
      const adjusted = adjustForCorporateActions(bars, { dividends });
      // The files were downloaded after 2014: dividends paid later scale every Adj Close by one more constant.
      const later = adjClose[n - 1]! / bars.close[n - 1]!;
      expect(later).toBeLessThan(1);
      let worst = 0;
      for (let i = 0; i < n; i++)
        worst = Math.max(worst, Math.abs((adjusted.close[i]! * later) / adjClose[i]! - 1));
      expect(worst).toBeLessThan(2e-6); // Adj Close has 6 decimals: ~1e-6 relative rounding
      expect(adjusted.close[n - 1]).toBe(bars.close[n - 1]);
    });
  }
});
