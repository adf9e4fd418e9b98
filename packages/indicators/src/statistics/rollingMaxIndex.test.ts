import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { RollingMaxIndex, rollingMaxIndex } from "./rollingMaxIndex.js";

indicatorContract({
  name: "rollingMaxIndex",
  input: "close",
  vectorized: rollingMaxIndex,
  streaming: (o) => new RollingMaxIndex(o),
  options: [{ period: 2 }, { period: 10 }],
});

describe("rollingMaxIndex", () => {
  it("rollingMaxIndex(…) matches TA-Lib MAXINDEX (TA-Lib's tie rule (daily opens have many ties)) on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        rollingMaxIndex(s.open, { period: 2 }),
        talibFull("MAXINDEX", { inReal: s.open }, { optInTimePeriod: 2 }).outputs.outInteger!,
        `${s.name} MAXINDEX optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        rollingMaxIndex(s.open, { period: 14 }),
        talibFull("MAXINDEX", { inReal: s.open }, { optInTimePeriod: 14 }).outputs.outInteger!,
        `${s.name} MAXINDEX optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        rollingMaxIndex(s.open, { period: 30 }),
        talibFull("MAXINDEX", { inReal: s.open }, { optInTimePeriod: 30 }).outputs.outInteger!,
        `${s.name} MAXINDEX optInTimePeriod: 30`,
      );
    }
  });
});
