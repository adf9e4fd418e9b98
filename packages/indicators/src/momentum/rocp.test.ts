import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Rocp, rocp } from "./rocp.js";

indicatorContract({
  name: "rocp",
  input: "close",
  vectorized: rocp,
  streaming: (o) => new Rocp(o),
  options: [{ period: 1 }, { period: 10 }],
});

describe("rocp", () => {
  it("rocp(…) matches TA-Lib ROCP on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        rocp(s.close, { period: 1 }),
        talibFull("ROCP", { inReal: s.close }, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} ROCP optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        rocp(s.close, { period: 10 }),
        talibFull("ROCP", { inReal: s.close }, { optInTimePeriod: 10 }).outputs.outReal!,
        `${s.name} ROCP optInTimePeriod: 10`,
      );
      expectMatchesTalib(
        rocp(s.close, { period: 30 }),
        talibFull("ROCP", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} ROCP optInTimePeriod: 30`,
      );
    }
  });
});
