import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { twoStateHmm } from "../testing/two-state-hmm.js";
import { evaluateRegimes } from "./regime-metrics.js";
import { walkForward } from "./walk-forward.js";

const truth = twoStateHmm({ switchProb: [0.02, 0.03], means: [0, 0], covars: [1, 9] });

describe("walkForward(X, options)", () => {
  it("classifies only forward: rows before trainSize are NaN/−1 and blocks tile the rest", () => {
    const x = truth.sample(3000, 1).columns[0]!;
    const wf = walkForward(x, {
      nStates: 2,
      trainSize: 1000,
      step: 500,
      nInit: 1,
      labelOrder: { by: "variance" },
    });
    expect(wf.fits.map((f) => [f.trainStart, f.trainEnd, f.testEnd])).toEqual([
      [0, 1000, 1500],
      [0, 1500, 2000],
      [0, 2000, 2500],
      [0, 2500, 3000],
    ]);
    expect(wf.probs[999 * 2]).toBeNaN();
    expect(wf.labels[999]).toBe(-1);
    const rolling = walkForward(x, { nStates: 2, trainSize: 1000, step: 500, nInit: 1, window: "rolling" });
    expect(rolling.fits.map((f) => f.trainStart)).toEqual([0, 500, 1000, 1500]);
  });

  it("out-of-sample labels recover simulated regimes (variance-ordered labels are stable across refits)", () => {
    const { states, columns } = truth.sample(6000, 2);
    const wf = walkForward(columns[0]!, {
      nStates: 2,
      trainSize: 2000,
      step: 250,
      nInit: 1,
      labelOrder: { by: "variance" },
    });
    const oos = Array.from(wf.labels.subarray(2000));
    const e = evaluateRegimes(states.subarray(2000), oos, 2);
    expect(e.accuracy).toBeGreaterThan(0.85);
    expect(Array.from(e.mapping)).toEqual([0, 1]); // no relabelling needed: canonical order holds out of sample
  });

  it("causality: appending future observations leaves every earlier row bit-identical (property)", () => {
    const base = truth.sample(700, 3).columns[0]!;
    fc.assert(
      fc.property(
        fc.integer({ min: 320, max: 650 }),
        fc.constantFrom("expanding" as const, "rolling" as const),
        (cut, window) => {
          const opts = { nStates: 2, trainSize: 200, step: 60, nInit: 1, maxIter: 30, window };
          const a = walkForward(base.subarray(0, cut), opts);
          const b = walkForward(base, opts);
          for (let i = 0; i < a.probs.length; i++) if (!Object.is(a.probs[i], b.probs[i])) return false;
          return true;
        },
      ),
      { numRuns: 6 },
    );
  });
});
