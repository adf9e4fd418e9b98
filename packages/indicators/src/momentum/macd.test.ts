import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Macd, macd } from "./macd.js";

indicatorContract({
  name: "macd",
  input: "close",
  vectorized: macd,
  streaming: (o) => new Macd(o),
  options: [
    { fastPeriod: 3, slowPeriod: 6, signalPeriod: 4 },
    {},
    { fastPeriod: 3, slowPeriod: 6, signalPeriod: 4, seed: "first" },
  ],
  outputs: ["macd", "signal", "histogram"],
  invalid: [
    { options: { fastPeriod: 1 }, path: "fastPeriod" },
    { options: { signalPeriod: 0 }, path: "signalPeriod" },
    { options: { seed: "zero" }, path: "seed" },
  ],
});

describe("macd", () => {
  it("macd(…) matches TA-Lib MACD (fast EMA seeded at the slow EMA's start, as TA-Lib) on real series after the lookback", () => {
    for (const s of realSeries()) {
      {
        const ours = macd(s.close, {});
        const t = talibFull(
          "MACD",
          { inReal: s.close },
          { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 },
        ).outputs;
        expectMatchesTalib(
          ours.macd,
          t.outMACD!,
          `${s.name} MACD macd optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9`,
        );
        expectMatchesTalib(
          ours.signal,
          t.outMACDSignal!,
          `${s.name} MACD signal optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9`,
        );
        expectMatchesTalib(
          ours.histogram,
          t.outMACDHist!,
          `${s.name} MACD histogram optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9`,
        );
      }
      {
        const ours = macd(s.close, { fastPeriod: 5, slowPeriod: 35, signalPeriod: 5 });
        const t = talibFull(
          "MACD",
          { inReal: s.close },
          { optInFastPeriod: 5, optInSlowPeriod: 35, optInSignalPeriod: 5 },
        ).outputs;
        expectMatchesTalib(
          ours.macd,
          t.outMACD!,
          `${s.name} MACD macd optInFastPeriod: 5, optInSlowPeriod: 35, optInSignalPeriod: 5`,
        );
        expectMatchesTalib(
          ours.signal,
          t.outMACDSignal!,
          `${s.name} MACD signal optInFastPeriod: 5, optInSlowPeriod: 35, optInSignalPeriod: 5`,
        );
        expectMatchesTalib(
          ours.histogram,
          t.outMACDHist!,
          `${s.name} MACD histogram optInFastPeriod: 5, optInSlowPeriod: 35, optInSignalPeriod: 5`,
        );
      }
      {
        const ours = macd(s.close, { fastPeriod: 26, slowPeriod: 12, signalPeriod: 3 });
        const t = talibFull(
          "MACD",
          { inReal: s.close },
          { optInFastPeriod: 26, optInSlowPeriod: 12, optInSignalPeriod: 3 },
        ).outputs;
        expectMatchesTalib(
          ours.macd,
          t.outMACD!,
          `${s.name} MACD macd optInFastPeriod: 26, optInSlowPeriod: 12, optInSignalPeriod: 3`,
        );
        expectMatchesTalib(
          ours.signal,
          t.outMACDSignal!,
          `${s.name} MACD signal optInFastPeriod: 26, optInSlowPeriod: 12, optInSignalPeriod: 3`,
        );
        expectMatchesTalib(
          ours.histogram,
          t.outMACDHist!,
          `${s.name} MACD histogram optInFastPeriod: 26, optInSlowPeriod: 12, optInSignalPeriod: 3`,
        );
      }
    }
  });
});
