import { describe, expect, it } from "vitest";
import { closeTo, fixtures } from "./fixtures.testutil.js";
import { surfaceStability } from "./surfaceStability.js";

describe("surfaceStability", () => {
  for (const f of fixtures.surface) {
    it(`matches make_fixtures.py brute force on a ${f.shape.join("×")} grid (${f.neighbourhood})`, () => {
      const values = Float64Array.from(f.values, (v) => (v === null ? Number.NaN : v));
      const r = surfaceStability({ values, shape: f.shape }, { neighbourhood: f.neighbourhood });
      expect(r.best.index).toBe(f.best);
      expect(Array.from(r.neighbourCount)).toEqual(f.count);
      expect(Array.from(r.localOptimum)).toEqual(f.localOptimum);
      const cols = [
        [r.neighbourMean, f.mean],
        [r.neighbourMin, f.min],
        [r.neighbourMax, f.max],
        [r.neighbourStd, f.std],
        [r.normalizedDrop, f.normalizedDrop],
      ] as const;
      for (const [a, e] of cols) {
        for (let i = 0; i < e.length; i++) {
          const ev = e[i];
          if (ev === null || ev === undefined) expect(a[i]).toBeNaN();
          else if (!closeTo(a[i]!, ev)) expect(a[i]).toBe(ev);
        }
      }
    });
  }

  it("an isolated spike is a sharp peak with plateau score 0; a plateau is not", () => {
    const spike = surfaceStability({ values: Float64Array.of(0, 0, 0, 0, 1, 0, 0, 0, 0), shape: [3, 3] });
    expect(spike.sharpPeaks).toEqual([4]);
    expect(spike.plateauScore).toBe(0);
    const plateau = surfaceStability({
      values: Float64Array.of(
        0.9,
        0.92,
        0.95,
        0.92,
        0.9,
        0.92,
        0.96,
        1,
        0.96,
        0.92,
        0.9,
        0.92,
        0.95,
        0.92,
        0.9,
      ),
      shape: [3, 5],
    });
    expect(plateau.sharpPeaks).toEqual([]);
    expect(plateau.plateauScore).toBeGreaterThan(0.9);
    expect(String(plateau)).toMatch(/plateau score 0\.9/);
  });

  it("robustBest prefers a broad plateau over a higher isolated spike", () => {
    // 1-D: spike of 1.0 at 1, a plateau of 0.8 at 5..8
    const v = Float64Array.of(0, 1, 0, 0, 0.7, 0.8, 0.8, 0.8, 0.8, 0.7);
    const r = surfaceStability({ values: v, shape: [10] });
    expect(r.best.index).toBe(1);
    expect(r.sharpPeaks).toContain(1);
    expect(r.robustBest.index).toBeGreaterThanOrEqual(5);
    expect(r.robustBest.index).toBeLessThanOrEqual(8);
    const named = surfaceStability({
      values: v,
      shape: [10],
      axes: [{ name: "n", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }],
    });
    expect(String(named)).toMatch(/best 1\.0* at n=2;/);
  });

  it("minimize flips the sense of drops and optima", () => {
    const v = Float64Array.of(3, 2, -5, 2, 3);
    const r = surfaceStability({ values: v, shape: [5] }, { direction: "minimize" });
    expect(r.best.index).toBe(2);
    expect(r.drop[2]).toBe(7);
    expect(r.sharpPeaks).toEqual([2]);
  });

  it("rejects a shape that does not match the values", () => {
    expect(() => surfaceStability({ values: new Float64Array(6), shape: [2, 2] })).toThrow(/shape/);
  });
});
