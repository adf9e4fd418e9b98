import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Parkinson, parkinson } from "./parkinson.js";

indicatorContract({
  name: "parkinson",
  input: "hl",
  strictKeys: true,
  vectorized: parkinson,
  streaming: (o) => new Parkinson(o),
  options: [{ period: 2 }, { period: 5, periodsPerYear: 1 }, { period: 20 }],
  invalid: [{ options: { period: 5, periodsPerYear: 0 }, path: "periodsPerYear" }],
});

describe("parkinson", () => {
  it("parkinson matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("parkinson")) {
      expectMatchesGolden(
        parkinson(c.series, c.options),
        c.outputs.value!,
        `${c.series.name} parkinson(${JSON.stringify(c.options)})`,
      );
    }
  });
});
