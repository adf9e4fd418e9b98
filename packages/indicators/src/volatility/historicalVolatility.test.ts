import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { HistoricalVolatility, historicalVolatility } from "./historicalVolatility.js";

indicatorContract({
  name: "historicalVolatility",
  input: "close",
  strictKeys: true,
  vectorized: historicalVolatility,
  streaming: (o) => new HistoricalVolatility(o),
  options: [{ period: 2 }, { period: 5, periodsPerYear: 1 }, { period: 20 }],
  invalid: [{ options: { period: 5, periodsPerYear: 0 }, path: "periodsPerYear" }],
});

describe("historicalVolatility", () => {
  it("historicalVolatility matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("historicalVolatility")) {
      expectMatchesGolden(
        historicalVolatility(c.series.close, c.options),
        c.outputs.value!,
        `${c.series.name} historicalVolatility(${JSON.stringify(c.options)})`,
      );
    }
  });
});
