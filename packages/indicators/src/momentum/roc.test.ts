import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Roc, roc } from "./roc.js";

indicatorContract({
  name: "roc",
  input: "close",
  vectorized: roc,
  streaming: (o) => new Roc(o),
  options: [{ period: 1 }, { period: 10 }],
});

describe("roc", () => {
  it("roc(…) matches TA-Lib ROC on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        roc(s.close, { period: 1 }),
        talibFull("ROC", { inReal: s.close }, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} ROC optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        roc(s.close, { period: 10 }),
        talibFull("ROC", { inReal: s.close }, { optInTimePeriod: 10 }).outputs.outReal!,
        `${s.name} ROC optInTimePeriod: 10`,
      );
      expectMatchesTalib(
        roc(s.close, { period: 30 }),
        talibFull("ROC", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} ROC optInTimePeriod: 30`,
      );
    }
  });
});
