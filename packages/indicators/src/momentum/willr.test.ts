import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Willr, willr } from "./willr.js";

indicatorContract({
  name: "willr",
  input: "hlc",
  vectorized: willr,
  streaming: (o) => new Willr(o),
  options: [{ period: 2 }, { period: 14 }],
});

describe("willr", () => {
  it("willr(…) matches TA-Lib WILLR on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        willr(s, { period: 2 }),
        talibFull("WILLR", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} WILLR optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        willr(s, { period: 14 }),
        talibFull("WILLR", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} WILLR optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        willr(s, { period: 30 }),
        talibFull("WILLR", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} WILLR optInTimePeriod: 30`,
      );
    }
  });
});
