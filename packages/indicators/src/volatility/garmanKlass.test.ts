import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { GarmanKlass, garmanKlass } from "./garmanKlass.js";

indicatorContract({
  name: "garmanKlass",
  input: "ohlcv",
  strictKeys: true,
  vectorized: garmanKlass,
  streaming: (o) => new GarmanKlass(o),
  options: [{ period: 2 }, { period: 5, periodsPerYear: 1 }, { period: 20 }],
  invalid: [{ options: { period: 5, periodsPerYear: 0 }, path: "periodsPerYear" }],
});

describe("garmanKlass", () => {
  it("garmanKlass matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("garmanKlass")) {
      expectMatchesGolden(
        garmanKlass(c.series, c.options),
        c.outputs.value!,
        `${c.series.name} garmanKlass(${JSON.stringify(c.options)})`,
      );
    }
  });
});
