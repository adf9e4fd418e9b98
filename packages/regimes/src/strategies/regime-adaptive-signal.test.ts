import { Rng } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadOrcl } from "../testing/orcl.js";
import { RegimeAdaptiveStrategy, regimeAdaptiveSignal } from "./regime-adaptive-signal.js";

const orcl = loadOrcl();

describe("regimeAdaptiveSignal(bars, options)", () => {
  it("is causal: signals on a prefix of ORCL equal the prefix of the full signal (property)", () => {
    const opts = { trainSize: 500, refitEvery: 500 };
    const full = regimeAdaptiveSignal({ close: orcl.close }, opts);
    fc.assert(
      fc.property(fc.integer({ min: 400, max: orcl.close.length - 1 }), (cut) => {
        const p = regimeAdaptiveSignal({ close: orcl.close.subarray(0, cut) }, opts);
        for (let t = 0; t < cut; t++) if (!Object.is(p[t], full[t])) return false;
        return true;
      }),
      { numRuns: 4 },
    );
    expect(full.every((v) => v === 0 || v === 1 || v === -1)).toBe(true);
    expect(full.subarray(0, 501).every((v) => v === 0)).toBe(true);
  });

  it("follows the trend in calm stretches and stays flat in turbulent ones (simulated prices)", () => {
    const rng = new Rng(3);
    const n = 3000;
    const close = new Float64Array(n);
    const turbulent = new Uint8Array(n);
    let p = 100;
    for (let t = 0; t < n; t++) {
      turbulent[t] = Math.floor(t / 250) % 2;
      const r = turbulent[t] ? 0.03 * rng.normal() : 0.001 + 0.005 * rng.normal();
      p *= Math.exp(r);
      close[t] = p;
    }
    const pos = regimeAdaptiveSignal({ close }, { trainSize: 1000, refitEvery: 100 });
    let calmLong = 0;
    let calmShort = 0;
    let calmN = 0;
    let turbFlat = 0;
    let turbN = 0;
    for (let t = 1020; t < n; t++) {
      // Skip the first 20 bars of each regime (detection delay).
      if (t % 250 < 20) continue;
      if (turbulent[t]) {
        turbN++;
        if (pos[t] === 0) turbFlat++;
      } else {
        calmN++;
        if (pos[t] === 1) calmLong++;
        if (pos[t] === -1) calmShort++;
      }
    }
    expect(turbFlat / turbN).toBeGreaterThan(0.95);
    // In calm stretches the trend rule is active (rarely flat) and mostly long (the calm drift is positive).
    expect((calmLong + calmShort) / calmN).toBeGreaterThan(0.95);
    expect(calmLong).toBeGreaterThan(1.5 * calmShort);
  });

  it("RegimeAdaptiveStrategy (streaming) gives bit-identical positions to the vectorized signal on ORCL", () => {
    for (const window of ["expanding", "rolling"] as const) {
      const opts = { trainSize: 700, refitEvery: 400, window, otherwise: "meanReversion" as const };
      const batch = regimeAdaptiveSignal({ close: orcl.close }, opts);
      const s = new RegimeAdaptiveStrategy(opts);
      let nonzero = 0;
      for (let t = 0; t < orcl.close.length; t++) {
        const p = s.update(orcl.close[t]!);
        expect(Object.is(p, batch[t])).toBe(true);
        if (p !== 0) nonzero++;
      }
      expect(nonzero).toBeGreaterThan(1000);
    }
  });

  it("rejects non-positive prices with the row", () => {
    expect(() => regimeAdaptiveSignal({ close: Float64Array.of(1, 2, 0) })).toThrow(/row 2/);
  });
});
