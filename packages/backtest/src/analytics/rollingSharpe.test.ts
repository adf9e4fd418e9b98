import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharpeRatio } from "./returns.js";
import { rollingSharpe } from "./rollingSharpe.js";

describe("rollingSharpe(returns, window)", () => {
  it("equals sharpeRatio of every trailing window (the O(1) slide matches recomputation)", () => {
    fc.assert(
      fc.property(
        // returns on a 1e-6 grid: realistic magnitudes (subnormal squares would make any Sharpe meaningless)
        fc.array(
          fc.integer({ min: -100_000, max: 100_000 }).map((k) => k / 1e6),
          { minLength: 2, maxLength: 300 },
        ),
        fc.integer({ min: 2, max: 40 }),
        fc.constantFrom(0, 0.03),
        (xs, window, rf) => {
          const r = Float64Array.from(xs);
          const out = rollingSharpe(r, window, 252, rf);
          for (let i = 0; i < r.length; i++) {
            if (i < window - 1) {
              expect(out[i]).toBeNaN();
              continue;
            }
            const ref = sharpeRatio(r.subarray(i - window + 1, i + 1), 252, rf);
            if (!Number.isFinite(ref) || Math.abs(ref) > 1e6) continue; // a constant window: no std
            // relative: a nearly constant window has a huge |Sharpe| whose digits the slide and the recomputation
            // round differently (a CI run found −280.6243046 vs −280.6243040: 2e-9 relative)
            expect(Math.abs(out[i]! - ref)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(ref)));
          }
        },
      ),
    );
  });

  it("is NaN for every window that contains a NaN and recovers after it", () => {
    const r = Float64Array.of(0.01, 0.02, Number.NaN, 0.01, 0.03, -0.01, 0.02);
    const out = rollingSharpe(r, 3);
    expect(Array.from(out.subarray(0, 5)).every(Number.isNaN)).toBe(true);
    expect(out[5]).toBeCloseTo(sharpeRatio(r.subarray(3, 6)), 12);
    expect(out[6]).toBeCloseTo(sharpeRatio(r.subarray(4, 7)), 12);
  });

  it("rejects a window below 2", () => {
    expect(() => rollingSharpe(Float64Array.of(1, 2), 1)).toThrow(/window must be an integer ≥ 2, got 1/);
  });
});
