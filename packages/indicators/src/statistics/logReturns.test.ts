import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { LogReturns, logReturns } from "./logReturns.js";

indicatorContract({
  name: "logReturns",
  input: "close",
  vectorized: logReturns,
  streaming: (o) => new LogReturns(o),
  options: [{}, { period: 3 }],
});

describe("logReturns golden", () => {
  it("logReturns(…) matches the pandas golden file (numpy log(x/x.shift(n))) on real series", () => {
    for (const g of goldenCases("../mvs/logReturns")) {
      const ours = logReturns(g.series.close, g.options as Parameters<typeof logReturns>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} logReturns ${JSON.stringify(g.options)}`);
    }
  });
});
