import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { RogersSatchell, rogersSatchell } from "./rogersSatchell.js";

indicatorContract({
  name: "rogersSatchell",
  input: "ohlcv",
  strictKeys: true,
  vectorized: rogersSatchell,
  streaming: (o) => new RogersSatchell(o),
  options: [{ period: 2 }, { period: 5, periodsPerYear: 1 }, { period: 20 }],
  invalid: [{ options: { period: 5, periodsPerYear: 0 }, path: "periodsPerYear" }],
});

describe("rogersSatchell", () => {
  it("rogersSatchell matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("rogersSatchell")) {
      expectMatchesGolden(
        rogersSatchell(c.series, c.options),
        c.outputs.value!,
        `${c.series.name} rogersSatchell(${JSON.stringify(c.options)})`,
      );
    }
  });
});
