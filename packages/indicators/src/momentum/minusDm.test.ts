import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { MinusDm, minusDm } from "./minusDm.js";

indicatorContract({
  name: "minusDm",
  input: "hl",
  vectorized: minusDm,
  streaming: (o) => new MinusDm(o),
  options: [{ period: 1 }, { period: 14 }],
});

describe("minusDm", () => {
  it("minusDm(…) matches TA-Lib MINUS_DM on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        minusDm(s, { period: 1 }),
        talibFull("MINUS_DM", s, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} MINUS_DM optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        minusDm(s, { period: 2 }),
        talibFull("MINUS_DM", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} MINUS_DM optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        minusDm(s, { period: 14 }),
        talibFull("MINUS_DM", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} MINUS_DM optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        minusDm(s, { period: 30 }),
        talibFull("MINUS_DM", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} MINUS_DM optInTimePeriod: 30`,
      );
    }
  });
});
