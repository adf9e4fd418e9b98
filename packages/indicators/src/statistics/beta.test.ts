import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Beta, beta } from "./beta.js";
import { pairContractFaces } from "./pairContract.js";

indicatorContract({
  name: "beta",
  input: "hl",
  ...pairContractFaces(beta, (o) => new Beta(o)),
  options: [{ period: 1 }, { period: 5 }],
});

describe("beta", () => {
  it("beta(…) matches TA-Lib BETA on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        beta(s.high, s.low, { period: 1 }),
        talibFull("BETA", { inReal0: s.high, inReal1: s.low }, { optInTimePeriod: 1 }).outputs.outReal!,
        `${s.name} BETA optInTimePeriod: 1`,
      );
      expectMatchesTalib(
        beta(s.high, s.low, { period: 5 }),
        talibFull("BETA", { inReal0: s.high, inReal1: s.low }, { optInTimePeriod: 5 }).outputs.outReal!,
        `${s.name} BETA optInTimePeriod: 5`,
      );
      expectMatchesTalib(
        beta(s.high, s.low, { period: 30 }),
        talibFull("BETA", { inReal0: s.high, inReal1: s.low }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} BETA optInTimePeriod: 30`,
      );
    }
  });
});
