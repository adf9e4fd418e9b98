import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Keltner, keltner } from "./keltner.js";

indicatorContract({
  name: "keltner",
  input: "hlc",
  strictKeys: true,
  vectorized: keltner,
  streaming: (o) => new Keltner(o),
  outputs: ["upper", "middle", "lower"],
  primary: "middle",
  options: [
    { period: 2, atrPeriod: 1 },
    { period: 20, atrPeriod: 10, multiplier: 2 },
    { period: 5, atrPeriod: 14, multiplier: 1 },
  ],
  maxLength: 200,
});

describe("keltner", () => {
  it("keltner(bars, opts) matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("keltner")) {
      const ours = keltner(c.series, c.options) as unknown as Record<string, Float64Array>;
      for (const [k, expected] of Object.entries(c.outputs)) {
        expectMatchesGolden(
          ours[k]!,
          expected,
          `${c.series.name} keltner(${JSON.stringify(c.options)}).${k}`,
        );
      }
    }
  });
});
