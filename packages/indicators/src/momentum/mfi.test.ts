import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Mfi, mfi } from "./mfi.js";

indicatorContract({
  name: "mfi",
  input: "hlcv",
  vectorized: mfi,
  streaming: (o) => new Mfi(o),
  options: [{ period: 2 }, { period: 14 }],
});

describe("mfi", () => {
  it("mfi(…) matches TA-Lib MFI on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        mfi(s, { period: 2 }),
        talibFull("MFI", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} MFI optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        mfi(s, { period: 14 }),
        talibFull("MFI", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} MFI optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        mfi(s, { period: 30 }),
        talibFull("MFI", s, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} MFI optInTimePeriod: 30`,
      );
    }
  });
});
