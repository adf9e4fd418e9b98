import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Correl, correl } from "./correl.js";
import { pairContractFaces } from "./pairContract.js";

indicatorContract({
  name: "correl",
  input: "hl",
  ...pairContractFaces(correl, (o) => new Correl(o)),
  options: [{ period: 2 }, { period: 10 }],
});

describe("correl", () => {
  it("correl(…) matches TA-Lib CORREL on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        correl(s.high, s.low, { period: 2 }),
        talibFull("CORREL", { inReal0: s.high, inReal1: s.low }, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} CORREL optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        correl(s.high, s.low, { period: 10 }),
        talibFull("CORREL", { inReal0: s.high, inReal1: s.low }, { optInTimePeriod: 10 }).outputs.outReal!,
        `${s.name} CORREL optInTimePeriod: 10`,
      );
      expectMatchesTalib(
        correl(s.high, s.low, { period: 30 }),
        talibFull("CORREL", { inReal0: s.high, inReal1: s.low }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} CORREL optInTimePeriod: 30`,
      );
    }
  });
});
