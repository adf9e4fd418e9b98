import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Vwma, vwma } from "./vwma.js";

indicatorContract({
  name: "vwma",
  input: "cv",
  strictKeys: true,
  vectorized: vwma,
  streaming: (o) => new Vwma(o),
  options: [{ period: 1 }, { period: 5 }, { period: 20 }],
});

describe("vwma", () => {
  it("vwma(bars, {period}) matches the pandas golden values (Σcv/Σv)", () => {
    for (const c of goldenCases("vwma")) {
      expectMatchesGolden(
        vwma(c.series, c.options),
        c.outputs.value!,
        `${c.series.name} vwma(${c.options.period})`,
      );
    }
  });
});
