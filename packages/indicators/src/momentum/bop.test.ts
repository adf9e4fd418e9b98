import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Bop, bop } from "./bop.js";

indicatorContract({
  name: "bop",
  input: "ohlcv",
  vectorized: bop,
  streaming: (o) => new Bop(o),
  options: [{}],
  invalid: [{ options: { period: 3 }, path: "" }],
});

describe("bop", () => {
  it("bop(…) matches TA-Lib BOP on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(bop(s, {}), talibFull("BOP", s, {}).outputs.outReal!, `${s.name} BOP `);
    }
  });
});
