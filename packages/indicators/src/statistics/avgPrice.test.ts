import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { AvgPrice, avgPrice } from "./avgPrice.js";

indicatorContract({
  name: "avgPrice",
  input: "ohlcv",
  vectorized: avgPrice,
  streaming: (o) => new AvgPrice(o),
  options: [{}],
  invalid: [{ options: { period: 3 }, path: "" }],
});

describe("avgPrice", () => {
  it("avgPrice(…) matches TA-Lib AVGPRICE on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        avgPrice(s, {}),
        talibFull("AVGPRICE", s, {}).outputs.outReal!,
        `${s.name} AVGPRICE `,
      );
    }
  });
});
