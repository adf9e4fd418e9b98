// hand-written: invariants of the statistics family against brute-force definitions (fast-check).
import fc from "fast-check";
import { describe, it } from "vitest";
import { barsArb } from "../testing/contract.js";
import { beta } from "./beta.js";
import { correl } from "./correl.js";
import { logReturns } from "./logReturns.js";
import { median } from "./median.js";
import { quantile } from "./quantile.js";
import { returns } from "./returns.js";
import { rollingMax } from "./rollingMax.js";
import { rollingMaxIndex } from "./rollingMaxIndex.js";
import { rollingMin } from "./rollingMin.js";
import { rollingMinIndex } from "./rollingMinIndex.js";
import { zScore } from "./zScore.js";

const series = fc
  .array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 150 })
  .map((a) => Float64Array.from(a));
const window = (x: Float64Array, i: number, p: number) => Array.from(x.subarray(i - p + 1, i + 1));

describe("statistics invariants", () => {
  it("rollingMax/rollingMin equal the brute-force window extremes and their indices point at them, inside the window (many ties)", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 12 }), (x, p) => {
        const mx = rollingMax(x, { period: p });
        const mn = rollingMin(x, { period: p });
        const ix = rollingMaxIndex(x, { period: p });
        const jn = rollingMinIndex(x, { period: p });
        for (let i = p - 1; i < x.length; i++) {
          const w = window(x, i, p);
          if (mx[i] !== Math.max(...w) || mn[i] !== Math.min(...w)) return false;
          if (x[ix[i]!] !== mx[i] || x[jn[i]!] !== mn[i]) return false;
          if (ix[i]! < i - p + 1 || ix[i]! > i || jn[i]! < i - p + 1 || jn[i]! > i) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it("quantile equals numpy's linear rule on the sorted window, is monotone in q, and median lies between min and max", () => {
    fc.assert(
      fc.property(
        series,
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, p, q) => {
          const got = quantile(x, { period: p, q });
          const lo = quantile(x, { period: p, q: q / 2 });
          const med = median(x, { period: p });
          for (let i = p - 1; i < x.length; i++) {
            const w = window(x, i, p).sort((a, b) => a - b);
            const h = q * (p - 1);
            const f = Math.floor(h);
            const c = Math.ceil(h);
            const want = w[f]! + (w[c]! - w[f]!) * (h - f);
            if (Math.abs(got[i]! - want) > 1e-12) return false;
            if (lo[i]! > got[i]! + 1e-12) return false;
            if (med[i]! < w[0]! || med[i]! > w[p - 1]!) return false;
          }
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });

  it("correl is in [−1, 1], correl(x, x) = 1 and beta(x, x) = 1 where the window varies", () => {
    fc.assert(
      fc.property(barsArb(150, false), ({ bars }) => {
        const c = correl(bars.high, bars.low, { period: 10 });
        const self = correl(bars.close, bars.close, { period: 10 });
        const b = beta(bars.close, bars.close, { period: 10 });
        const r = returns(bars.close);
        for (let i = 9; i < c.length; i++) {
          if (!(c[i]! >= -1 - 1e-9 && c[i]! <= 1 + 1e-9)) return false;
          const w = window(bars.close, i, 10);
          // well-conditioned windows only: TA-Lib's running sums cancel for near-constant ones (then 0 by its ε rule)
          const varies = Math.max(...w) - Math.min(...w) > 0.01;
          if (varies && Math.abs(self[i]! - 1) > 1e-6) return false;
          const rw = window(r, i, 10);
          if (i >= 10 && Math.max(...rw) - Math.min(...rw) > 1e-4 && Math.abs(b[i]! - 1) > 1e-6) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it("zScore is invariant under positive affine maps a·x + b; logReturns = log1p(returns)", () => {
    fc.assert(
      fc.property(
        barsArb(120, false),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        ({ bars }, a, b) => {
          const x = bars.close;
          const z1 = zScore(x, { period: 8 });
          const z2 = zScore(
            x.map((v) => a * v + b),
            { period: 8 },
          );
          const r = returns(x);
          const lr = logReturns(x);
          for (let i = 7; i < x.length; i++) {
            const w = window(x, i, 8);
            // near-constant windows are ill-conditioned (a·x + b rounds them differently): skip them
            if (Math.max(...w) - Math.min(...w) < 1e-3) continue;
            if (Math.abs(z1[i]! - z2[i]!) > 1e-6) return false;
          }
          for (let i = 1; i < x.length; i++) if (Math.abs(Math.log1p(r[i]!) - lr[i]!) > 1e-12) return false;
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});
