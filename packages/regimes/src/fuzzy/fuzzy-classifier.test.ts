import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultFuzzyConfig, FuzzyRegimeClassifier } from "./fuzzy-classifier.js";

const unit = fc.double({ min: 0, max: 1, noNaN: true });

describe("FuzzyRegimeClassifier", () => {
  it("min/max inference on the default rule base: degree = min of the antecedent memberships", () => {
    const fz = new FuzzyRegimeClassifier();
    const d = Array.from(fz.update({ trend: 0.9, volatility: 0.2 }));
    expect(d.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.8, 0.2, 0.1, 0.1]);
    expect(fz.label).toBe(0);
    expect(fz.regimes[fz.label]).toBe("trending-calm");
  });

  it("product inference on complementary terms gives degrees that sum to 1 (property)", () => {
    const fz = new FuzzyRegimeClassifier({ ...defaultFuzzyConfig, inference: "product" });
    fc.assert(
      fc.property(unit, unit, (t, v) => {
        const d = fz.update([t, v]);
        const s = d[0]! + d[1]! + d[2]! + d[3]!;
        return Math.abs(s - 1) < 1e-12 && d.every((x) => x >= 0 && x <= 1);
      }),
    );
  });

  it("centroid: a single fully-fired regime defuzzifies to the centre of its symmetric output triangle", () => {
    const fz = new FuzzyRegimeClassifier({
      inputs: { x: { on: { type: "triangular", a: 0, b: 1, c: 1 } } },
      regimes: ["a", "b", "c"],
      rules: [{ if: [{ input: "x", is: "on" }], regime: "b" }],
    });
    fz.update([1]);
    expect(fz.crisp).toBeCloseTo(0.5, 12);
    fz.update([0]);
    expect(fz.crisp).toBeNaN();
    expect(fz.label).toBe(-1);
  });

  it("crisp output is in [0, 1] and moves toward the dominant regime (property)", () => {
    const fz = new FuzzyRegimeClassifier();
    fc.assert(
      fc.property(unit, unit, (t, v) => {
        fz.update([t, v]);
        return fz.crisp >= 0 && fz.crisp <= 1;
      }),
    );
    fz.update([1, 0]);
    const calmTrend = fz.crisp;
    fz.update([0, 1]);
    expect(fz.crisp).toBeGreaterThan(calmTrend);
  });

  it("classify(columns) is identical to update() bar by bar, NaN rows give NaN degrees and label −1", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(unit, unit), { minLength: 1, maxLength: 50 }), (rows) => {
        const fz = new FuzzyRegimeClassifier();
        const trend = Float64Array.from(rows.map((r) => r[0]));
        const volatility = Float64Array.from(rows.map((r) => r[1]));
        trend[0] = Number.NaN;
        const out = fz.classify({ trend, volatility });
        const s = new FuzzyRegimeClassifier();
        for (let t = 0; t < rows.length; t++) {
          const d = s.update({ trend: trend[t]!, volatility: volatility[t]! });
          for (let r = 0; r < 4; r++) if (!Object.is(d[r], out.degrees[t * 4 + r])) return false;
          if (!Object.is(s.crisp, out.crisp[t]) || s.label !== out.label[t]) return false;
        }
        return out.label[0] === -1 && Number.isNaN(out.degrees[0]!);
      }),
    );
  });

  it("rejects configs that reference unknown inputs, terms or regimes, naming the path", () => {
    expect(
      () =>
        new FuzzyRegimeClassifier({
          ...defaultFuzzyConfig,
          rules: [{ if: [{ input: "trend", is: "medium" }], regime: "nope" }],
        }),
    ).toThrow(/rules\.0\.if\.0\.is.*rules\.0\.regime/);
    expect(() => new FuzzyRegimeClassifier({ ...defaultFuzzyConfig, inference: "max" as "minmax" })).toThrow(
      /inference/,
    );
  });
});
