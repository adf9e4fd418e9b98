import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Ao, ao } from "./ao.js";

indicatorContract({
  name: "ao",
  input: "hl",
  vectorized: ao,
  streaming: (o) => new Ao(o),
  options: [{ fastPeriod: 2, slowPeriod: 5 }, {}],
  invalid: [{ options: { slowPeriod: 0 }, path: "slowPeriod" }],
});

describe("ao golden", () => {
  it("ao(…) matches the pandas golden file (difference of pandas rolling means of the median price) on real series", () => {
    for (const g of goldenCases("../mvs/ao")) {
      const ours = ao(g.series, g.options as Parameters<typeof ao>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} ao ${JSON.stringify(g.options)}`);
    }
  });
});
