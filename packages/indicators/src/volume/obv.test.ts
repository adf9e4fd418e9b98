import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Obv, obv } from "./obv.js";

indicatorContract({
  name: "obv",
  input: "cv",
  vectorized: obv,
  streaming: (o) => new Obv(o),
  options: [{}],
  invalid: [{ options: { period: 3 }, path: "" }],
});

describe("obv", () => {
  it("obv(…) matches TA-Lib OBV on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        obv(s, {}),
        talibFull("OBV", { inReal: s.close, volume: s.volume }, {}).outputs.outReal!,
        `${s.name} OBV `,
      );
    }
  });
});
