import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { RollingMin, rollingMin } from "./rollingMin.js";

indicatorContract({
  name: "rollingMin",
  input: "close",
  vectorized: rollingMin,
  streaming: (o) => new RollingMin(o),
  options: [{ period: 2 }, { period: 10 }],
});

describe("rollingMin", () => {
  it("rollingMin(…) matches TA-Lib MIN on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        rollingMin(s.close, { period: 2 }),
        talibFull("MIN", { inReal: s.close }, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} MIN optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        rollingMin(s.close, { period: 14 }),
        talibFull("MIN", { inReal: s.close }, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} MIN optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        rollingMin(s.close, { period: 30 }),
        talibFull("MIN", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} MIN optInTimePeriod: 30`,
      );
    }
  });
});
