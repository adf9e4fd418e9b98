import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Tema, tema } from "./tema.js";

indicatorContract({
  name: "tema",
  input: "close",
  strictKeys: true,
  vectorized: tema,
  streaming: (o) => new Tema(o),
  options: [{ period: 2 }, { period: 5 }],
});

describe("tema", () => {
  it("tema(close, {period}) matches TA-Lib TEMA on ORCL, Ford and EURUSD after the lookback", () => {
    for (const s of realSeries()) {
      for (const period of [2, 10, 30]) {
        const t = talibFull("TEMA", { inReal: s.close }, { optInTimePeriod: period });
        expectMatchesTalib(tema(s.close, { period }), t.outputs.outReal!, `${s.name} TEMA(${period})`);
      }
    }
  });
});
