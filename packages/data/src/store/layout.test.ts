import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitCsvLine } from "../import/csvLines.js";
import { decodeSegment, encodeSegment, yearFile } from "./layout.js";

describe("layout", () => {
  it("encodeSegment(symbol) never contains a path separator, quote, glob or '=' and decodes back (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" }), (s) => {
        fc.pre(s !== "." && s !== "..");
        const e = encodeSegment(s);
        expect(e).toMatch(/^[A-Za-z0-9._~%-]+$/);
        expect(decodeSegment(e)).toBe(s);
      }),
    );
  });

  it("yearFile puts bars under bars/timeframe=…/symbol=…/year=…/data.parquet", () => {
    expect(yearFile("/r", "bars", "BTC/USD", 2024, "1m")).toBe(
      "/r/bars/timeframe=1m/symbol=BTC%2FUSD/year=2024/data.parquet",
    );
    expect(yearFile("/r", "trades", "x'y", 2020)).toBe("/r/trades/symbol=x%27y/year=2020/data.parquet");
  });

  it("splitCsvLine handles RFC 4180 quotes and trims unquoted fields", () => {
    expect(splitCsvLine('a, "b,c" ,"d""e",')).toEqual(["a", "b,c", 'd"e', ""]);
    expect(splitCsvLine("1;2;3", ";")).toEqual(["1", "2", "3"]);
  });
});
