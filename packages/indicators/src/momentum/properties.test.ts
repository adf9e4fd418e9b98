// hand-written: invariants of the momentum family, checked with fast-check on random bar series.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barsArb, type ContractBars } from "../testing/contract.js";
import { adx } from "./adx.js";
import { aroon } from "./aroon.js";
import { bop } from "./bop.js";
import { cmo } from "./cmo.js";
import { dx } from "./dx.js";
import { macd } from "./macd.js";
import { mfi } from "./mfi.js";
import { mom } from "./mom.js";
import { roc } from "./roc.js";
import { rsi } from "./rsi.js";
import { stoch } from "./stoch.js";
import { stochRsi } from "./stochRsi.js";
import { ultOsc } from "./ultOsc.js";
import { willr } from "./willr.js";

const EPS = 1e-9;
function inRange(x: Float64Array, lo: number, hi: number): boolean {
  for (const v of x) if (!Number.isNaN(v) && !(v >= lo - EPS && v <= hi + EPS)) return false;
  return true;
}
const run = (p: (b: { bars: ContractBars }) => boolean) =>
  fc.assert(fc.property(barsArb(200, false), p), { numRuns: 60 });

describe("momentum invariants", () => {
  it("oscillators stay in their ranges: RSI, MFI, STOCH, STOCHRSI, ULTOSC, DX, ADX, AROON in [0,100]; CMO in [−100,100]; WILLR in [−100,0]; BOP in [−1,1]", () => {
    run(({ bars }) => {
      const s = stoch(bars);
      const a = aroon(bars, { period: 5 });
      const sr = stochRsi(bars.close, { period: 5 });
      return (
        inRange(rsi(bars.close, { period: 5 }), 0, 100) &&
        inRange(mfi(bars, { period: 5 }), 0, 100) &&
        inRange(s.slowK, 0, 100) &&
        inRange(s.slowD, 0, 100) &&
        inRange(sr.fastK, 0, 100) &&
        inRange(sr.fastD, 0, 100) &&
        inRange(ultOsc(bars, { period1: 2, period2: 4, period3: 8 }), 0, 100) &&
        inRange(dx(bars, { period: 5 }), 0, 100) &&
        inRange(adx(bars, { period: 5 }), 0, 100) &&
        inRange(a.aroonUp, 0, 100) &&
        inRange(a.aroonDown, 0, 100) &&
        inRange(cmo(bars.close, { period: 5 }), -100, 100) &&
        inRange(willr(bars, { period: 5 }), -100, 0) &&
        inRange(bop(bars), -1, 1)
      );
    });
  });

  it("rsi of a strictly rising series is 100 and of a strictly falling one is 0", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { minLength: 20, maxLength: 80 }),
        (steps) => {
          const up = new Float64Array(steps.length);
          let c = 100;
          steps.forEach((d, i) => {
            c += d;
            up[i] = c;
          });
          const down = up.map((v) => 1000 - v);
          const ru = rsi(up, { period: 7 });
          const rd = rsi(down, { period: 7 });
          for (let i = 7; i < up.length; i++) {
            if (ru[i] !== 100 || rd[i] !== 0) return false;
          }
          return true;
        },
      ),
    );
  });

  it("mom and macd are unchanged (to rounding) when a constant is added; roc is unchanged when prices are scaled", () => {
    fc.assert(
      fc.property(
        barsArb(120, false),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        ({ bars }, shift, scale) => {
          const c = bars.close;
          const shifted = c.map((v) => v + shift);
          const scaled = c.map((v) => v * scale);
          const close = (a: Float64Array, b: Float64Array, tol: number) =>
            a.every((v, i) => (Number.isNaN(v) && Number.isNaN(b[i]!)) || Math.abs(v - b[i]!) <= tol);
          return (
            close(mom(c, { period: 3 }), mom(shifted, { period: 3 }), 1e-9) &&
            close(macd(c).histogram, macd(shifted).histogram, 1e-8) &&
            close(roc(c, { period: 3 }), roc(scaled, { period: 3 }), 1e-9)
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("macd of a constant series is 0 once ready", () => {
    const m = macd(new Float64Array(100).fill(42));
    for (let i = 33; i < 100; i++) {
      expect(m.macd[i]).toBe(0);
      expect(m.histogram[i]).toBe(0);
    }
  });
});
