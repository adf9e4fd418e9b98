import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Rocr, rocr } from "./rocr.js";

indicatorContract({
  name: "rocr",
  input: "close",
  vectorized: rocr,
  streaming: (o) => new Rocr(o),
  options: [{ period: 1 }, { period: 10 }],
});

describe("rocr", () => {
  it("rocr(…) matches TA-Lib ROCR on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        rocr(s.close, { period: 1 }),
        talibFull("ROCR", { inReal: s.close }, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} ROCR optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        rocr(s.close, { period: 10 }),
        talibFull("ROCR", { inReal: s.close }, { optInTimePeriod: 10 }).outputs.outReal!,
        `${s.name} ROCR optInTimePeriod: 10`,
      );
      expectMatchesTalib(
        rocr(s.close, { period: 30 }),
        talibFull("ROCR", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} ROCR optInTimePeriod: 30`,
      );
    }
  });
});
