import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesGolden, goldenCases } from "../testing/golden.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { tulipRun } from "../testing/tulip.js";
import { Ema, ema } from "./ema.js";

indicatorContract({
  name: "ema",
  input: "close",
  strictKeys: true,
  vectorized: ema,
  streaming: (o) => new Ema(o),
  options: [{ period: 2 }, { period: 10 }, { period: 10, seed: "first" as const }],
  invalid: [{ options: { period: 10, seed: "zero" }, path: "seed" }],
});

describe("ema", () => {
  it("ema(close, {period}) matches TA-Lib EMA (SMA seed) on real series", () => {
    for (const s of realSeries()) {
      for (const period of [2, 12, 26, 200]) {
        const t = talibFull("EMA", { inReal: s.close }, { optInTimePeriod: period });
        expectMatchesTalib(ema(s.close, { period }), t.outputs.outReal!, `${s.name} EMA(${period})`);
      }
    }
  });

  it("ema(close, {seed: 'first'}) equals Tulip's EMA (first-value seed) on real series", () => {
    for (const s of realSeries()) {
      const ours = ema(s.close, { period: 14, seed: "first" });
      const theirs = tulipRun("ema", [s.close], [14])[0]!;
      for (let i = 0; i < s.close.length; i++) {
        expect(Math.abs(ours[i]! - theirs[i]!)).toBeLessThanOrEqual(1e-9 * Math.abs(theirs[i]!));
      }
    }
  });

  it("ema(close, {seed: 'first'}) equals pandas ewm(span, adjust=False) golden values", () => {
    for (const c of goldenCases("emaFirst")) {
      const ours = ema(c.series.close, { period: c.options.period!, seed: "first" });
      expectMatchesGolden(ours, c.outputs.value!, `${c.series.name} ewm(span=${c.options.period})`);
    }
  });

  it("ema of a constant is the constant", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 2, max: 30 }),
        (c, period) => {
          const out = ema(new Float64Array(50).fill(c), { period });
          for (let i = period - 1; i < 50; i++)
            expect(Math.abs(out[i]! - c)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(c)));
        },
      ),
    );
  });
});
