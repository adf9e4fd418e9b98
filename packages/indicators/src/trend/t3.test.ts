import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { T3, t3 } from "./t3.js";

indicatorContract({
  name: "t3",
  input: "close",
  strictKeys: true,
  vectorized: t3,
  streaming: (o) => new T3(o),
  options: [{ period: 2 }, { period: 3, vFactor: 0.5 }],
});

describe("t3", () => {
  it("t3(close, {period}) matches TA-Lib T3 on ORCL, Ford and EURUSD after the lookback", () => {
    for (const s of realSeries()) {
      for (const period of [2, 5, 10]) {
        const t = talibFull("T3", { inReal: s.close }, { optInTimePeriod: period, optInVFactor: 0.7 });
        expectMatchesTalib(t3(s.close, { period }), t.outputs.outReal!, `${s.name} T3(${period})`);
      }
    }
  });
});
