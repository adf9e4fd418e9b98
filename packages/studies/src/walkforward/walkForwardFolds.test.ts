import { ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { walkForwardFolds } from "./walkForwardFolds.js";

const layout = fc.record({
  n: fc.integer({ min: 1, max: 400 }),
  train: fc.integer({ min: 1, max: 120 }),
  test: fc.integer({ min: 1, max: 60 }),
  extraStep: fc.integer({ min: 0, max: 20 }),
  purge: fc.integer({ min: 0, max: 10 }),
  mode: fc.constantFrom("rolling" as const, "anchored" as const),
  partialLast: fc.boolean(),
});

describe("walkForwardFolds", () => {
  it("walkForwardFolds({length: 10, train: 4, test: 2, purge: 1}) gives the documented example", () => {
    expect(walkForwardFolds({ length: 10, train: 4, test: 2, purge: 1 })).toEqual([
      { index: 0, train: [0, 3], test: [4, 6] },
      { index: 1, train: [2, 5], test: [6, 8] },
      { index: 2, train: [4, 7], test: [8, 10] },
    ]);
  });

  it("anchored folds start at 0 and grow by step", () => {
    const f = walkForwardFolds({ length: 25, train: 10, test: 5, mode: "anchored" });
    expect(f.map((x) => x.train)).toEqual([
      [0, 10],
      [0, 15],
      [0, 20],
    ]);
    expect(f.map((x) => x.test)).toEqual([
      [10, 15],
      [15, 20],
      [20, 25],
    ]);
  });

  it("property: test windows are disjoint, in order, of length `test` (last may be partial only if asked) and cover [train, train + K·step) when step = test", () => {
    fc.assert(
      fc.property(layout, (l) => {
        if (l.train <= l.purge) return;
        const step = l.test + l.extraStep;
        const folds = walkForwardFolds({
          length: l.n,
          train: l.train,
          test: l.test,
          step,
          purge: l.purge,
          mode: l.mode,
          partialLast: l.partialLast,
        });
        // expected number of folds, counted independently
        let expected = 0;
        for (let s = l.train; s < l.n; s += step) {
          if (s + l.test > l.n && !l.partialLast) break;
          expected++;
        }
        expect(folds.length).toBe(expected);
        for (const [k, f] of folds.entries()) {
          const [a, b] = f.train;
          const [c, d] = f.test;
          expect(f.index).toBe(k);
          expect(c).toBe(l.train + k * step);
          // train strictly before test, separated by exactly the purge
          expect(b).toBe(c - l.purge);
          expect(a).toBeLessThan(b);
          expect(b).toBeLessThanOrEqual(c);
          expect(d).toBeLessThanOrEqual(l.n);
          if (k < folds.length - 1 || !l.partialLast) expect(d - c).toBe(l.test);
          else expect(d).toBe(Math.min(c + l.test, l.n));
          if (l.mode === "anchored") expect(a).toBe(0);
          else expect(b - a).toBe(l.train - l.purge); // rolling: constant train length
          if (k > 0) expect(c).toBeGreaterThanOrEqual(folds[k - 1]!.test[1]); // disjoint, ordered
        }
        if (step === l.test && folds.length > 0) {
          // contiguous coverage of [train, last end), and the untested tail is shorter than one window
          for (let k = 1; k < folds.length; k++) expect(folds[k]!.test[0]).toBe(folds[k - 1]!.test[1]);
          const end = folds.at(-1)!.test[1];
          if (l.partialLast) expect(end).toBe(l.n);
          else expect(l.n - end).toBeLessThan(l.test);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: with ts, folds select exactly the samples inside the documented time windows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 200 }),
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom("rolling" as const, "anchored" as const),
        (gaps, train, test, purge, mode) => {
          const ts = new Float64Array(gaps.length);
          for (let i = 1; i < ts.length; i++) ts[i] = ts[i - 1]! + gaps[i]!;
          let folds: ReturnType<typeof walkForwardFolds>;
          try {
            folds = walkForwardFolds({ ts, train, test, purge, mode });
          } catch (e) {
            // an empty window (a gap) is reported, never skipped: check one really is empty
            expect(e).toBeInstanceOf(ValidationError);
            const k = Number(/fold (\d+)/.exec((e as Error).message)![1]);
            const tS = train + k * test;
            const lo = /test window/.test((e as Error).message) ? tS : mode === "anchored" ? -1 : tS - train;
            const hi = /test window/.test((e as Error).message) ? tS + test : tS - purge;
            expect(Array.from(ts).some((t) => t >= lo && t < hi)).toBe(false);
            return;
          }
          for (const [k, f] of folds.entries()) {
            const tS = train + k * test;
            for (let i = 0; i < ts.length; i++) {
              const t = ts[i]!;
              const inTest = t >= tS && t < tS + test;
              const inTrain = t < tS - purge && (mode === "anchored" || t >= tS - train);
              expect(i >= f.test[0] && i < f.test[1]).toBe(inTest);
              expect(i >= f.train[0] && i < f.train[1]).toBe(inTrain);
            }
            expect(f.test[1]).toBeLessThan(ts.length); // complete: data exists past the window
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("accepts duration strings with ts", () => {
    const day = 86_400_000;
    const ts = Float64Array.from({ length: 100 }, (_, i) => i * day);
    const a = walkForwardFolds({ ts, train: "30d", test: "10d" });
    const b = walkForwardFolds({ ts, train: 30 * day, test: 10 * day });
    expect(a).toEqual(b);
    expect(a[0]).toEqual({ index: 0, train: [0, 30], test: [30, 40] });
  });

  it("rejects bad layouts naming the field", () => {
    expect(() => walkForwardFolds({ length: 10, train: 3, test: 2, purge: 3 })).toThrow(/train/);
    expect(() => walkForwardFolds({ length: 10, train: 3, test: 2, step: 1 })).toThrow(/step/);
    expect(() => walkForwardFolds({ length: 10, train: 3.5, test: 2 })).toThrow(
      /train: expected a whole number/,
    );
    expect(() => walkForwardFolds({ length: 10, train: "3d", test: 2 })).toThrow(/need `ts`/);
    expect(() => walkForwardFolds({ train: 3, test: 2 })).toThrow(/exactly one of/);
    expect(() => walkForwardFolds({ ts: Float64Array.of(0, 2, 1), train: 1, test: 1 })).toThrow(/ts\[2\]/);
    const ts = Float64Array.of(0, 1, 2, 3, 10, 11, 12, 13, 14);
    expect(() => walkForwardFolds({ ts, train: 2, test: 2 })).toThrow(/fold 1: test window/);
  });
});
