import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { PlusDm, plusDm } from "./plusDm.js";

indicatorContract({
  name: "plusDm",
  input: "hl",
  vectorized: plusDm,
  streaming: (o) => new PlusDm(o),
  options: [{ period: 1 }, { period: 14 }],
});

describe("plusDm", () => {
  it("plusDm(…) matches TA-Lib PLUS_DM on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        plusDm(s, { period: 1 }),
        talibFull("PLUS_DM", s, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} PLUS_DM optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        plusDm(s, { period: 2 }),
        talibFull("PLUS_DM", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} PLUS_DM optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        plusDm(s, { period: 14 }),
        talibFull("PLUS_DM", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} PLUS_DM optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        plusDm(s, { period: 30 }),
        talibFull("PLUS_DM", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} PLUS_DM optInTimePeriod: 30`,
      );
    }
  });
});
