import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { RollingMinIndex, rollingMinIndex } from "./rollingMinIndex.js";

indicatorContract({
  name: "rollingMinIndex",
  input: "close",
  vectorized: rollingMinIndex,
  streaming: (o) => new RollingMinIndex(o),
  options: [{ period: 2 }, { period: 10 }],
});

describe("rollingMinIndex", () => {
  it("rollingMinIndex(…) matches TA-Lib MININDEX (TA-Lib's tie rule (daily opens have many ties)) on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        rollingMinIndex(s.open, { period: 2 }),
        talibFull("MININDEX", { inReal: s.open }, { optInTimePeriod: 2 }).outputs.outInteger!,
        `${s.name} MININDEX optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        rollingMinIndex(s.open, { period: 14 }),
        talibFull("MININDEX", { inReal: s.open }, { optInTimePeriod: 14 }).outputs.outInteger!,
        `${s.name} MININDEX optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        rollingMinIndex(s.open, { period: 30 }),
        talibFull("MININDEX", { inReal: s.open }, { optInTimePeriod: 30 }).outputs.outInteger!,
        `${s.name} MININDEX optInTimePeriod: 30`,
      );
    }
  });
});
