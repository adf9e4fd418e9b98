import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Dema, dema } from "./dema.js";

indicatorContract({
  name: "dema",
  input: "close",
  strictKeys: true,
  vectorized: dema,
  streaming: (o) => new Dema(o),
  options: [{ period: 2 }, { period: 5 }],
});

describe("dema", () => {
  it("dema(close, {period}) matches TA-Lib DEMA on ORCL, Ford and EURUSD after the lookback", () => {
    for (const s of realSeries()) {
      for (const period of [2, 10, 30]) {
        const t = talibFull("DEMA", { inReal: s.close }, { optInTimePeriod: period });
        expectMatchesTalib(dema(s.close, { period }), t.outputs.outReal!, `${s.name} DEMA(${period})`);
      }
    }
  });
});
