import { adx, rsi } from "@quantkit/indicators";
import { describe, expect, it } from "vitest";
import { loadOrcl } from "../testing/orcl.js";
import { FuzzyRegimeClassifier } from "./fuzzy-classifier.js";
import { fuzzyFeatures } from "./fuzzy-features.js";

const bars = loadOrcl();

describe("fuzzyFeatures(bars, options)", () => {
  const f = fuzzyFeatures(bars);

  it("trend = ADX/100 and momentum = RSI/100 from @quantkit/indicators", () => {
    const a = adx(bars);
    const r = rsi(bars.close);
    for (let t = 0; t < bars.close.length; t++) {
      expect(Object.is(f.trend[t], a[t]! / 100)).toBe(true);
      expect(Object.is(f.momentum[t], r[t]! / 100)).toBe(true);
    }
  });

  it("volatility is a percentile in [0, 1] after period + rankWindow − 1 bars, NaN before", () => {
    for (let t = 0; t < 14 + 252 - 1; t++) expect(f.volatility[t]).toBeNaN();
    for (let t = 14 + 252 - 1; t < bars.close.length; t++) {
      expect(f.volatility[t]).toBeGreaterThanOrEqual(0);
      expect(f.volatility[t]).toBeLessThanOrEqual(1);
    }
  });

  it("is causal: features of a prefix equal the prefix of the features", () => {
    const cut = 1500;
    const p = fuzzyFeatures({
      high: bars.high.subarray(0, cut),
      low: bars.low.subarray(0, cut),
      close: bars.close.subarray(0, cut),
    });
    for (let t = 0; t < cut; t++) {
      expect(Object.is(p.volatility[t], f.volatility[t])).toBe(true);
      expect(Object.is(p.trend[t], f.trend[t])).toBe(true);
    }
  });

  it("feeds the default classifier: every regime occurs on 20 years of ORCL", () => {
    const out = new FuzzyRegimeClassifier().classify(f);
    const seen = new Set(Array.from(out.label).filter((l) => l >= 0));
    expect(seen.size).toBe(4);
  });
});
