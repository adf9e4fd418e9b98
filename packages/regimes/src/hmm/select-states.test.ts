import { describe, expect, it } from "vitest";
import { twoStateHmm } from "../testing/two-state-hmm.js";
import { selectStates } from "./select-states.js";

describe("selectStates(X, options)", () => {
  it("picks the true K = 2 by BIC and reports consistent criteria", () => {
    const truth = twoStateHmm({ switchProb: [0.03, 0.05], means: [0, 0], covars: [1, 16] });
    const x = truth.sample(4000, 3).columns[0]!;
    const sel = selectStates(x, { maxStates: 3, seed: 1, nInit: 2 });
    expect(sel.best.nStates).toBe(2);
    expect(sel.candidates.map((c) => c.nStates)).toEqual([1, 2, 3]);
    for (const c of sel.candidates) {
      expect(c.bic).toBeCloseTo(c.model.bic(x), 6);
      expect(c.aic).toBeCloseTo(c.model.aic(x), 6);
    }
    // Likelihood cannot get worse with more states (nested models), up to EM's local optima.
    expect(sel.candidates[1]!.logLikelihood).toBeGreaterThan(sel.candidates[0]!.logLikelihood);
  });

  it("validates options", () => {
    expect(() => selectStates(Float64Array.of(1, 2, 3), { maxStates: 0 })).toThrow(/maxStates/);
  });
});
