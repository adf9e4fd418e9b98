import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Emv, emv } from "./emv.js";

indicatorContract({
  name: "emv",
  input: "hlcv",
  vectorized: emv,
  streaming: (o) => new Emv(o),
  options: [{ period: 1 }, { period: 14, volumeDivisor: 10000 }],
  invalid: [{ options: { volumeDivisor: 0 }, path: "volumeDivisor" }],
});

describe("emv golden", () => {
  it("emv(…) matches the pandas golden file (pandas diff and rolling mean) on real series", () => {
    for (const g of goldenCases("../mvs/emv")) {
      const ours = emv(g.series, g.options as Parameters<typeof emv>[1]);
      expectMatchesGolden(ours, g.outputs.value!, `${g.series.name} emv ${JSON.stringify(g.options)}`);
    }
  });
});
