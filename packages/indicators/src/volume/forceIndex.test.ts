import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { ForceIndex, forceIndex } from "./forceIndex.js";

indicatorContract({
  name: "forceIndex",
  input: "cv",
  vectorized: forceIndex,
  streaming: (o) => new ForceIndex(o),
  options: [{ period: 1 }, { period: 13 }, { period: 5, seed: "first" }],
  invalid: [{ options: { seed: "zero" }, path: "seed" }],
});

describe("forceIndex golden", () => {
  it("forceIndex(…) matches the pandas golden file (SMA-seeded EMA loop and pandas ewm(adjust=False)) on real series", () => {
    for (const g of goldenCases("../mvs/forceIndex")) {
      const ours = forceIndex(g.series, g.options as Parameters<typeof forceIndex>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} forceIndex ${JSON.stringify(g.options)}`);
    }
  });
});
