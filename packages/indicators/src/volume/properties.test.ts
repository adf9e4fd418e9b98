// hand-written: invariants of the volume family (fast-check).
import fc from "fast-check";
import { describe, it } from "vitest";
import { barsArb } from "../testing/contract.js";
import { cmf } from "./cmf.js";
import { obv } from "./obv.js";
import { rollingVwap } from "./rollingVwap.js";

describe("volume invariants", () => {
  it("cmf is in [−1, 1]; obv moves by exactly ±volume or 0; rolling VWAP lies within the window's [min low, max high]", () => {
    fc.assert(
      fc.property(barsArb(150, false), ({ bars }) => {
        const c = cmf(bars, { period: 5 });
        const o = obv(bars);
        const v = rollingVwap(bars, { period: 5 });
        for (let i = 0; i < c.length; i++) {
          if (i >= 4 && !(c[i]! >= -1 - 1e-12 && c[i]! <= 1 + 1e-12)) return false;
          if (i > 0) {
            const d = o[i]! - o[i - 1]!;
            const want =
              bars.close[i]! > bars.close[i - 1]!
                ? bars.volume[i]!
                : bars.close[i]! < bars.close[i - 1]!
                  ? -bars.volume[i]!
                  : 0;
            if (Math.abs(d - want) > 1e-9 * Math.max(1, Math.abs(o[i]!))) return false;
          }
          if (i >= 4) {
            const lo = Math.min(...bars.low.subarray(i - 4, i + 1));
            const hi = Math.max(...bars.high.subarray(i - 4, i + 1));
            if (!(v[i]! >= lo * (1 - 1e-12) && v[i]! <= hi * (1 + 1e-12))) return false;
          }
        }
        return true;
      }),
      { numRuns: 80 },
    );
  });
});
