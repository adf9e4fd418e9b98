import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBarsCsv } from "./load-bars-csv.js";

const write = (text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), "qk-csv-")), "bars.csv");
  writeFileSync(p, text);
  return p;
};

describe("loadBarsCsv", () => {
  it("reads Yahoo daily files as local-midnight bars (GOOG has an empty date header)", () => {
    const goog = loadBarsCsv(new URL("../../test-data/ohlcv/GOOG.csv", import.meta.url).pathname, {
      symbol: "GOOG",
      timeframe: "1d",
      timezone: "America/New_York",
    });
    expect(goog.length).toBe(2148);
    expect(goog.ts[0]).toBe(Date.UTC(2004, 7, 19, 4)); // midnight EDT
    expect([goog.open[0], goog.high[0], goog.low[0], goog.close[0], goog.volume[0]]).toEqual([
      100, 104.06, 95.96, 100.34, 22351900,
    ]);
  });

  it("reads intraday timestamps with fractional seconds as UTC", () => {
    const ftx = loadBarsCsv(
      new URL("../../test-data/ohlcv/ftx_btc-perp_2022-01_first10000_1m.csv", import.meta.url).pathname,
      {
        symbol: "BTC-PERP",
        timeframe: "1m",
      },
    );
    expect(ftx.length).toBe(10_000);
    expect(ftx.ts[0]).toBe(Date.UTC(2021, 11, 31, 23, 1));
  });

  it("names every bad row and field instead of dropping or reordering data", () => {
    const p = write(
      "date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,abc,9,10,100\n2024-01-04,10,9,8,9.5,100\n2024-01-04,10,11,9,10,100\nnot-a-date,1,1,1,1,1\n",
    );
    let msg = "";
    try {
      loadBarsCsv(p, { symbol: "X", timeframe: "1d" });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/row 3\.high: expected a number, got "abc"/);
    expect(msg).toMatch(/row 4: inconsistent OHLC/);
    expect(msg).toMatch(/row 5\.date: timestamp not strictly after the previous row/);
    expect(msg).toMatch(/row 6\.date: expected YYYY-MM-DD/);
    expect(() => loadBarsCsv(write("date,open,high,low,close\n"), { symbol: "X", timeframe: "1d" })).toThrow(
      /missing column "volume"/,
    );
  });
});
