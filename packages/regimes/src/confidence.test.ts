import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RegimeConfidence } from "./confidence.js";

const rc = () =>
  new RegimeConfidence({ labels: ["calm", "turbulent"], hmmLabels: [0, 1], fuzzyLabels: [0, 1, 0, 1] });
const dist = (n: number) =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((v) => {
    const s = v.reduce((a, b) => a + b, 0);
    return s > 0 ? v.map((x) => x / s) : v.map(() => 1 / n);
  });

describe("RegimeConfidence", () => {
  it("pools the sources linearly and discounts by (1 − switch probability)", () => {
    const r = rc().combine([0.9, 0.1], [0.8, 0.1, 0.1, 0.1], 0.05);
    // p(calm) = 0.5·0.9 + 0.5·(0.9/1.1) ; confidence = p · 0.95
    expect(r.label).toBe(0);
    expect(r.confidence).toBeCloseTo((0.5 * 0.9 + 0.5 * (0.9 / 1.1)) * 0.95, 14);
  });

  it("confidence is in [0, 1], equals 1 only under certain agreement without switching, and falls as s rises (property)", () => {
    fc.assert(
      fc.property(dist(2), dist(4), fc.double({ min: 0, max: 1, noNaN: true }), (h, f, s) => {
        const c = rc();
        const a = c.combine(h, f, s).confidence;
        const b = c.combine(h, f, Math.min(1, s + 0.1)).confidence;
        return a >= 0 && a <= 1 && b <= a + 1e-15;
      }),
    );
    expect(rc().combine([1, 0], [1, 0, 0, 0], 0)).toEqual({ label: 0, confidence: 1 });
    expect(rc().combine([1, 0], [0, 1, 0, 0], 0).confidence).toBe(0.5);
  });

  it("the fuzzy source abstains when no rule fires or its inputs are NaN; nothing available → label −1", () => {
    expect(rc().combine([0.2, 0.8], [0, 0, 0, 0]).confidence).toBeCloseTo(0.8, 15);
    expect(rc().combine([0.2, 0.8], [Number.NaN, 0, 0, 0]).label).toBe(1);
    expect(rc().combine(null, null).label).toBe(-1);
  });

  it("combineColumns equals combine row by row", () => {
    const h = Float64Array.of(0.9, 0.1, 0.3, 0.7);
    const f = Float64Array.of(0.1, 0.2, 0.3, 0.4, 1, 0, 0, 0);
    const s = Float64Array.of(0.1, 0.5);
    const out = rc().combineColumns(h, f, s);
    const c = rc();
    for (let t = 0; t < 2; t++) {
      const r = c.combine(h.subarray(2 * t, 2 * t + 2), f.subarray(4 * t, 4 * t + 4), s[t]!);
      expect(out.label[t]).toBe(r.label);
      expect(out.confidence[t]).toBe(r.confidence);
    }
  });

  it("validates label maps", () => {
    expect(() => new RegimeConfidence({ labels: ["a"], hmmLabels: [0, 1] })).toThrow(/hmmLabels\.1/);
  });
});
