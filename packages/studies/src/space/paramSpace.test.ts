import { ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DimensionInput } from "./dimension.js";
import {
  cacheFriendlyNesting,
  countGrid,
  grid,
  gridSize,
  gridValues,
  paramSpace,
  randomSearch,
} from "./paramSpace.js";

const intDim = fc
  .record({
    lo: fc.integer({ min: -20, max: 20 }),
    len: fc.integer({ min: 0, max: 12 }),
    step: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ lo, len, step }): DimensionInput => ({ int: [lo, lo + len], step }));
const choiceDim = fc
  .uniqueArray(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom("a", "b", "c"), fc.boolean()), {
    minLength: 1,
    maxLength: 4,
  })
  .map((c): DimensionInput => ({ choice: c }));
const floatDim = fc
  .record({ lo: fc.integer({ min: 1, max: 10 }), n: fc.integer({ min: 2, max: 5 }), log: fc.boolean() })
  .map(({ lo, n, log }): DimensionInput => ({ float: [lo, lo * 3], n, log }));
const description = fc.dictionary(
  fc.constantFrom("a", "b", "c", "d"),
  fc.oneof(intDim, choiceDim, floatDim, fc.constant<DimensionInput>({ value: 7 })),
  { minKeys: 1, maxKeys: 4 },
);

describe("paramSpace", () => {
  it("gridValues of an int range with a step include both ends when on the lattice", () => {
    expect(gridValues({ int: [5, 20], step: 5, log: false })).toEqual([5, 10, 15, 20]);
    expect(gridValues({ int: [5, 22], step: 5, log: false })).toEqual([5, 10, 15, 20]);
    expect(gridValues({ float: [0, 1], step: 0.25, log: false })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(
      gridValues({ float: [1, 100], n: 3, log: true }).map((x) => Math.round((x as number) * 1e9) / 1e9),
    ).toEqual([1, 10, 100]);
  });

  it("rejects bad descriptions naming the parameter", () => {
    expect(() => paramSpace({ fast: { int: [10, 5] } })).toThrow(/fast/);
    expect(() => paramSpace({ x: { float: [0, 1], step: 0.1, n: 3 } })).toThrow(ValidationError);
    expect(() => [...grid(paramSpace({ x: { float: [0, 1] } }))]).toThrow(/x: a float dimension needs/);
  });

  it("grid size equals the product of the dimensions' sizes, with no duplicate points (property)", () => {
    fc.assert(
      fc.property(description, (desc) => {
        const space = paramSpace(desc);
        const points = [...grid(space)];
        const product = space.dimensions.reduce((n, d) => n * gridValues(d).length, 1);
        expect(points.length).toBe(product);
        expect(gridSize(space)).toBe(product);
        expect(new Set(points.map((p) => JSON.stringify(p))).size).toBe(points.length);
        for (const p of points) expect(Object.keys(p)).toEqual(space.names);
      }),
      { numRuns: 200 },
    );
  });

  it("a constrained grid is exactly the unconstrained grid filtered, in the same order (property)", () => {
    fc.assert(
      fc.property(intDim, intDim, (fa, fb) => {
        const constraint = (p: Record<string, unknown>) => (p.fast as number) < (p.slow as number);
        const free = [...grid(paramSpace({ fast: fa, slow: fb }))];
        const space = paramSpace({ fast: fa, slow: fb }, constraint);
        const constrained = [...grid(space)];
        expect(constrained).toEqual(free.filter(constraint));
        expect(countGrid(space)).toBe(constrained.length);
      }),
      { numRuns: 200 },
    );
  });

  it("grid with any nesting enumerates the same points; the given innermost dimension varies fastest (property)", () => {
    fc.assert(
      fc.property(description, fc.integer({ min: 0, max: 1000 }), (desc, seed) => {
        const space = paramSpace(desc, (p) => typeof p.b !== "number" || p.b !== 3);
        const k = space.names.length;
        const order = space.names.map((_, i) => i);
        for (let i = k - 1; i > 0; i--) {
          const j = (seed * (i + 7)) % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const key = (p: Record<string, unknown>) => JSON.stringify(p);
        const a = [...grid(space)].map(key).sort();
        const nested = [...grid(space, order)];
        expect(nested.map(key).sort()).toEqual(a);
        const inner = space.names[order[k - 1]!]!;
        const free = [...grid(paramSpace(desc), order)];
        if (free.length > 1 && gridValues(space.dimensions[order[k - 1]!]!).length > 1)
          expect(free[1]![inner]).not.toEqual(free[0]![inner]);
        for (const p of nested) expect(Object.keys(p)).toEqual(space.names);
      }),
      { numRuns: 200 },
    );
    expect(
      cacheFriendlyNesting(
        paramSpace({ fast: { int: [5, 50], step: 5 }, slow: { int: [60, 1050], step: 10 } }),
      ),
    ).toEqual([1, 0]);
    expect(() => [...grid(paramSpace({ a: { int: [1, 2] } }), [1])]).toThrow(/permutation/);
  });

  it("randomSearch: same seed → same samples; samples lie in the space and satisfy the constraint (property)", () => {
    fc.assert(
      fc.property(description, fc.integer(), fc.integer({ min: 1, max: 30 }), (desc, seed, n) => {
        const space = paramSpace(desc, (p) => typeof p.a !== "number" || p.a !== 0);
        const a = randomSearch(space, n, seed);
        expect(randomSearch(space, n, seed)).toEqual(a);
        expect(a.length).toBeLessThanOrEqual(n);
        expect(new Set(a.map((p) => JSON.stringify(p))).size).toBe(a.length);
        for (const p of a) {
          expect(space.constraint!(p)).toBe(true);
          space.names.forEach((name, j) => {
            const d = space.dimensions[j]!;
            const v = p[name]!;
            if ("int" in d) {
              expect(Number.isInteger(v)).toBe(true);
              expect(v).toBeGreaterThanOrEqual(d.int[0]);
              expect(v).toBeLessThanOrEqual(d.int[1]);
              expect(((v as number) - d.int[0]) % d.step).toBe(0);
            } else if ("float" in d) {
              expect(v).toBeGreaterThanOrEqual(d.float[0]);
              expect(v).toBeLessThanOrEqual(d.float[1]);
            } else if ("choice" in d) expect(d.choice).toContain(v);
            else expect(v).toBe(d.value);
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it("randomSearch finds every point of a small discrete space, and a different seed gives a different order", () => {
    const space = paramSpace({ a: { int: [1, 4] }, b: { choice: ["x", "y"] } });
    const all = randomSearch(space, 100, 1);
    expect(all.length).toBe(8);
    expect(new Set(all.map((p) => JSON.stringify(p)))).toEqual(
      new Set([...grid(space)].map((p) => JSON.stringify(p))),
    );
    expect(randomSearch(space, 8, 2)).not.toEqual(all);
  });

  it("randomSearch of a log float dimension is log-uniform (median near the geometric mean)", () => {
    const xs = randomSearch(paramSpace({ x: { float: [1, 10000], log: true } }), 2000, 9).map(
      (p) => p.x as number,
    );
    xs.sort((a, b) => a - b);
    expect(xs[1000]!).toBeGreaterThan(60);
    expect(xs[1000]!).toBeLessThan(160);
  });
});
