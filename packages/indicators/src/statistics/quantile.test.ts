import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Quantile, quantile } from "./quantile.js";

indicatorContract({
  name: "quantile",
  input: "close",
  vectorized: quantile,
  streaming: (o) => new Quantile(o),
  options: [{ period: 1 }, { period: 6, q: 0.3 }, { period: 5, q: 0.9, interpolation: "nearest" }],
  invalid: [
    { options: { q: 1.5 }, path: "q" },
    { options: { interpolation: "cubic" }, path: "interpolation" },
  ],
});

describe("quantile golden", () => {
  it("quantile(…) matches the pandas golden file (pandas rolling quantile, every interpolation) on real series", () => {
    for (const g of goldenCases("../mvs/quantile")) {
      const ours = quantile(g.series.close, g.options as Parameters<typeof quantile>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} quantile ${JSON.stringify(g.options)}`);
    }
  });
});
