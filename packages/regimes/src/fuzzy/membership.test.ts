import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { membership } from "./membership.js";

describe("membership(mf, x)", () => {
  it("triangular and trapezoidal are piecewise linear with shoulders at vertical outer edges", () => {
    const tri = { type: "triangular", a: 0, b: 0.5, c: 1 } as const;
    expect([-1, 0, 0.25, 0.5, 0.75, 1, 2].map((x) => membership(tri, x))).toEqual([0, 0, 0.5, 1, 0.5, 0, 0]);
    const low = { type: "triangular", a: 0, b: 0, c: 1 } as const;
    expect([-1, 0, 0.25, 1, 2].map((x) => membership(low, x))).toEqual([1, 1, 0.75, 0, 0]);
    const trap = { type: "trapezoidal", a: 0, b: 1, c: 2, d: 4 } as const;
    expect([0, 0.5, 1, 1.5, 2, 3, 4].map((x) => membership(trap, x))).toEqual([0, 0.5, 1, 1, 1, 0.5, 0]);
  });

  it("gaussian and sigmoid match their closed forms", () => {
    expect(membership({ type: "gaussian", mean: 1, sigma: 2 }, 3)).toBeCloseTo(Math.exp(-0.5), 15);
    expect(membership({ type: "sigmoid", slope: 10, center: 0.5 }, 0.5)).toBe(0.5);
    expect(membership({ type: "sigmoid", slope: -10, center: 0.5 }, 1)).toBeLessThan(0.01);
  });

  it("is always within [0, 1] (property) and NaN propagates", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, w) => {
          const mfs = [
            { type: "triangular", a: 0, b: w, c: 1 },
            { type: "trapezoidal", a: -1, b: 0, c: w, d: 1 },
            { type: "gaussian", mean: w, sigma: 0.1 },
            { type: "sigmoid", slope: 5, center: w },
          ] as const;
          return mfs.every((mf) => {
            const v = membership(mf, x);
            return v >= 0 && v <= 1;
          });
        },
      ),
    );
    expect(membership({ type: "gaussian", mean: 0, sigma: 1 }, Number.NaN)).toBeNaN();
  });
});
