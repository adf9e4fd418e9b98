import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Bbands, bbands } from "./bbands.js";
import { sma } from "./sma.js";

indicatorContract({
  name: "bbands",
  input: "close",
  strictKeys: true,
  vectorized: bbands,
  streaming: (o) => new Bbands(o),
  outputs: ["middle", "upper", "lower"],
  options: [
    { period: 2 },
    { period: 5, stdDev: 1.5 },
    { period: 20, stdDevUp: 2, stdDevDown: 1 },
    { period: 5, maType: "ema" as const },
    { period: 5, maType: "ema" as const, seed: "first" as const },
  ],
  invalid: [
    { options: { period: 5, stdDev: -1 }, path: "stdDev" },
    { options: { period: 5, maType: "wma" }, path: "maType" },
  ],
});

describe("bbands", () => {
  it("bbands(close, {period, stdDev}) matches TA-Lib BBANDS (SMA, population σ) on real series", () => {
    for (const s of realSeries()) {
      for (const [period, up, dn] of [
        [5, 2, 2],
        [20, 2, 2],
        [20, 1.5, 2.5],
      ] as const) {
        const t = talibFull(
          "BBANDS",
          { inReal: s.close },
          { optInTimePeriod: period, optInNbDevUp: up, optInNbDevDn: dn, optInMAType: 0 },
        );
        const ours = bbands(s.close, { period, stdDevUp: up, stdDevDown: dn });
        const label = `${s.name} BBANDS(${period},${up},${dn})`;
        expectMatchesTalib(ours.middle, t.outputs.outRealMiddleBand!, `${label} middle`);
        // Bands: 1e-9 relative to the price; σ itself is compared in stddev.test.ts (TA-Lib's Σx² drift).
        expectMatchesTalib(ours.upper, t.outputs.outRealUpperBand!, `${label} upper`, {
          rel: 1e-9,
          abs: 1e-7,
        });
        expectMatchesTalib(ours.lower, t.outputs.outRealLowerBand!, `${label} lower`, {
          rel: 1e-9,
          abs: 1e-7,
        });
      }
    }
  });

  it("bbands(close, {maType: 'ema'}) matches TA-Lib BBANDS with optInMAType = EMA on real series", () => {
    for (const s of realSeries()) {
      const t = talibFull(
        "BBANDS",
        { inReal: s.close },
        { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 1 },
      );
      const ours = bbands(s.close, { period: 20, stdDev: 2, maType: "ema" });
      expectMatchesTalib(ours.middle, t.outputs.outRealMiddleBand!, `${s.name} BBANDS EMA middle`);
      expectMatchesTalib(ours.upper, t.outputs.outRealUpperBand!, `${s.name} BBANDS EMA upper`, {
        rel: 1e-9,
        abs: 1e-7,
      });
      expectMatchesTalib(ours.lower, t.outputs.outRealLowerBand!, `${s.name} BBANDS EMA lower`, {
        rel: 1e-9,
        abs: 1e-7,
      });
    }
  });

  it("bbands middle is bit-identical to sma, and upper − middle = k·(middle − lower)/k' ≥ 0", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 2, max: 20 }),
        (xs, period) => {
          const x = Float64Array.from(xs);
          const b = bbands(x, { period, stdDevUp: 2, stdDevDown: 1 });
          const m = sma(x, { period });
          for (let i = 0; i < x.length; i++) {
            expect(Object.is(b.middle[i], m[i])).toBe(true);
            if (i >= period - 1) {
              const up = b.upper[i]! - b.middle[i]!;
              const dn = b.middle[i]! - b.lower[i]!;
              expect(up).toBeGreaterThanOrEqual(0);
              expect(Math.abs(up - 2 * dn)).toBeLessThanOrEqual(1e-9 * (1 + up));
            }
          }
        },
      ),
    );
  });
});
