import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Trima, trima } from "./trima.js";

indicatorContract({
  name: "trima",
  input: "close",
  strictKeys: true,
  vectorized: trima,
  streaming: (o) => new Trima(o),
  options: [{ period: 2 }, { period: 3 }, { period: 8 }],
});

describe("trima", () => {
  it("trima(close, {period}) matches TA-Lib TRIMA on ORCL, Ford and EURUSD after the lookback", () => {
    for (const s of realSeries()) {
      for (const period of [2, 3, 10, 11, 30]) {
        const t = talibFull("TRIMA", { inReal: s.close }, { optInTimePeriod: period });
        expectMatchesTalib(trima(s.close, { period }), t.outputs.outReal!, `${s.name} TRIMA(${period})`);
      }
    }
  });
});
