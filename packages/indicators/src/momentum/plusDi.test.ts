import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { PlusDi, plusDi } from "./plusDi.js";

indicatorContract({
  name: "plusDi",
  input: "hlc",
  vectorized: plusDi,
  streaming: (o) => new PlusDi(o),
  options: [{ period: 1 }, { period: 14 }],
});

describe("plusDi", () => {
  it("plusDi(…) matches TA-Lib PLUS_DI on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        plusDi(s, { period: 1 }),
        talibFull("PLUS_DI", s, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} PLUS_DI optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        plusDi(s, { period: 2 }),
        talibFull("PLUS_DI", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} PLUS_DI optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        plusDi(s, { period: 14 }),
        talibFull("PLUS_DI", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} PLUS_DI optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        plusDi(s, { period: 30 }),
        talibFull("PLUS_DI", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} PLUS_DI optInTimePeriod: 30`,
      );
    }
  });
});
