import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trueRange } from "./trueRange.js";

/** The reference: the `Math.max`/`Math.min` form quantkit documents (TA-Lib's value, NaN-propagating). */
const reference = (h: number, l: number, pc: number) => Math.max(h, pc) - Math.min(l, pc);

/** TA-Lib's `TRUE_RANGE` macro (ta_utility.h), for finite inputs. */
function talibTrueRange(h: number, l: number, pc: number): number {
  let tr = h - l;
  const a = Math.abs(pc - h);
  if (a > tr) tr = a;
  const b = Math.abs(pc - l);
  if (b > tr) tr = b;
  return tr;
}

const same = (h: number, l: number, pc: number) => {
  const got = trueRange(h, l, pc);
  const want = reference(h, l, pc);
  if (!Object.is(got, want)) throw new Error(`trueRange(${h}, ${l}, ${pc}) = ${got}, expected ${want}`);
};

const specials = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2,
  3,
  1 + 2 ** -52,
  2 - 2 ** -51,
  Number.MIN_VALUE,
  2 * Number.MIN_VALUE,
  2.2250738585072014e-308,
  2 ** 1021,
  2 ** 1022,
  Number.MAX_VALUE,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
];

describe("trueRange (branch-free fast path)", () => {
  it("equals max(h, pc) − min(l, pc) bit for bit on every triple of special values (both signs)", () => {
    for (const s of [1, -1])
      for (const h of specials)
        for (const l of specials) for (const pc of specials) same(s * h, s * l, s * pc);
  });

  it("equals it bit for bit on random bars at every scale (fast path, gaps, ties) and on arbitrary doubles", () => {
    const bar = fc
      .record({
        e: fc.integer({ min: -1074, max: 1023 }),
        c: fc.double({ min: 0.25, max: 4, noNaN: true }),
        up: fc.oneof(
          fc.constant(0),
          fc.double({ min: 0, max: 1e-15, noNaN: true }),
          fc.double({ min: 0, max: 1.5 }),
        ),
        dn: fc.oneof(
          fc.constant(0),
          fc.double({ min: 0, max: 1e-15, noNaN: true }),
          fc.double({ min: 0, max: 0.9 }),
        ),
        g: fc.double({ min: 0.2, max: 5, noNaN: true }),
        swap: fc.integer({ min: 0, max: 2 }),
      })
      .map(({ e, c, up, dn, g, swap }) => {
        const m = c * 2 ** e;
        const h = m * (1 + up);
        const l = m * (1 - dn);
        const pc = m * g;
        return swap === 0 ? [h, l, pc] : swap === 1 ? [l, h, pc] : [pc, l, h];
      });
    fc.assert(
      fc.property(bar, ([h, l, pc]) => same(h!, l!, pc!)),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double(), (h, l, pc) => same(h, l, pc)),
      { numRuns: 20_000 },
    );
  });

  it("equals TA-Lib's TRUE_RANGE on finite bars with high ≥ low, and propagates NaN", () => {
    const finite = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(finite, finite, finite, (a, b, pc) => {
        const h = Math.max(a, b);
        const l = Math.min(a, b);
        expect(Object.is(trueRange(h, l, pc), talibTrueRange(h, l, pc))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    expect(trueRange(10, 9, Number.NaN)).toBeNaN();
    expect(trueRange(Number.NaN, 9, 9.5)).toBeNaN();
    expect(trueRange(10, Number.NaN, 9.5)).toBeNaN();
    expect(trueRange(10, 9, 12)).toBe(3);
    expect(trueRange(10, 9, 8)).toBe(2);
    expect(trueRange(10, 9, 9.5)).toBe(1);
  });
});
