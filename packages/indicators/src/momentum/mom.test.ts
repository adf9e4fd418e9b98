import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Mom, mom } from "./mom.js";

indicatorContract({
  name: "mom",
  input: "close",
  vectorized: mom,
  streaming: (o) => new Mom(o),
  options: [{ period: 1 }, { period: 10 }],
});

describe("mom", () => {
  it("mom(…) matches TA-Lib MOM on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        mom(s.close, { period: 1 }),
        talibFull("MOM", { inReal: s.close }, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} MOM optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        mom(s.close, { period: 10 }),
        talibFull("MOM", { inReal: s.close }, { optInTimePeriod: 10 }).outputs.outReal!,
        `${s.name} MOM optInTimePeriod: 10`,
      );
      expectMatchesTalib(
        mom(s.close, { period: 30 }),
        talibFull("MOM", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} MOM optInTimePeriod: 30`,
      );
    }
  });
});
