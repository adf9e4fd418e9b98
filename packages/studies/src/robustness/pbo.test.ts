import { Rng } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closeTo, fixtures } from "./fixtures.testutil.js";
import { probabilityOfBacktestOverfitting } from "./pbo.js";

function expectClose(a: number, e: number, tol = 1e-10) {
  if (!closeTo(a, e, tol)) expect(a).toBe(e); // shows both numbers
}

function randomMatrix(seed: number, rows: number, cols: number): Float64Array {
  const rng = new Rng(seed, 0);
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = 0.0002 + 0.01 * rng.normal();
  return v;
}

describe("probabilityOfBacktestOverfitting (CSCV) vs make_fixtures.py (numpy/scipy, from the paper)", () => {
  for (const f of fixtures.pbo) {
    it(`${f.name}: PBO exact, logits/ranks/chosen trials/degradation to 1e-10`, () => {
      const r = probabilityOfBacktestOverfitting(
        { values: Float64Array.from(f.values), rows: f.rows, cols: f.cols },
        { partitions: f.partitions, metric: f.metric },
      );
      expect(r.combinations).toBe(f.combinations);
      expect(r.pbo).toBe(f.pbo);
      let sum = 0;
      for (const l of r.logits) sum += l;
      expectClose(sum, f.logitSum, 1e-9);
      for (let j = 0; j < f.logits.length; j++) {
        const c = j * f.step;
        expect(r.bestTrial[c]).toBe(f.bestTrial[j]);
        expectClose(r.logits[c]!, f.logits[j]!);
        expectClose(r.relativeRanks[c]!, f.relativeRanks[j]!);
        expectClose(r.inSample[c]!, f.inSample[j]!);
        expectClose(r.outOfSample[c]!, f.outOfSample[j]!);
      }
      expectClose(r.degradation.slope, f.slope);
      expectClose(r.degradation.intercept, f.intercept);
      expectClose(r.degradation.rSquared, f.rSquared);
      expect(r.probabilityOfLoss).toBe(f.probabilityOfLoss);
    });
  }

  it("the skilled-trial fixture has low PBO and the noise fixtures do not (sanity of the oracle itself)", () => {
    const [noise, skilled] = fixtures.pbo;
    expect(skilled!.pbo).toBeLessThan(0.1);
    expect(noise!.pbo).toBeGreaterThan(0.2);
  });

  it("a custom metric function equal to the built-in Sharpe gives the same PBO and logits", () => {
    const values = randomMatrix(5, 160, 9);
    const sharpe = (x: Float64Array) => {
      let m = 0;
      for (const v of x) m += v;
      m /= x.length;
      let q = 0;
      for (const v of x) q += (v - m) ** 2;
      return m / Math.sqrt(q / (x.length - 1));
    };
    const a = probabilityOfBacktestOverfitting({ values, rows: 160, cols: 9 }, { partitions: 8 });
    const b = probabilityOfBacktestOverfitting(
      { values, rows: 160, cols: 9 },
      { partitions: 8, metric: sharpe },
    );
    expect(b.pbo).toBe(a.pbo);
    expect(Array.from(b.bestTrial)).toEqual(Array.from(a.bestTrial));
    for (let c = 0; c < a.logits.length; c++) expectClose(b.logits[c]!, a.logits[c]!, 1e-12);
  });

  it("property: PBO does not depend on the order of the trials (columns)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 3, max: 10 }),
        fc.constantFrom(2, 4, 6),
        (seed, cols, S) => {
          const rows = 12 * S;
          const v = randomMatrix(seed, rows, cols);
          const perm = Array.from({ length: cols }, (_, i) => (i * 7 + 3) % cols);
          if (new Set(perm).size !== cols) return; // 7 shares a factor with cols: not a permutation
          const w = new Float64Array(v.length);
          for (let t = 0; t < rows; t++)
            for (let n = 0; n < cols; n++) w[t * cols + n] = v[t * cols + perm[n]!]!;
          const a = probabilityOfBacktestOverfitting({ values: v, rows, cols }, { partitions: S });
          const b = probabilityOfBacktestOverfitting({ values: w, rows, cols }, { partitions: S });
          expect(b.pbo).toBe(a.pbo);
          for (let c = 0; c < a.logits.length; c++) expect(b.logits[c]).toBe(a.logits[c]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("property: a trial that beats every other in every period is always chosen and ranks first OOS (PBO = 0)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 8 }), (seed, cols) => {
        const rows = 40;
        const v = randomMatrix(seed, rows, cols);
        const star = seed % cols;
        for (let t = 0; t < rows; t++) {
          let m = Number.NEGATIVE_INFINITY;
          for (let n = 0; n < cols; n++) if (n !== star) m = Math.max(m, v[t * cols + n]!);
          v[t * cols + star] = m + 0.001;
        }
        const r = probabilityOfBacktestOverfitting(
          { values: v, rows, cols },
          { partitions: 4, metric: "mean" },
        );
        expect(r.pbo).toBe(0);
        for (let c = 0; c < r.combinations; c++) {
          expect(r.bestTrial[c]).toBe(star);
          expect(r.relativeRanks[c]).toBe(cols / (cols + 1));
        }
      }),
      { numRuns: 50 },
    );
  });

  it("a constant-zero trial has Sharpe 0 (documented convention), not NaN", () => {
    const rows = 40;
    const cols = 3;
    const v = randomMatrix(9, rows, cols);
    for (let t = 0; t < rows; t++) v[t * cols + 1] = 0;
    const r = probabilityOfBacktestOverfitting({ values: v, rows, cols }, { partitions: 4 });
    for (const l of r.logits) expect(Number.isFinite(l)).toBe(true);
  });

  it("rejects bad input naming the field", () => {
    const values = randomMatrix(1, 40, 3);
    expect(() => probabilityOfBacktestOverfitting({ values, rows: 40, cols: 3 }, { partitions: 5 })).toThrow(
      /partitions/,
    );
    expect(() => probabilityOfBacktestOverfitting({ values, rows: 41, cols: 3 })).toThrow(/rows·cols/);
    expect(() => probabilityOfBacktestOverfitting({ values, rows: 40, cols: 3 }, { partitions: 22 })).toThrow(
      /rows/,
    );
    values[3 * 7 + 2] = Number.NaN;
    expect(() => probabilityOfBacktestOverfitting({ values, rows: 40, cols: 3 }, { partitions: 4 })).toThrow(
      /row 7, trial 2/,
    );
  });
});
