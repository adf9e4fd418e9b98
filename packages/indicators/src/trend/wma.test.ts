import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Wma, wma } from "./wma.js";

indicatorContract({
  name: "wma",
  input: "close",
  strictKeys: true,
  vectorized: wma,
  streaming: (o) => new Wma(o),
  options: [{ period: 2 }, { period: 7 }],
});

describe("wma", () => {
  it("wma(close, {period}) matches TA-Lib WMA on ORCL, Ford and EURUSD after the lookback", () => {
    for (const s of realSeries()) {
      for (const period of [2, 10, 30]) {
        const t = talibFull("WMA", { inReal: s.close }, { optInTimePeriod: period });
        expectMatchesTalib(wma(s.close, { period }), t.outputs.outReal!, `${s.name} WMA(${period})`);
      }
    }
  });
});
