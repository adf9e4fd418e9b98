import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dema } from "./dema.js";
import { ema } from "./ema.js";
import { hma } from "./hma.js";
import { kama } from "./kama.js";
import { linearReg, tsf } from "./linearReg.js";
import { sma } from "./sma.js";
import { t3 } from "./t3.js";
import { tema } from "./tema.js";
import { trima } from "./trima.js";
import { wma } from "./wma.js";

const averages: [string, (x: Float64Array, period: number) => Float64Array][] = [
  ["sma", (x, period) => sma(x, { period })],
  ["ema", (x, period) => ema(x, { period })],
  ["ema seed first", (x, period) => ema(x, { period, seed: "first" })],
  ["wma", (x, period) => wma(x, { period })],
  ["dema", (x, period) => dema(x, { period })],
  ["tema", (x, period) => tema(x, { period })],
  ["trima", (x, period) => trima(x, { period })],
  ["kama", (x, period) => kama(x, { period })],
  ["t3", (x, period) => t3(x, { period })],
  ["hma", (x, period) => hma(x, { period: period + 2 })],
  ["linearReg", (x, period) => linearReg(x, { period })],
  ["tsf", (x, period) => tsf(x, { period })],
];

describe("moving-average invariants", () => {
  for (const [name, f] of averages) {
    it(`${name} of a constant series is the constant, and adding a constant shifts it by that constant`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), {
            minLength: 1,
            maxLength: 120,
            size: "max",
          }),
          fc.double({ min: -500, max: 500, noNaN: true }),
          fc.integer({ min: 2, max: 8 }),
          (xs, c, period) => {
            const x = Float64Array.from(xs);
            const base = f(x, period);
            const shifted = f(
              x.map((v) => v + c),
              period,
            );
            const flat = f(new Float64Array(x.length).fill(c), period);
            for (let i = 0; i < x.length; i++) {
              if (Number.isNaN(base[i]!)) {
                expect(Number.isNaN(shifted[i]!)).toBe(true);
                continue;
              }
              const tol = 1e-8 * (1 + Math.abs(c) + Math.abs(base[i]!));
              expect(Math.abs(shifted[i]! - base[i]! - c)).toBeLessThanOrEqual(tol);
              expect(Math.abs(flat[i]! - c)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(c)));
            }
          },
        ),
        { numRuns: 30 },
      );
    });
  }
});
