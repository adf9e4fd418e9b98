import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Rocr100, rocr100 } from "./rocr100.js";

indicatorContract({
  name: "rocr100",
  input: "close",
  vectorized: rocr100,
  streaming: (o) => new Rocr100(o),
  options: [{ period: 1 }, { period: 10 }],
});

describe("rocr100", () => {
  it("rocr100(…) matches TA-Lib ROCR100 on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        rocr100(s.close, { period: 1 }),
        talibFull("ROCR100", { inReal: s.close }, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} ROCR100 optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        rocr100(s.close, { period: 10 }),
        talibFull("ROCR100", { inReal: s.close }, { optInTimePeriod: 10 }).outputs.outReal!,
        `${s.name} ROCR100 optInTimePeriod: 10`,
      );
      expectMatchesTalib(
        rocr100(s.close, { period: 30 }),
        talibFull("ROCR100", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} ROCR100 optInTimePeriod: 30`,
      );
    }
  });
});
