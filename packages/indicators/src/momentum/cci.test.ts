import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Cci, cci } from "./cci.js";

indicatorContract({
  name: "cci",
  input: "hlc",
  vectorized: cci,
  streaming: (o) => new Cci(o),
  options: [{ period: 2 }, { period: 14 }],
});

describe("cci", () => {
  it("cci(…) matches TA-Lib CCI on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        cci(s, { period: 2 }),
        talibFull("CCI", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} CCI optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        cci(s, { period: 14 }),
        talibFull("CCI", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} CCI optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        cci(s, { period: 20 }),
        talibFull("CCI", s, { optInTimePeriod: 20 }).outputs.outReal!,
        `${s.name} CCI optInTimePeriod: 20`,
      );
      expectMatchesTalib(
        cci(s, { period: 50 }),
        talibFull("CCI", s, { optInTimePeriod: 50 }).outputs.outReal!,
        `${s.name} CCI optInTimePeriod: 50`,
      );
    }
  });
});
