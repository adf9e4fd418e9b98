import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Apo, apo } from "./apo.js";

indicatorContract({
  name: "apo",
  input: "close",
  vectorized: apo,
  streaming: (o) => new Apo(o),
  options: [
    { fastPeriod: 3, slowPeriod: 8 },
    { fastPeriod: 5, slowPeriod: 3, maType: "ema" },
  ],
  invalid: [
    { options: { fastPeriod: 1 }, path: "fastPeriod" },
    { options: { maType: "kama" }, path: "maType" },
  ],
});

describe("apo", () => {
  it("apo(…) matches TA-Lib APO on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        apo(s.close, {}),
        talibFull("APO", { inReal: s.close }, { optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: 0 })
          .outputs.outReal!,
        `${s.name} APO optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: 0`,
      );
      expectMatchesTalib(
        apo(s.close, { fastPeriod: 3, slowPeriod: 10, maType: "ema" }),
        talibFull("APO", { inReal: s.close }, { optInFastPeriod: 3, optInSlowPeriod: 10, optInMAType: 1 })
          .outputs.outReal!,
        `${s.name} APO optInFastPeriod: 3, optInSlowPeriod: 10, optInMAType: 1`,
      );
      expectMatchesTalib(
        apo(s.close, { fastPeriod: 26, slowPeriod: 12, maType: "ema" }),
        talibFull("APO", { inReal: s.close }, { optInFastPeriod: 26, optInSlowPeriod: 12, optInMAType: 1 })
          .outputs.outReal!,
        `${s.name} APO optInFastPeriod: 26, optInSlowPeriod: 12, optInMAType: 1`,
      );
    }
  });
});
