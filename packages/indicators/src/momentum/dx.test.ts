import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Dx, dx } from "./dx.js";

indicatorContract({
  name: "dx",
  input: "hlc",
  vectorized: dx,
  streaming: (o) => new Dx(o),
  options: [{ period: 2 }, { period: 14 }],
});

describe("dx", () => {
  it("dx(…) matches TA-Lib DX on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        dx(s, { period: 2 }),
        talibFull("DX", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} DX optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        dx(s, { period: 14 }),
        talibFull("DX", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} DX optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        dx(s, { period: 30 }),
        talibFull("DX", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} DX optInTimePeriod: 30`,
      );
    }
  });
});
