import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Adxr, adxr } from "./adxr.js";

indicatorContract({
  name: "adxr",
  input: "hlc",
  vectorized: adxr,
  streaming: (o) => new Adxr(o),
  options: [{ period: 2 }, { period: 5 }],
});

describe("adxr", () => {
  it("adxr(…) matches TA-Lib ADXR on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        adxr(s, { period: 2 }),
        talibFull("ADXR", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} ADXR optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        adxr(s, { period: 14 }),
        talibFull("ADXR", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} ADXR optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        adxr(s, { period: 30 }),
        talibFull("ADXR", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} ADXR optInTimePeriod: 30`,
      );
    }
  });
});
