import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { MacdFix, macdFix } from "./macdFix.js";

indicatorContract({
  name: "macdFix",
  input: "close",
  vectorized: macdFix,
  streaming: (o) => new MacdFix(o),
  options: [{ signalPeriod: 3 }, {}],
  outputs: ["macd", "signal", "histogram"],
  invalid: [{ options: { signalPeriod: 1.5 }, path: "signalPeriod" }],
});

describe("macdFix", () => {
  it("macdFix(…) matches TA-Lib MACDFIX (fixed 0.15/0.075 constants) on real series after the lookback", () => {
    for (const s of realSeries()) {
      {
        const ours = macdFix(s.close, {});
        const t = talibFull("MACDFIX", { inReal: s.close }, { optInSignalPeriod: 9 }).outputs;
        expectMatchesTalib(ours.macd, t.outMACD!, `${s.name} MACDFIX macd optInSignalPeriod: 9`);
        expectMatchesTalib(ours.signal, t.outMACDSignal!, `${s.name} MACDFIX signal optInSignalPeriod: 9`);
        expectMatchesTalib(
          ours.histogram,
          t.outMACDHist!,
          `${s.name} MACDFIX histogram optInSignalPeriod: 9`,
        );
      }
      {
        const ours = macdFix(s.close, { signalPeriod: 4 });
        const t = talibFull("MACDFIX", { inReal: s.close }, { optInSignalPeriod: 4 }).outputs;
        expectMatchesTalib(ours.macd, t.outMACD!, `${s.name} MACDFIX macd optInSignalPeriod: 4`);
        expectMatchesTalib(ours.signal, t.outMACDSignal!, `${s.name} MACDFIX signal optInSignalPeriod: 4`);
        expectMatchesTalib(
          ours.histogram,
          t.outMACDHist!,
          `${s.name} MACDFIX histogram optInSignalPeriod: 4`,
        );
      }
    }
  });
});
