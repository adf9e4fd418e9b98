import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { MinusDi, minusDi } from "./minusDi.js";

indicatorContract({
  name: "minusDi",
  input: "hlc",
  vectorized: minusDi,
  streaming: (o) => new MinusDi(o),
  options: [{ period: 1 }, { period: 14 }],
});

describe("minusDi", () => {
  it("minusDi(…) matches TA-Lib MINUS_DI on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        minusDi(s, { period: 1 }),
        talibFull("MINUS_DI", s, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} MINUS_DI optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        minusDi(s, { period: 2 }),
        talibFull("MINUS_DI", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} MINUS_DI optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        minusDi(s, { period: 14 }),
        talibFull("MINUS_DI", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} MINUS_DI optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        minusDi(s, { period: 30 }),
        talibFull("MINUS_DI", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} MINUS_DI optInTimePeriod: 30`,
      );
    }
  });
});
