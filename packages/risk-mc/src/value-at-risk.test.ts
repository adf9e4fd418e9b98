import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { golden, orclReturns } from "../test-data/fixtures.js";
import { studentTInv } from "./distributions.js";
import { fitStudentTDf } from "./student-t-fit.js";
import { cvar, expectedShortfall, riskMeasures, valueAtRisk } from "./value-at-risk.js";

const r = orclReturns();
const samples: Record<string, Float64Array> = { full: r, first500: r.subarray(0, 500) };

function close(actual: number, expected: number, tol = 1e-10) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe("risk measures on ORCL daily returns vs numpy/scipy (golden.py)", () => {
  it("the bundled returns are the ones golden.py used", () => {
    expect(r.length).toBe(golden.n);
    golden.returnsHead.forEach((v: number, i: number) => {
      close(r[i]!, v, 1e-15);
    });
  });

  it("fitStudentTDf(returns) matches scipy's brentq root of the profile score to 1e-10", () => {
    for (const row of golden.risk) close(fitStudentTDf(samples[row.sample]!).df, row.df, 1e-10);
  });

  it("studentTInv(p, df) solves scipy t.cdf(q, df) = p to 1e-10 (jstat alone is off by ~1e-8, scipy t.ppf by ~1e-9)", () => {
    for (const { p, df, q } of golden.tQuantiles) close(studentTInv(p, df), q, 1e-10);
  });

  const methods = [
    ["historical", "historical", {}],
    ["linear", "historical", { quantile: "linear" }],
    ["gaussian", "gaussian", {}],
    ["studentT", "student-t", {}],
    ["cornishFisher", "cornish-fisher", {}],
  ] as const;
  for (const [key, method, extra] of methods) {
    it(`valueAtRisk/expectedShortfall(returns, { method: "${method}"${key === "linear" ? ', quantile: "linear"' : ""} }) match to 1e-10`, () => {
      for (const row of golden.risk) {
        const x = samples[row.sample]!;
        const opts = { level: row.level, method, ...extra };
        close(valueAtRisk(x, opts), row[key][0]);
        close(expectedShortfall(x, opts), row[key][1]);
        close(cvar(x, opts), row[key][1]);
      }
    });
  }

  it("cornish-fisher reports PerformanceAnalytics' skewness and excess kurtosis", () => {
    for (const row of golden.risk) {
      const est = riskMeasures(samples[row.sample]!, { level: row.level, method: "cornish-fisher" });
      close(est.skewness!, row.skewness);
      close(est.excessKurtosis!, row.excessKurtosis);
    }
  });
});

describe("risk-measure conventions", () => {
  it("historical rule: k = ⌈(1 − level)·n⌉ even when (1 − level)·n is an integer in decimal", () => {
    const x = Array.from({ length: 100 }, (_, i) => (i - 50) / 1000);
    // sorted ascending: -0.05, -0.049, …; 5 % of 100 is 5 → the 5th smallest, -0.046
    close(valueAtRisk(x, { level: 0.95 }), 0.046, 1e-15);
    close(expectedShortfall(x, { level: 0.95 }), 0.048, 1e-15);
  });

  it("horizon: gaussian uses h·μ and √h·σ; historical scales by √h", () => {
    const one = riskMeasures(r, { method: "gaussian", level: 0.99 });
    const ten = riskMeasures(r, { method: "gaussian", level: 0.99, horizon: 10 });
    close(ten.valueAtRisk, one.valueAtRisk * Math.sqrt(10) - one.mean * (10 - Math.sqrt(10)), 1e-12);
    close(valueAtRisk(r, { horizon: 4 }), 2 * valueAtRisk(r), 1e-15);
  });

  it("monte-carlo (gaussian model) converges to the gaussian VaR of compounded returns", () => {
    const mc = riskMeasures(r, {
      method: "monte-carlo",
      model: "gaussian",
      level: 0.99,
      simulations: 200_000,
      seed: 3,
    });
    const g = riskMeasures(r, { method: "gaussian", level: 0.99 });
    // one period: compounding is the identity, so the MC quantile estimates the gaussian one (se ≈ 1.5 % of it)
    expect(Math.abs(mc.valueAtRisk - g.valueAtRisk) / g.valueAtRisk).toBeLessThan(0.02);
    expect(Math.abs(mc.expectedShortfall - g.expectedShortfall) / g.expectedShortfall).toBeLessThan(0.02);
  });

  it("monte-carlo is reproducible for a seed and differs across seeds", () => {
    const a = valueAtRisk(r, { method: "monte-carlo", simulations: 5000, horizon: 5, seed: 1 });
    expect(valueAtRisk(r, { method: "monte-carlo", simulations: 5000, horizon: 5, seed: 1 })).toBe(a);
    expect(valueAtRisk(r, { method: "monte-carlo", simulations: 5000, horizon: 5, seed: 2 })).not.toBe(a);
  });

  it("rejects NaN returns naming the row, and bad levels naming the field", () => {
    expect(() => valueAtRisk([0.01, Number.NaN, 0.02])).toThrow(/\[1\].*finite/);
    expect(() => valueAtRisk(r, { level: 1.2 })).toThrow(/level/);
    expect(() => valueAtRisk(r, { method: "nope" as "historical" })).toThrow(/method/);
    expect(() => valueAtRisk(new Array(20).fill(0.01), { method: "cornish-fisher" })).toThrow(
      /non-zero variance/,
    );
    expect(valueAtRisk(new Array(20).fill(0.01))).toBe(-0.01);
  });

  it("property: CVaR ≥ VaR for every method, level and sample", () => {
    const methods = ["historical", "gaussian", "student-t", "cornish-fisher", "monte-carlo"] as const;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 12, maxLength: 80 }),
        fc.constantFrom(...methods),
        fc.constantFrom("rockafellar-uryasev", "linear"),
        fc.double({ min: 0.6, max: 0.995, noNaN: true }),
        (xs, method, quantile, level) => {
          const m = xs.reduce((a, b) => a + b, 0) / xs.length;
          fc.pre(Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) > 1e-6);
          const est = riskMeasures(xs, { method, level, quantile, simulations: 500 });
          expect(est.expectedShortfall).toBeGreaterThanOrEqual(
            est.valueAtRisk - 1e-12 * Math.abs(est.valueAtRisk),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
