import { describe, expect, it } from "vitest";
import { compareTulipTail, tulipVectors } from "../testing/tulipVectors.js";
import { bbands } from "./bbands.js";
import { ema } from "./ema.js";
import { hma } from "./hma.js";
import { linearReg, linearRegIntercept, linearRegSlope, tsf } from "./linearReg.js";
import { sma } from "./sma.js";
import { trima } from "./trima.js";
import { vwma } from "./vwma.js";
import { wma } from "./wma.js";

// Secondary cross-check against Tulip Indicators' own test vectors where Tulip's convention matches ours
// (Tulip's EMA is first-value seeded: compared with `seed: "first"`; DEMA/TEMA/KAMA/ATR differ by convention).
const closeOnly: [string, (x: Float64Array, p: number) => Float64Array][] = [
  ["sma", (x, p) => sma(x, { period: p })],
  ["wma", (x, p) => wma(x, { period: p })],
  ["ema", (x, p) => ema(x, { period: p, seed: "first" })],
  ["hma", (x, p) => hma(x, { period: p })],
  ["trima", (x, p) => trima(x, { period: p })],
  ["linreg", (x, p) => linearReg(x, { period: p })],
  ["linregintercept", (x, p) => linearRegIntercept(x, { period: p })],
  ["linregslope", (x, p) => linearRegSlope(x, { period: p })],
  ["tsf", (x, p) => tsf(x, { period: p })],
];

describe("Tulip Indicators test vectors (trend)", () => {
  for (const [name, f] of closeOnly) {
    it(`${name} matches Tulip's ${name} vectors at their printed precision`, () => {
      const vs = tulipVectors(name);
      expect(vs.length).toBeGreaterThan(0);
      for (const v of vs) compareTulipTail(f(v.arrays[0]!, v.options[0]!), v.arrays[1]!);
    });
  }

  it("vwma({close, volume}) matches Tulip's vwma vectors", () => {
    const vs = tulipVectors("vwma");
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) {
      const ours = vwma({ close: v.arrays[0]!, volume: v.arrays[1]! }, { period: v.options[0]! });
      compareTulipTail(ours, v.arrays[2]!, v.file === "extra.txt" ? 0.00005 + 1e-9 : undefined);
    }
  });

  it("bbands matches Tulip's bbands vectors (outputs lower, middle, upper)", () => {
    const vs = tulipVectors("bbands");
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) {
      const b = bbands(v.arrays[0]!, { period: v.options[0]!, stdDev: v.options[1]! });
      compareTulipTail(b.lower, v.arrays[1]!);
      compareTulipTail(b.middle, v.arrays[2]!);
      compareTulipTail(b.upper, v.arrays[3]!);
    }
  });
});
