import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Atr, atr } from "./atr.js";

indicatorContract({
  name: "atr",
  input: "hlc",
  strictKeys: true,
  vectorized: atr,
  streaming: (o) => new Atr(o),
  options: [{ period: 1 }, { period: 3 }, { period: 14 }],
});

describe("atr", () => {
  it("atr(bars, {period}) matches TA-Lib ATR (SMA-seeded Wilder smoothing) on real series", () => {
    for (const s of realSeries()) {
      for (const period of [1, 5, 14, 50]) {
        const t = talibFull("ATR", s, { optInTimePeriod: period });
        expectMatchesTalib(atr(s, { period }), t.outputs.outReal!, `${s.name} ATR(${period})`);
      }
    }
  });
});
