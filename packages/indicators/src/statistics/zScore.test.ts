import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { ZScore, zScore } from "./zScore.js";

indicatorContract({
  name: "zScore",
  input: "close",
  vectorized: zScore,
  streaming: (o) => new ZScore(o),
  options: [{ period: 5 }, { period: 20, ddof: 0 }],
  invalid: [{ options: { ddof: 2 }, path: "ddof" }],
});

describe("zScore golden", () => {
  it("zScore(…) matches the pandas golden file (pandas rolling mean/std(ddof)) on real series", () => {
    for (const g of goldenCases("../mvs/zScore")) {
      const ours = zScore(g.series.close, g.options as Parameters<typeof zScore>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} zScore ${JSON.stringify(g.options)}`);
    }
  });
});
