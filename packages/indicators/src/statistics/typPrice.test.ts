import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { TypPrice, typPrice } from "./typPrice.js";

indicatorContract({
  name: "typPrice",
  input: "hlc",
  vectorized: typPrice,
  streaming: (o) => new TypPrice(o),
  options: [{}],
  invalid: [{ options: { period: 3 }, path: "" }],
});

describe("typPrice", () => {
  it("typPrice(…) matches TA-Lib TYPPRICE on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        typPrice(s, {}),
        talibFull("TYPPRICE", s, {}).outputs.outReal!,
        `${s.name} TYPPRICE `,
      );
    }
  });
});
