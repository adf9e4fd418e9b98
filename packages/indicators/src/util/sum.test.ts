import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring.js";
import { CompensatedSum, fsum } from "./sum.js";

describe("fsum / CompensatedSum", () => {
  it("fsum([1e16, 1, -1e16]) is 1 where plain summation gives 0", () => {
    expect(fsum(new Float64Array([1e16, 1, -1e16]))).toBe(1);
    const s = new CompensatedSum();
    for (const v of [1e16, 1, -1e16]) s.add(v);
    expect(s.value).toBe(1);
  });

  it("fsum of integers (exactly representable partial sums) equals the BigInt sum", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 200 }), (xs) => {
        const exact = xs.reduce((a, b) => a + BigInt(b), 0n);
        expect(fsum(Float64Array.from(xs))).toBe(Number(exact));
      }),
    );
  });
});

describe("RingBuffer", () => {
  it("push returns the evicted value and get(i) reads oldest→newest", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { maxLength: 50 }),
        fc.integer({ min: 1, max: 8 }),
        (xs, cap) => {
          const r = new RingBuffer(cap);
          xs.forEach((x, t) => {
            const evicted = r.push(x);
            expect(Object.is(evicted, t >= cap ? xs[t - cap]! : Number.NaN)).toBe(true);
            const window = xs.slice(Math.max(0, t - cap + 1), t + 1);
            expect(r.length).toBe(window.length);
            for (let i = 0; i < window.length; i++) expect(r.get(i)).toBe(window[i]);
            expect(r.last()).toBe(x);
          });
        },
      ),
    );
  });
});
