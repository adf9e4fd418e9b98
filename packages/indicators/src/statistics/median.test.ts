import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Median, median } from "./median.js";

indicatorContract({
  name: "median",
  input: "close",
  vectorized: median,
  streaming: (o) => new Median(o),
  options: [{ period: 1 }, { period: 4 }, { period: 7 }],
});

describe("median golden", () => {
  it("median(…) matches the pandas golden file (pandas rolling median) on real series", () => {
    for (const g of goldenCases("../mvs/median")) {
      const ours = median(g.series.close, g.options as Parameters<typeof median>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} median ${JSON.stringify(g.options)}`);
    }
  });
});
