import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { RollingVwap, rollingVwap } from "./rollingVwap.js";

indicatorContract({
  name: "rollingVwap",
  input: "hlcv",
  vectorized: rollingVwap,
  streaming: (o) => new RollingVwap(o),
  options: [{ period: 1 }, { period: 5, price: "close" }],
  invalid: [{ options: { price: "open" }, path: "price" }],
});

describe("rollingVwap golden", () => {
  it("rollingVwap(…) matches the pandas golden file (pandas rolling sums of price·volume and volume) on real series", () => {
    for (const g of goldenCases("../mvs/rollingVwap")) {
      const ours = rollingVwap(g.series, g.options as Parameters<typeof rollingVwap>[1]);
      expectMatchesGolden(
        ours,
        g.outputs.value!,
        `${g.series.name} rollingVwap ${JSON.stringify(g.options)}`,
      );
    }
  });
});
