import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Adx, adx } from "./adx.js";

indicatorContract({
  name: "adx",
  input: "hlc",
  vectorized: adx,
  streaming: (o) => new Adx(o),
  options: [{ period: 2 }, { period: 5 }],
});

describe("adx", () => {
  it("adx(…) matches TA-Lib ADX on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        adx(s, { period: 2 }),
        talibFull("ADX", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} ADX optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        adx(s, { period: 14 }),
        talibFull("ADX", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} ADX optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        adx(s, { period: 30 }),
        talibFull("ADX", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} ADX optInTimePeriod: 30`,
      );
    }
  });
});
