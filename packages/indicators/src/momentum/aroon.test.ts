import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Aroon, aroon } from "./aroon.js";

indicatorContract({
  name: "aroon",
  input: "hl",
  vectorized: aroon,
  streaming: (o) => new Aroon(o),
  options: [{ period: 2 }, { period: 14 }],
  outputs: ["aroonUp", "aroonDown"],
});

describe("aroon", () => {
  it("aroon(…) matches TA-Lib AROON (most recent bar wins ties) on real series after the lookback", () => {
    for (const s of realSeries()) {
      {
        const ours = aroon(s, { period: 2 });
        const t = talibFull("AROON", s, { optInTimePeriod: 2 }).outputs;
        expectMatchesTalib(ours.aroonDown, t.outAroonDown!, `${s.name} AROON aroonDown optInTimePeriod: 2`);
        expectMatchesTalib(ours.aroonUp, t.outAroonUp!, `${s.name} AROON aroonUp optInTimePeriod: 2`);
      }
      {
        const ours = aroon(s, { period: 14 });
        const t = talibFull("AROON", s, { optInTimePeriod: 14 }).outputs;
        expectMatchesTalib(ours.aroonDown, t.outAroonDown!, `${s.name} AROON aroonDown optInTimePeriod: 14`);
        expectMatchesTalib(ours.aroonUp, t.outAroonUp!, `${s.name} AROON aroonUp optInTimePeriod: 14`);
      }
      {
        const ours = aroon(s, { period: 25 });
        const t = talibFull("AROON", s, { optInTimePeriod: 25 }).outputs;
        expectMatchesTalib(ours.aroonDown, t.outAroonDown!, `${s.name} AROON aroonDown optInTimePeriod: 25`);
        expectMatchesTalib(ours.aroonUp, t.outAroonUp!, `${s.name} AROON aroonUp optInTimePeriod: 25`);
      }
    }
  });
});
