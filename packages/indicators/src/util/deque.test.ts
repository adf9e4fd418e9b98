import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RollingExtremum } from "./deque.js";

describe("RollingExtremum", () => {
  it("push(x) equals the naive max/min of the last `period` values, with the newest index on ties and NaN while a NaN is inside; peek equals push", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN)), {
          maxLength: 120,
          size: "max",
        }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom("max" as const, "min" as const),
        (xs, period, mode) => {
          const r = new RollingExtremum(period, mode);
          for (let t = 0; t < xs.length; t++) {
            const x = xs[t]!;
            const peeked = r.peek(x);
            const peekedIdx = r.peekIndex(x);
            const got = r.push(x);
            const window = xs.slice(Math.max(0, t - period + 1), t + 1);
            let want: number;
            let wantIdx = -1;
            if (window.some((v) => Number.isNaN(v))) want = Number.NaN;
            else {
              want = mode === "max" ? Math.max(...window) : Math.min(...window);
              wantIdx = Math.max(0, t - period + 1) + window.lastIndexOf(want);
            }
            expect(Object.is(got, want)).toBe(true);
            expect(r.index).toBe(wantIdx);
            expect(Object.is(peeked, got)).toBe(true);
            expect(peekedIdx).toBe(r.index);
          }
        },
      ),
    );
  });
});
