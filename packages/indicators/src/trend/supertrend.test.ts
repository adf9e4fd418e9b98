import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Supertrend, supertrend } from "./supertrend.js";

indicatorContract({
  name: "supertrend",
  input: "hlc",
  strictKeys: true,
  vectorized: supertrend,
  streaming: (o) => new Supertrend(o),
  outputs: ["supertrend", "direction"],
  options: [{}, { period: 1, multiplier: 1 }, { period: 5, multiplier: 0.5 }],
  maxLength: 200,
});

describe("supertrend", () => {
  it("supertrend(bars, opts) matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("supertrend")) {
      const ours = supertrend(c.series, c.options) as unknown as Record<string, Float64Array>;
      for (const [k, expected] of Object.entries(c.outputs)) {
        expectMatchesGolden(
          ours[k]!,
          expected,
          `${c.series.name} supertrend(${JSON.stringify(c.options)}).${k}`,
        );
      }
    }
  });
});
