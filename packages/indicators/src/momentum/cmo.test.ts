import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Cmo, cmo } from "./cmo.js";

indicatorContract({
  name: "cmo",
  input: "close",
  vectorized: cmo,
  streaming: (o) => new Cmo(o),
  options: [{ period: 2 }, { period: 14 }],
});

describe("cmo", () => {
  it("cmo(…) matches TA-Lib CMO (RSI-style Wilder averages, as TA-Lib) on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        cmo(s.close, { period: 2 }),
        talibFull("CMO", { inReal: s.close }, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} CMO optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        cmo(s.close, { period: 9 }),
        talibFull("CMO", { inReal: s.close }, { optInTimePeriod: 9 }).outputs.outReal!,
        `${s.name} CMO optInTimePeriod: 9`,
      );
      expectMatchesTalib(
        cmo(s.close, { period: 14 }),
        talibFull("CMO", { inReal: s.close }, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} CMO optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        cmo(s.close, { period: 30 }),
        talibFull("CMO", { inReal: s.close }, { optInTimePeriod: 30 }).outputs.outReal!,
        `${s.name} CMO optInTimePeriod: 30`,
      );
    }
  });
});
