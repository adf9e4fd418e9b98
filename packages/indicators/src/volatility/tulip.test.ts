import { describe, expect, it } from "vitest";
import { compareTulipTail, tulipVectors } from "../testing/tulipVectors.js";
import { stddev } from "./stddev.js";
import { trange } from "./trange.js";
import { variance } from "./variance.js";

// Secondary cross-check against Tulip's own vectors where conventions match (population σ; TR). Tulip's ATR/NATR
// seed Wilder smoothing differently and its `volatility` uses simple returns: not compared.
describe("Tulip Indicators test vectors (volatility)", () => {
  for (const [name, f] of [
    ["stddev", (x: Float64Array, p: number) => stddev(x, { period: p })],
    ["var", (x: Float64Array, p: number) => variance(x, { period: p })],
  ] as const) {
    it(`${name} matches Tulip's ${name} vectors at their printed precision`, () => {
      const vs = tulipVectors(name);
      expect(vs.length).toBeGreaterThan(0);
      for (const v of vs) compareTulipTail(f(v.arrays[0]!, v.options[0]!), v.arrays[1]!);
    });
  }

  it("trange matches Tulip's tr vectors", () => {
    const vs = tulipVectors("tr");
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) {
      const [high, low, close, expected] = v.arrays;
      compareTulipTail(
        trange({ high: high!, low: low!, close: close! }).subarray(1),
        expected!.subarray(expected!.length - (close!.length - 1)),
      );
    }
  });
});
