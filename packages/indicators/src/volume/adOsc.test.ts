import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { AdOsc, adOsc } from "./adOsc.js";

indicatorContract({
  name: "adOsc",
  input: "hlcv",
  vectorized: adOsc,
  streaming: (o) => new AdOsc(o),
  options: [{ fastPeriod: 2, slowPeriod: 4 }, {}],
  invalid: [{ options: { fastPeriod: 1 }, path: "fastPeriod" }],
});

describe("adOsc", () => {
  it("adOsc(…) matches TA-Lib ADOSC (EMAs started from the first A/D value) on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        adOsc(s, {}),
        talibFull("ADOSC", s, { optInFastPeriod: 3, optInSlowPeriod: 10 }).outputs.outReal!,
        `${s.name} ADOSC optInFastPeriod: 3, optInSlowPeriod: 10`,
      );
      expectMatchesTalib(
        adOsc(s, { fastPeriod: 5, slowPeriod: 2 }),
        talibFull("ADOSC", s, { optInFastPeriod: 5, optInSlowPeriod: 2 }).outputs.outReal!,
        `${s.name} ADOSC optInFastPeriod: 5, optInSlowPeriod: 2`,
      );
      expectMatchesTalib(
        adOsc(s, { fastPeriod: 2, slowPeriod: 30 }),
        talibFull("ADOSC", s, { optInFastPeriod: 2, optInSlowPeriod: 30 }).outputs.outReal!,
        `${s.name} ADOSC optInFastPeriod: 2, optInSlowPeriod: 30`,
      );
    }
  });
});
