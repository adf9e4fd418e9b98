import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Ichimoku, ichimoku } from "./ichimoku.js";

indicatorContract({
  name: "ichimoku",
  input: "hl",
  strictKeys: true,
  vectorized: ichimoku,
  streaming: (o) => new Ichimoku(o),
  outputs: ["tenkan", "kijun", "senkouA", "senkouB"],
  options: [{}, { tenkanPeriod: 3, kijunPeriod: 5, senkouBPeriod: 8, displacement: 2 }],
  maxLength: 200,
});

describe("ichimoku", () => {
  it("ichimoku(bars, opts) matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("ichimoku")) {
      const ours = ichimoku(c.series, c.options) as unknown as Record<string, Float64Array>;
      for (const [k, expected] of Object.entries(c.outputs)) {
        expectMatchesGolden(
          ours[k]!,
          expected,
          `${c.series.name} ichimoku(${JSON.stringify(c.options)}).${k}`,
        );
      }
    }
  });
});
