import { describe, expect, it } from "vitest";
import { deflatedSharpeOverTrials } from "./deflatedSharpe.js";
import { closeTo, fixtures } from "./fixtures.testutil.js";

describe("deflatedSharpeOverTrials vs make_fixtures.py (scipy.stats.norm, skew, raw kurtosis)", () => {
  for (const [i, f] of fixtures.deflatedSharpe.entries()) {
    it(`case ${i}: ${f.trials} trials, T = ${f.returns.length}: N, V, SR, SR₀ and DSR to 1e-10`, () => {
      const r = deflatedSharpeOverTrials(Float64Array.from(f.returns), Float64Array.from(f.trialSharpes));
      expect(r.trials).toBe(f.trials);
      for (const [a, e] of [
        [r.trialsVariance, f.trialsVariance],
        [r.sharpe, f.sharpe],
        [r.expectedMaxSharpe, f.expectedMaxSharpe],
        [r.deflatedSharpe, f.deflatedSharpe],
      ] as const) {
        if (!closeTo(a, e)) expect(a).toBe(e);
      }
      expect(String(r)).toMatch(/deflated Sharpe 0\.\d{4}/);
    });
  }

  it("more trials with the same variance deflate more", () => {
    const f = fixtures.deflatedSharpe[0]!;
    const few = deflatedSharpeOverTrials(f.returns, f.trialSharpes.slice(0, 10));
    const many = deflatedSharpeOverTrials(f.returns, [...f.trialSharpes, ...f.trialSharpes]);
    expect(many.expectedMaxSharpe).toBeGreaterThan(few.expectedMaxSharpe * 0.9);
    expect(many.trials).toBe(2 * f.trialSharpes.length);
  });

  it("rejects non-finite trial Sharpe ratios by index", () => {
    expect(() => deflatedSharpeOverTrials([0.01, -0.02, 0.03], [0.1, Number.NaN, 0.2])).toThrow(
      /trialSharpes\[1\]/,
    );
    expect(() => deflatedSharpeOverTrials([0.01, -0.02, 0.03], [0.1])).toThrow(/≥ 2 trials/);
  });
});
