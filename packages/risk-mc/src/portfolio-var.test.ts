import { describe, expect, it } from "vitest";
import { normalInv } from "./distributions.js";
import { percentileBands, summarize } from "./path-stats.js";
import { portfolioVaR, scenarioPortfolioVaR } from "./portfolio-var.js";
import { simulateCorrelated } from "./simulate-correlated.js";
import { expectedShortfall, valueAtRisk } from "./value-at-risk.js";

const cov = [
  [1e-4, 2e-5, -1e-5],
  [2e-5, 4e-4, 3e-5],
  [-1e-5, 3e-5, 2.25e-4],
];
const positions = [1e6, 5e5, -3e5];

describe("portfolioVaR (delta-normal)", () => {
  it("VaR = z·√(wᵀΣw) − wᵀμ; components sum to VaR and ES; marginal = numerical gradient", () => {
    const mean = [2e-4, 1e-4, 3e-4];
    const res = portfolioVaR({ positions, covariance: cov, mean, level: 0.99 });
    let v = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) v += positions[i]! * cov[i]![j]! * positions[j]!;
    const mu = positions.reduce((a, w, i) => a + w * mean[i]!, 0);
    expect(res.valueAtRisk).toBeCloseTo(normalInv(0.99) * Math.sqrt(v) - mu, 6);
    expect(res.component.reduce((a, b) => a + b, 0)).toBeCloseTo(res.valueAtRisk, 6);
    expect(res.componentES.reduce((a, b) => a + b, 0)).toBeCloseTo(res.expectedShortfall, 6);
    for (let i = 0; i < 3; i++) {
      const h = 1;
      const up = positions.slice();
      up[i]! += h;
      const dn = positions.slice();
      dn[i]! -= h;
      const g =
        (portfolioVaR({ positions: up, covariance: cov, mean, level: 0.99 }).valueAtRisk -
          portfolioVaR({ positions: dn, covariance: cov, mean, level: 0.99 }).valueAtRisk) /
        (2 * h);
      expect(res.marginal[i]).toBeCloseTo(g, 6);
    }
    expect(res.expectedShortfall).toBeGreaterThan(res.valueAtRisk);
  });

  it("horizon h scales the mean by h and the covariance by h", () => {
    const one = portfolioVaR({ positions, covariance: cov, level: 0.95 });
    const ten = portfolioVaR({ positions, covariance: cov, level: 0.95, horizon: 10 });
    expect(ten.valueAtRisk).toBeCloseTo(one.valueAtRisk * Math.sqrt(10), 6);
  });

  it("validates dimensions", () => {
    expect(() => portfolioVaR({ positions: [1, 2], covariance: cov })).toThrow(/covariance/);
  });
});

describe("scenarioPortfolioVaR", () => {
  it("matches valueAtRisk/expectedShortfall of the portfolio P&L; components sum exactly; converges to delta-normal", async () => {
    const sim = await simulateCorrelated({
      s0: [1, 1, 1],
      mu: [0, 0, 0],
      cov,
      dt: 1,
      steps: 1,
      paths: 200_000,
      seed: 4,
      terminalOnly: true,
    });
    const R = sim.terminal.map((s) => s - 1);
    const res = scenarioPortfolioVaR(R, 3, { positions, level: 0.99 });
    const pnl = new Float64Array(200_000);
    for (let s = 0; s < pnl.length; s++) for (let a = 0; a < 3; a++) pnl[s]! += positions[a]! * R[s * 3 + a]!;
    expect(res.valueAtRisk).toBeCloseTo(valueAtRisk(pnl, { level: 0.99 }), 6);
    expect(res.expectedShortfall).toBeCloseTo(expectedShortfall(pnl, { level: 0.99 }), 6);
    expect(res.component.reduce((a, b) => a + b, 0)).toBeCloseTo(res.valueAtRisk, 6);
    expect(res.componentES.reduce((a, b) => a + b, 0)).toBeCloseTo(res.expectedShortfall, 6);
    const normal = portfolioVaR({ positions, covariance: cov, level: 0.99 });
    // simple returns of a lognormal with σ ≤ 2 %: within 3 % of delta-normal
    expect(Math.abs(res.expectedShortfall / normal.expectedShortfall - 1)).toBeLessThan(0.03);
    for (let a = 0; a < 3; a++)
      expect(Math.abs(res.componentES[a]! - normal.componentES[a]!)).toBeLessThan(
        0.1 * Math.abs(normal.expectedShortfall),
      );
  });
});

describe("summarize / percentileBands", () => {
  it("quantiles use numpy's linear rule and bands are per-step cross sections", () => {
    const s = summarize([4, 1, 3, 2], [0, 0.5, 1, 0.1]);
    expect(s.quantiles).toEqual({ "0": 1, "0.5": 2.5, "1": 4, "0.1": 1.3 });
    expect(s.mean).toBe(2.5);
    // 3 paths × 2 columns
    const b = percentileBands(Float64Array.from([1, 10, 2, 30, 3, 20]), 2, [0, 0.5, 1]);
    expect(Array.from(b.bands)).toEqual([1, 10, 2, 20, 3, 30]);
    expect(Array.from(b.mean)).toEqual([2, 20]);
    expect(() => percentileBands(new Float64Array(5), 2)).toThrow(/columns/);
    expect(() => summarize([1, 2], [1.5])).toThrow(/probability/);
  });
});
