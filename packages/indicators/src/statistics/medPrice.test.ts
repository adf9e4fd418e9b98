import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { MedPrice, medPrice } from "./medPrice.js";

indicatorContract({
  name: "medPrice",
  input: "hl",
  vectorized: medPrice,
  streaming: (o) => new MedPrice(o),
  options: [{}],
  invalid: [{ options: { period: 3 }, path: "" }],
});

describe("medPrice", () => {
  it("medPrice(…) matches TA-Lib MEDPRICE on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        medPrice(s, {}),
        talibFull("MEDPRICE", s, {}).outputs.outReal!,
        `${s.name} MEDPRICE `,
      );
    }
  });
});
