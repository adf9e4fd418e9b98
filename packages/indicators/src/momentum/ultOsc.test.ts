import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { UltOsc, ultOsc } from "./ultOsc.js";

indicatorContract({
  name: "ultOsc",
  input: "hlc",
  vectorized: ultOsc,
  streaming: (o) => new UltOsc(o),
  options: [{ period1: 2, period2: 3, period3: 5 }, {}],
  invalid: [{ options: { period3: 0 }, path: "period3" }],
});

describe("ultOsc", () => {
  it("ultOsc(…) matches TA-Lib ULTOSC (shortest period weighted 4) on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        ultOsc(s, {}),
        talibFull("ULTOSC", s, { optInTimePeriod1: 7, optInTimePeriod2: 14, optInTimePeriod3: 28 }).outputs
          .outReal!,
        `${s.name} ULTOSC optInTimePeriod1: 7, optInTimePeriod2: 14, optInTimePeriod3: 28`,
      );
      expectMatchesTalib(
        ultOsc(s, { period1: 28, period2: 7, period3: 14 }),
        talibFull("ULTOSC", s, { optInTimePeriod1: 28, optInTimePeriod2: 7, optInTimePeriod3: 14 }).outputs
          .outReal!,
        `${s.name} ULTOSC optInTimePeriod1: 28, optInTimePeriod2: 7, optInTimePeriod3: 14`,
      );
      expectMatchesTalib(
        ultOsc(s, { period1: 1, period2: 2, period3: 3 }),
        talibFull("ULTOSC", s, { optInTimePeriod1: 1, optInTimePeriod2: 2, optInTimePeriod3: 3 }).outputs
          .outReal!,
        `${s.name} ULTOSC optInTimePeriod1: 1, optInTimePeriod2: 2, optInTimePeriod3: 3`,
      );
    }
  });
});
