import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expGolden } from "../test-data/fixtures.js";
import { TABLE_EXP_LIMIT, tableExp, tableExpInRange } from "./table-exp.js";

/** Distance in units in the last place of `ref` (a normal double). */
function ulps(v: number, ref: number): number {
  const e = Math.floor(Math.log2(Math.abs(ref)));
  return Math.abs(v - ref) / 2 ** (e - 52);
}

describe("tableExp", () => {
  it("tableExp(x) is within 1 ulp of the correctly rounded e^x (decimal module, exp-golden.py) on 4,510 points", () => {
    const { x, exp } = expGolden;
    expect(x.length).toBeGreaterThan(4000);
    let worst = 0;
    let worstMath = 0;
    let exact = 0;
    for (let i = 0; i < x.length; i++) {
      const u = ulps(tableExp(x[i]!), exp[i]!);
      worst = Math.max(worst, u);
      worstMath = Math.max(worstMath, ulps(Math.exp(x[i]!), exp[i]!));
      if (u === 0) exact++;
    }
    expect(worst).toBeLessThanOrEqual(1);
    // as accurate as V8's fdlibm Math.exp on the same points (also ≤ 1 ulp); correctly rounded on 94 % of them
    // (Math.exp: 91 %) thanks to the hi/lo table
    expect(worstMath).toBeLessThanOrEqual(1);
    expect(exact / x.length).toBeGreaterThan(0.92);
  });

  it("tableExp(x) and Math.exp(x) differ by at most 2 ulp (≤ 4.5e-16 relative) for random |x| ≤ 700 (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -TABLE_EXP_LIMIT, max: TABLE_EXP_LIMIT, noNaN: true }), (x) => {
        const a = tableExp(x);
        const b = Math.exp(x);
        if (b < 2 ** -1022) return a === b || Math.abs(a - b) <= 2 ** -1074 * 2; // not reached for |x| ≤ 700
        return ulps(a, b) <= 2 && Math.abs(a / b - 1) <= 4.5e-16;
      }),
      { numRuns: 20_000 },
    );
  });

  it("tableExp defers to Math.exp beyond ±700 and for NaN/±∞; exact at 0", () => {
    for (const x of [700.5, 709.7, 710, 800, -700.5, -745, -746, -800, Infinity, -Infinity]) {
      expect(tableExp(x)).toBe(Math.exp(x));
    }
    expect(tableExp(Number.NaN)).toBeNaN();
    expect(tableExp(0)).toBe(1);
    expect(tableExp(-0)).toBe(1);
    expect(tableExpInRange(TABLE_EXP_LIMIT)).toBe(tableExp(TABLE_EXP_LIMIT));
  });

  it("TABLE_EXP_LIMIT is 700 (gbm-kernel.ts writes it as a literal)", () => {
    expect(TABLE_EXP_LIMIT).toBe(700);
  });
});
