import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Ad, ad } from "./ad.js";

indicatorContract({
  name: "ad",
  input: "hlcv",
  vectorized: ad,
  streaming: (o) => new Ad(o),
  options: [{}],
  invalid: [{ options: { period: 3 }, path: "" }],
});

describe("ad", () => {
  it("ad(…) matches TA-Lib AD on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(ad(s, {}), talibFull("AD", s, {}).outputs.outReal!, `${s.name} AD `);
    }
  });
});
