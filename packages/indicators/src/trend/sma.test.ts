import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Sma, sma } from "./sma.js";

indicatorContract({
  name: "sma",
  input: "close",
  strictKeys: true,
  vectorized: sma,
  streaming: (o) => new Sma(o),
  options: [{ period: 2 }, { period: 5 }, { period: 20 }],
});

describe("sma", () => {
  it("sma(close, {period}) matches TA-Lib SMA on ORCL, Ford and EURUSD after the period−1 warm-up", () => {
    for (const s of realSeries()) {
      for (const period of [2, 10, 30, 200]) {
        const t = talibFull("SMA", { inReal: s.close }, { optInTimePeriod: period });
        expectMatchesTalib(sma(s.close, { period }), t.outputs.outReal!, `${s.name} SMA(${period})`);
      }
    }
  });

  it("sma of a constant is the constant; adding a constant shifts it by that constant", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.integer({ min: 2, max: 10 }),
        (xs, c, period) => {
          const x = Float64Array.from(xs);
          const flat = sma(new Float64Array(x.length).fill(c), { period });
          const a = sma(x, { period });
          const b = sma(
            x.map((v) => v + c),
            { period },
          );
          for (let i = period - 1; i < x.length; i++) {
            expect(flat[i]).toBeCloseTo(c, 9);
            expect(Math.abs(b[i]! - a[i]! - c)).toBeLessThanOrEqual(
              1e-9 * (1 + Math.abs(c) + Math.abs(a[i]!)),
            );
          }
        },
      ),
    );
  });
});
