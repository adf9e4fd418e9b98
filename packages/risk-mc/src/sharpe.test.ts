import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { golden, orclReturns } from "../test-data/fixtures.js";
import {
  deflatedSharpeRatio,
  expectedMaxSharpe,
  minTrackRecordLength,
  probabilisticSharpeRatio,
  sharpeConfidenceInterval,
  sharpeRatio,
  sharpeStandardError,
} from "./sharpe.js";

function close(actual: number, expected: number, tol = 1e-10) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

const r = orclReturns();
const fixtures = [
  ["full sample", r, golden.sharpe],
  ["last 750 days", r.subarray(r.length - 750), golden.sharpeTail],
] as const;

describe("Sharpe ratio uncertainty vs scipy/statsmodels (golden.py)", () => {
  for (const [name, x, g] of fixtures) {
    it(`${name}: sharpeRatio (per period, √q, Lo η(q) with statsmodels acf) and standard errors`, () => {
      const q = g.periodsPerYear;
      close(sharpeRatio(x), g.sharpe);
      close(sharpeRatio(x, { periodsPerYear: q }), g.sharpeAnnualized);
      close(
        sharpeRatio(x, { periodsPerYear: q, method: "autocorrelation", lags: g.lags }),
        g.sharpeAutocorrelation,
      );
      close(sharpeStandardError(x, { periodsPerYear: q }), g.seIid);
      close(sharpeStandardError(x, { periodsPerYear: q, method: "non-normal" }), g.seNonNormal);
      close(
        sharpeStandardError(x, { periodsPerYear: q, method: "autocorrelation", lags: g.lags }),
        g.seAutocorrelation,
      );
      const ci = sharpeConfidenceInterval(x, { periodsPerYear: q, level: g.level });
      close(ci.lower, g.ciIid[0]);
      close(ci.upper, g.ciIid[1]);
    });

    it(`${name}: PSR, DSR (raw kurtosis, N trials) and minimum track record length`, () => {
      close(probabilisticSharpeRatio(x, { benchmark: g.benchmark }), g.psr);
      close(expectedMaxSharpe(g.trials, g.trialsVariance), g.sr0);
      close(deflatedSharpeRatio(x, { trials: g.trials, trialsVariance: g.trialsVariance }), g.dsr);
      close(minTrackRecordLength(x, { benchmark: g.benchmark, level: g.level }), g.minTrackRecordLength);
    });
  }

  it("PSR at SR* = SR̂ is exactly 0.5 (the known answer)", () => {
    const sr = sharpeRatio(r);
    close(probabilisticSharpeRatio(r, { benchmark: sr }), golden.sharpe.psrAtEstimate, 1e-15);
  });

  it("property: PSR decreases in the benchmark and equals 0.5 at the estimate", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 10, maxLength: 200 }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        (xs, d) => {
          const m = xs.reduce((a, b) => a + b, 0) / xs.length;
          fc.pre(Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) > 1e-6);
          const sr = sharpeRatio(xs);
          expect(probabilisticSharpeRatio(xs, { benchmark: sr })).toBeCloseTo(0.5, 12);
          expect(probabilisticSharpeRatio(xs, { benchmark: sr + d })).toBeLessThan(0.5);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("rejects a constant series (zero variance) instead of returning ±Infinity", () => {
    expect(() => sharpeRatio([0.01, 0.01, 0.01, 0.01])).toThrow(/non-zero variance/);
  });

  it("minTrackRecordLength is infinite when SR ≤ SR*", () => {
    expect(minTrackRecordLength(r, { benchmark: 1 })).toBe(Number.POSITIVE_INFINITY);
  });
});
