import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Hma, hma } from "./hma.js";

indicatorContract({
  name: "hma",
  input: "close",
  strictKeys: true,
  vectorized: hma,
  streaming: (o) => new Hma(o),
  options: [{ period: 4 }, { period: 9 }, { period: 16 }],
});

describe("hma", () => {
  it("hma(close, {period}) matches the pandas golden values (WMA(2·WMA(n/2) − WMA(n), √n))", () => {
    for (const c of goldenCases("hma")) {
      expectMatchesGolden(
        hma(c.series.close, c.options),
        c.outputs.value!,
        `${c.series.name} hma(${c.options.period})`,
      );
    }
  });
});
