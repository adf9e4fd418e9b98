import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { YangZhang, yangZhang } from "./yangZhang.js";

indicatorContract({
  name: "yangZhang",
  input: "ohlcv",
  strictKeys: true,
  vectorized: yangZhang,
  streaming: (o) => new YangZhang(o),
  options: [{ period: 2 }, { period: 5, periodsPerYear: 1 }, { period: 20 }],
  invalid: [{ options: { period: 5, periodsPerYear: 0 }, path: "periodsPerYear" }],
});

describe("yangZhang", () => {
  it("yangZhang matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("yangZhang")) {
      expectMatchesGolden(
        yangZhang(c.series, c.options),
        c.outputs.value!,
        `${c.series.name} yangZhang(${JSON.stringify(c.options)})`,
      );
    }
  });
});
