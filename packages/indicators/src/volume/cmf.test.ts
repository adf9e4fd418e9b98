import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Cmf, cmf } from "./cmf.js";

indicatorContract({
  name: "cmf",
  input: "hlcv",
  vectorized: cmf,
  streaming: (o) => new Cmf(o),
  options: [{ period: 1 }, { period: 20 }],
});

describe("cmf golden", () => {
  it("cmf(…) matches the pandas golden file (pandas rolling sums of money-flow volume and volume) on real series", () => {
    for (const g of goldenCases("../mvs/cmf")) {
      const ours = cmf(g.series, g.options as Parameters<typeof cmf>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} cmf ${JSON.stringify(g.options)}`);
    }
  });
});
