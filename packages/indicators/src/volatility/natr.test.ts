import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Natr, natr } from "./natr.js";

indicatorContract({
  name: "natr",
  input: "hlc",
  strictKeys: true,
  vectorized: natr,
  streaming: (o) => new Natr(o),
  options: [{ period: 2 }, { period: 14 }],
});

describe("natr", () => {
  it("natr(bars, {period}) matches TA-Lib NATR on real series", () => {
    for (const s of realSeries()) {
      for (const period of [2, 14, 30]) {
        const t = talibFull("NATR", s, { optInTimePeriod: period });
        expectMatchesTalib(natr(s, { period }), t.outputs.outReal!, `${s.name} NATR(${period})`);
      }
    }
  });
});
