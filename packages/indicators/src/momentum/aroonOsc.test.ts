import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { AroonOsc, aroonOsc } from "./aroonOsc.js";

indicatorContract({
  name: "aroonOsc",
  input: "hl",
  vectorized: aroonOsc,
  streaming: (o) => new AroonOsc(o),
  options: [{ period: 2 }, { period: 14 }],
});

describe("aroonOsc", () => {
  it("aroonOsc(…) matches TA-Lib AROONOSC on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        aroonOsc(s, { period: 2 }),
        talibFull("AROONOSC", s, { optInTimePeriod: 2 }).outputs.outReal!,
        `${s.name} AROONOSC optInTimePeriod: 2`,
      );
      expectMatchesTalib(
        aroonOsc(s, { period: 14 }),
        talibFull("AROONOSC", s, { optInTimePeriod: 14 }).outputs.outReal!,
        `${s.name} AROONOSC optInTimePeriod: 14`,
      );
      expectMatchesTalib(
        aroonOsc(s, { period: 25 }),
        talibFull("AROONOSC", s, { optInTimePeriod: 25 }).outputs.outReal!,
        `${s.name} AROONOSC optInTimePeriod: 25`,
      );
    }
  });
});
