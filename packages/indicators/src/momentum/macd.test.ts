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

/** TA-Lib parameter sets (fast, slow, signal), including a swapped fast/slow pair. */
const talibCases: readonly [number, number, number][] = [
  [12, 26, 9],
  [5, 35, 5],
  [26, 12, 3],
];

describe("macd", () => {
  it("macd(…) matches TA-Lib MACD (fast EMA seeded at the slow EMA's start, as TA-Lib) on real series after the lookback", () => {
    for (const s of realSeries()) {
      for (const [fastPeriod, slowPeriod, signalPeriod] of talibCases) {
        const ours = macd(s.close, { fastPeriod, slowPeriod, signalPeriod });
        const params = {
          optInFastPeriod: fastPeriod,
          optInSlowPeriod: slowPeriod,
          optInSignalPeriod: signalPeriod,
        };
        const t = talibFull("MACD", { inReal: s.close }, params).outputs;
        const label = `optInFastPeriod: ${fastPeriod}, optInSlowPeriod: ${slowPeriod}, optInSignalPeriod: ${signalPeriod}`;
        expectMatchesTalib(ours.macd, t.outMACD!, `${s.name} MACD macd ${label}`);
        expectMatchesTalib(ours.signal, t.outMACDSignal!, `${s.name} MACD signal ${label}`);
        expectMatchesTalib(ours.histogram, t.outMACDHist!, `${s.name} MACD histogram ${label}`);
      }
    }
  });
});
