import { describe, expect, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { loadCsvBars, realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Sar, sar } from "./sar.js";

indicatorContract({
  name: "sar",
  input: "hl",
  strictKeys: true,
  vectorized: sar,
  streaming: (o) => new Sar(o),
  options: [{}, { acceleration: 0.05, maximum: 0.3 }, { acceleration: 0.5, maximum: 0.2 }],
  invalid: [{ options: { acceleration: -0.1 }, path: "acceleration" }],
});

describe("sar", () => {
  it("sar(bars, opts) matches TA-Lib SAR on real series", () => {
    for (const s of realSeries()) {
      for (const [acceleration, maximum] of [
        [0.02, 0.2],
        [0.01, 0.1],
        [0.05, 0.5],
      ] as const) {
        const t = talibFull("SAR", s, { optInAcceleration: acceleration, optInMaximum: maximum });
        expectMatchesTalib(
          sar(s, { acceleration, maximum }),
          t.outputs.outReal!,
          `${s.name} SAR(${acceleration},${maximum})`,
        );
      }
    }
  });

  it("sar on Wilder's 38 book bars matches TA-Lib exactly and the book values TA-Lib's regtest lists", () => {
    const w = loadCsvBars("wilder_sar_book_data_38bars.csv");
    const ours = sar(w);
    const t = talibFull("SAR", { high: w.high, low: w.low }, { optInAcceleration: 0.02, optInMaximum: 0.2 });
    expectMatchesTalib(ours, t.outputs.outReal!, "Wilder SAR");
    // From TA-Lib's test_sar.c (Wilder's book): bars 1, 2, 5, 36, 37.
    const book: [number, number][] = [
      [1, 50.0],
      [2, 50.047],
      [5, 50.182],
      [36, 52.93],
      [37, 50.0],
    ];
    for (const [bar, v] of book) expect(Math.abs(ours[bar]! - v)).toBeLessThan(0.001);
  });
});
