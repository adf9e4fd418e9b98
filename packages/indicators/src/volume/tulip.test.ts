// hand-written: Tulip Indicators' own test vectors (test-data/tulip/, LGPL-3.0) where Tulip's convention matches:
// Tulip's emv is the unsmoothed Ease of Movement with volume/10000, i.e. emv(…, {period: 1, volumeDivisor: 1e4}).
import { describe, expect, it } from "vitest";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib } from "../testing/talib.js";
import { tulipRun } from "../testing/tulip.js";
import { compareTulipTail, tulipVectors } from "../testing/tulipVectors.js";
import { emv } from "./emv.js";

describe("Tulip cross-checks", () => {
  it("emv(bars, {period: 1, volumeDivisor: 10000}) matches Tulip's emv test vectors (rounded to 3–4 decimals)", () => {
    const vs = tulipVectors("emv");
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) {
      const [high, low, volume, expected] = v.arrays as [
        Float64Array,
        Float64Array,
        Float64Array,
        Float64Array,
      ];
      compareTulipTail(emv({ high, low, volume }, { period: 1, volumeDivisor: 10_000 }), expected);
    }
  });

  it("emv equals the tulind binding on real series", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        emv(s, { period: 1, volumeDivisor: 10_000 }),
        tulipRun("emv", [s.high, s.low, s.volume], [])[0]!,
        `${s.name} tulip emv`,
      );
    }
  });
});
