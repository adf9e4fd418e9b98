import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { RollingMax, rollingMax } from "./rollingMax.js";

indicatorContract({
  name: "rollingMax",
  input: "close",
  vectorized: rollingMax,
  streaming: (o) => new RollingMax(o),
  options: [{ period: 2 }, { period: 10 }],
});

describe("rollingMax", () => {
  it("rollingMax(…) matches TA-Lib MAX on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        rollingMax(s.close, { period: 2 }),
        talibFull("MAX", { inReal: s.close }, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} MAX optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        rollingMax(s.close, { period: 14 }),
        talibFull("MAX", { inReal: s.close }, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} MAX optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        rollingMax(s.close, { period: 30 }),
        talibFull("MAX", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} MAX optInTimePeriod: 30`,
      );
    }
  });
});
