import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { StochRsi, stochRsi } from "./stochRsi.js";

indicatorContract({
  name: "stochRsi",
  input: "close",
  vectorized: stochRsi,
  streaming: (o) => new StochRsi(o),
  options: [{ period: 5, fastKPeriod: 3, fastDPeriod: 2 }, {}],
  outputs: ["fastK", "fastD"],
});

describe("stochRsi", () => {
  it("stochRsi(…) matches TA-Lib STOCHRSI on real series after the lookback", () => {
    for (const s of realSeries()) {
      {
        const ours = stochRsi(s.close, {});
        const t = talibFull(
          "STOCHRSI",
          { inReal: s.close },
          { optInTimePeriod: 14, optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0 },
        ).outputs;
        expectMatchesTalib(
          ours.fastK,
          t.outFastK!,
          `${s.name} STOCHRSI fastK optInTimePeriod: 14, optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0`,
        );
        expectMatchesTalib(
          ours.fastD,
          t.outFastD!,
          `${s.name} STOCHRSI fastD optInTimePeriod: 14, optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0`,
        );
      }
      {
        const ours = stochRsi(s.close, { period: 9, fastKPeriod: 14, fastDPeriod: 3, fastDMaType: "ema" });
        const t = talibFull(
          "STOCHRSI",
          { inReal: s.close },
          { optInTimePeriod: 9, optInFastK_Period: 14, optInFastD_Period: 3, optInFastD_MAType: 1 },
        ).outputs;
        expectMatchesTalib(
          ours.fastK,
          t.outFastK!,
          `${s.name} STOCHRSI fastK optInTimePeriod: 9, optInFastK_Period: 14, optInFastD_Period: 3, optInFastD_MAType: 1`,
        );
        expectMatchesTalib(
          ours.fastD,
          t.outFastD!,
          `${s.name} STOCHRSI fastD optInTimePeriod: 9, optInFastK_Period: 14, optInFastD_Period: 3, optInFastD_MAType: 1`,
        );
      }
    }
  });
});
