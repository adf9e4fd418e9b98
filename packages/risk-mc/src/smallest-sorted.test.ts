import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { smallestSorted } from "./smallest-sorted.js";

/** result must be the first result.length entries of a full sort (Object.is: −0 and +0 distinguished). */
function check(x: Float64Array, k: number): void {
  const full = Float64Array.from(x).sort();
  const head = smallestSorted(x, k);
  expect(head.length).toBeGreaterThanOrEqual(k);
  for (let i = 0; i < head.length; i++) {
    if (!Object.is(head[i], full[i])) throw new Error(`k=${k} i=${i}: ${head[i]} ≠ ${full[i]}`);
  }
  // nothing left out: the next sorted value is larger than the k-th
  if (head.length < x.length) expect(full[head.length]!).toBeGreaterThan(full[k - 1]!);
}

describe("smallestSorted(x, k)", () => {
  it("equals the first entries of Float64Array.sort() bit for bit, with ties and ±0 (property)", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -3, max: 3 }).map((v) => v / 2),
      fc.constantFrom(0, -0),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, f) => {
          const x = Float64Array.from(values);
          const k = Math.min(x.length, 1 + Math.floor(f * x.length * 0.3));
          check(x, k);
          check(x, x.length);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("handles sorted, reversed, constant and organ-pipe inputs of 20,000 values (quickselect's bad cases)", () => {
    const n = 20_000;
    const inputs = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      new Float64Array(n).fill(1.5),
      Float64Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
      Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000),
    ];
    for (const x of inputs) for (const k of [1, 50, 1000, 4999, 5001]) check(x, k);
  });

  it("does not modify its input", () => {
    const x = Float64Array.of(3, 1, 2, 5, 4, 0, -1, 7, 9, 8);
    const copy = Float64Array.from(x);
    smallestSorted(x, 2);
    expect(Array.from(x)).toEqual(Array.from(copy));
  });
});
