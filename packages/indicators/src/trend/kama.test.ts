import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Kama, kama } from "./kama.js";

indicatorContract({
  name: "kama",
  input: "close",
  strictKeys: true,
  vectorized: kama,
  streaming: (o) => new Kama(o),
  options: [{ period: 2 }, { period: 10 }],
});

describe("kama", () => {
  it("kama(close, {period}) matches TA-Lib KAMA on ORCL, Ford and EURUSD after the lookback", () => {
    for (const s of realSeries()) {
      for (const period of [2, 10, 30]) {
        const t = talibFull("KAMA", { inReal: s.close }, { optInTimePeriod: period });
        expectMatchesTalib(kama(s.close, { period }), t.outputs.outReal!, `${s.name} KAMA(${period})`);
      }
    }
  });
});
