// hand-written: Tulip Indicators' own test vectors (test-data/tulip/, LGPL-3.0) where Tulip's convention matches:
// AO (TA-Lib has none) and MACD with `seed: "first"` (Tulip seeds EMAs with the first value).
import { describe, expect, it } from "vitest";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib } from "../testing/talib.js";
import { tulipRun } from "../testing/tulip.js";
import { compareTulipTail, tulipVectors } from "../testing/tulipVectors.js";
import { ao } from "./ao.js";
import { macd } from "./macd.js";

describe("Tulip cross-checks", () => {
  it("ao({high, low}) matches Tulip's ao test vectors (3-decimal rounding)", () => {
    const vs = tulipVectors("ao").filter((v) => v.arrays[2]!.length > 0);
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) compareTulipTail(ao({ high: v.arrays[0]!, low: v.arrays[1]! }), v.arrays[2]!);
  });

  it("macd(close, {seed: 'first'}) matches Tulip's macd 2 5 9 vectors", () => {
    const vs = tulipVectors("macd").filter((v) => !(v.options[0] === 12 && v.options[1] === 26));
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) {
      const [f, s, g] = v.options as [number, number, number];
      const m = macd(v.arrays[0]!, { fastPeriod: f, slowPeriod: s, signalPeriod: g, seed: "first" });
      compareTulipTail(m.macd, v.arrays[1]!);
      compareTulipTail(m.signal, v.arrays[2]!);
      compareTulipTail(m.histogram, v.arrays[3]!);
    }
  });

  it("macd(close, {seed: 'first'}) equals the tulind binding on real series (Tulip's own 12/26 special case excluded)", () => {
    for (const s of realSeries()) {
      for (const [f, sl, g] of [
        [5, 13, 4],
        [3, 10, 16],
        [12, 30, 9],
      ] as const) {
        const m = macd(s.close, { fastPeriod: f, slowPeriod: sl, signalPeriod: g, seed: "first" });
        const t = tulipRun("macd", [s.close], [f, sl, g]);
        expectMatchesTalib(m.macd, t[0]!, `${s.name} tulip macd ${f},${sl},${g}`);
        expectMatchesTalib(m.signal, t[1]!, `${s.name} tulip macd signal`);
        expectMatchesTalib(m.histogram, t[2]!, `${s.name} tulip macd histogram`);
      }
    }
  });

  it("ao equals the tulind binding on real series", () => {
    for (const s of realSeries())
      expectMatchesTalib(ao(s), tulipRun("ao", [s.high, s.low], [])[0]!, `${s.name} tulip ao`, {
        abs: 1e-10,
      });
  });
});
