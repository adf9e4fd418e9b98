import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Trix, trix } from "./trix.js";

indicatorContract({
  name: "trix",
  input: "close",
  vectorized: trix,
  streaming: (o) => new Trix(o),
  options: [{ period: 2 }, { period: 4 }],
});

describe("trix", () => {
  it("trix(…) matches TA-Lib TRIX on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        trix(s.close, { period: 2 }),
        talibFull("TRIX", { inReal: s.close }, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} TRIX optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        trix(s.close, { period: 5 }),
        talibFull("TRIX", { inReal: s.close }, { optInTimePeriod: 5 }).outputs.outReal!,
        `${s.name} TRIX optInTimePeriod: 5`,
      );
      expectMatchesTalib(
        trix(s.close, { period: 15 }),
        talibFull("TRIX", { inReal: s.close }, { optInTimePeriod: 15 }).outputs.outReal!,
        `${s.name} TRIX optInTimePeriod: 15`,
      );
      expectMatchesTalib(
        trix(s.close, { period: 30 }),
        talibFull("TRIX", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} TRIX optInTimePeriod: 30`,
      );
    }
  });
});
