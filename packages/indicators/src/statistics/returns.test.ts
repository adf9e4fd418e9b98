import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Returns, returns } from "./returns.js";

indicatorContract({
  name: "returns",
  input: "close",
  vectorized: returns,
  streaming: (o) => new Returns(o),
  options: [{}, { period: 3 }],
});

describe("returns golden", () => {
  it("returns(…) matches the pandas golden file (x/x.shift(n) − 1) on real series", () => {
    for (const g of goldenCases("../mvs/returns")) {
      const ours = returns(g.series.close, g.options as Parameters<typeof returns>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} returns ${JSON.stringify(g.options)}`);
    }
  });
});
