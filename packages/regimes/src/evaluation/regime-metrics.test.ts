import { describe, expect, it } from "vitest";
import { GaussianHmm } from "../hmm/gaussian-hmm.js";
import { twoStateHmm } from "../testing/two-state-hmm.js";
import {
  argmaxStates,
  confusionMatrix,
  evaluateFilterVsSmooth,
  evaluateRegimes,
  matchLabels,
} from "./regime-metrics.js";

describe("regime metrics", () => {
  it("argmaxStates, confusionMatrix and matchLabels on a relabelled path", () => {
    expect(Array.from(argmaxStates(Float64Array.of(0.2, 0.8, 0.6, 0.4), 2))).toEqual([1, 0]);
    const truth = Int32Array.of(0, 0, 1, 1, 2, 2);
    const pred = Int32Array.of(2, 2, 0, 0, 1, 1);
    expect(confusionMatrix(truth, pred, 3)).toEqual([
      [0, 0, 2],
      [2, 0, 0],
      [0, 2, 0],
    ]);
    expect(Array.from(matchLabels(truth, pred, 3))).toEqual([1, 2, 0]);
  });

  it("a perfect (relabelled) prediction scores accuracy 1, zero delay, no false switches", () => {
    const truth = Int32Array.of(0, 0, 0, 1, 1, 1, 0, 0);
    const pred = truth.map((s) => 1 - s);
    const e = evaluateRegimes(truth, pred, 2);
    expect(e.accuracy).toBe(1);
    expect(e.meanDelay).toBe(0);
    expect(e.falseSwitches).toBe(0);
    expect(e.trueSwitches).toBe(2);
  });

  it("a prediction lagging by 2 steps has delay 2; a spurious flip is a false switch", () => {
    const truth = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
    const lag = Int32Array.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 1);
    expect(evaluateRegimes(truth, lag, 2).meanDelay).toBe(2);
    const flip = Int32Array.of(0, 1, 0, 0, 1, 1, 1, 1, 1, 1);
    const e = evaluateRegimes(truth, flip, 2, 2, { tolerance: 0 });
    expect(e.predictedSwitches).toBe(3);
    expect(e.falseSwitches).toBe(2);
  });

  it("on a simulated HMM, smoothing (hindsight) beats filtering (causal) in accuracy and delay", () => {
    const truth = twoStateHmm({ switchProb: [0.02, 0.03], means: [0.05, -0.1], covars: [1, 6] });
    const { states, columns } = truth.sample(20_000, 12);
    const model = new GaussianHmm({ nStates: 2, seed: 1 }).fit(columns[0]!);
    const f = evaluateRegimes(states, argmaxStates(model.filter(columns[0]!), 2), 2);
    const s = evaluateRegimes(states, argmaxStates(model.smooth(columns[0]!), 2), 2);
    expect(f.accuracy).toBeGreaterThan(0.8);
    expect(s.accuracy).toBeGreaterThan(f.accuracy);
    expect(s.meanDelay).toBeLessThan(f.meanDelay);
    expect(s.falseSwitchRate).toBeLessThan(f.falseSwitchRate);
    const both = evaluateFilterVsSmooth(model, columns[0]!, states);
    expect(both.filtered).toEqual(f);
    expect(both.smoothed).toEqual(s);
  });
});
