import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { StochF, stochF } from "./stochF.js";

indicatorContract({
  name: "stochF",
  input: "hlc",
  vectorized: stochF,
  streaming: (o) => new StochF(o),
  options: [
    { fastKPeriod: 5, fastDPeriod: 3 },
    { fastKPeriod: 3, fastDPeriod: 2, fastDMaType: "ema" },
  ],
  outputs: ["fastK", "fastD"],
  invalid: [{ options: { fastDPeriod: 0 }, path: "fastDPeriod" }],
});

describe("stochF", () => {
  it("stochF(…) matches TA-Lib STOCHF on real series after the lookback", () => {
    for (const s of realSeries()) {
      {
        const ours = stochF(s, {});
        const t = talibFull("STOCHF", s, {
          optInFastK_Period: 5,
          optInFastD_Period: 3,
          optInFastD_MAType: 0,
        }).outputs;
        expectMatchesTalib(
          ours.fastK,
          t.outFastK!,
          `${s.name} STOCHF fastK optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0`,
        );
        expectMatchesTalib(
          ours.fastD,
          t.outFastD!,
          `${s.name} STOCHF fastD optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0`,
        );
      }
      {
        const ours = stochF(s, { fastKPeriod: 14, fastDPeriod: 4, fastDMaType: "ema" });
        const t = talibFull("STOCHF", s, {
          optInFastK_Period: 14,
          optInFastD_Period: 4,
          optInFastD_MAType: 1,
        }).outputs;
        expectMatchesTalib(
          ours.fastK,
          t.outFastK!,
          `${s.name} STOCHF fastK optInFastK_Period: 14, optInFastD_Period: 4, optInFastD_MAType: 1`,
        );
        expectMatchesTalib(
          ours.fastD,
          t.outFastD!,
          `${s.name} STOCHF fastD optInFastK_Period: 14, optInFastD_Period: 4, optInFastD_MAType: 1`,
        );
      }
    }
  });
});
