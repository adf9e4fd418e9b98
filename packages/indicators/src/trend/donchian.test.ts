import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { Donchian, donchian } from "./donchian.js";

indicatorContract({
  name: "donchian",
  input: "hl",
  strictKeys: true,
  vectorized: donchian,
  streaming: (o) => new Donchian(o),
  outputs: ["middle", "upper", "lower"],
  options: [{ period: 1 }, { period: 5 }, { period: 20 }],
  maxLength: 200,
});

describe("donchian", () => {
  it("donchian(bars, opts) matches the pandas golden values (scripts/golden.py) on Ford 2012 and ORCL", () => {
    for (const c of goldenCases("donchian")) {
      const ours = donchian(c.series, c.options) as unknown as Record<string, Float64Array>;
      for (const [k, expected] of Object.entries(c.outputs)) {
        expectMatchesGolden(
          ours[k]!,
          expected,
          `${c.series.name} donchian(${JSON.stringify(c.options)}).${k}`,
        );
      }
    }
  });
});
