import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Rsi, rsi } from "./rsi.js";

indicatorContract({
  name: "rsi",
  input: "close",
  vectorized: rsi,
  streaming: (o) => new Rsi(o),
  options: [{ period: 2 }, { period: 14 }],
});

describe("rsi", () => {
  it("rsi(…) matches TA-Lib RSI (Wilder smoothing seeded with the SMA of the first changes) on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        rsi(s.close, { period: 2 }),
        talibFull("RSI", { inReal: s.close }, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} RSI optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        rsi(s.close, { period: 5 }),
        talibFull("RSI", { inReal: s.close }, { optInTimePeriod: 5 }).outputs.outReal!,
        `${s.name} RSI optInTimePeriod: 5`,
      );
      expectMatchesTalib(
        rsi(s.close, { period: 14 }),
        talibFull("RSI", { inReal: s.close }, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} RSI optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        rsi(s.close, { period: 30 }),
        talibFull("RSI", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} RSI optInTimePeriod: 30`,
      );
    }
  });
});
