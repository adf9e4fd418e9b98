import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { WclPrice, wclPrice } from "./wclPrice.js";

indicatorContract({
  name: "wclPrice",
  input: "hlc",
  vectorized: wclPrice,
  streaming: (o) => new WclPrice(o),
  options: [{}],
  invalid: [{ options: { period: 3 }, path: "" }],
});

describe("wclPrice", () => {
  it("wclPrice(…) matches TA-Lib WCLPRICE on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        wclPrice(s, {}),
        talibFull("WCLPRICE", s, {}).outputs.outReal!,
        `${s.name} WCLPRICE `,
      );
    }
  });
});
