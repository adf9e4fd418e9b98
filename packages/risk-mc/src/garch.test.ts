import { describe, expect, it } from "vitest";
import { orclReturns } from "../test-data/fixtures.js";
import { fitGarch } from "./garch.js";
import { filteredHistoricalSimulation, simulateGarch } from "./simulate-garch.js";

/** One long GARCH return series: the increments of a single simulated log-price path. */
async function garchSeries(
  params: { mu: number; omega: number; alpha: number; beta: number; df?: number },
  n: number,
  seed: number,
) {
  const { paths } = await simulateGarch({ s0: 1, params, steps: n, paths: 1, seed });
  const r = new Float64Array(n);
  for (let t = 0; t < n; t++) r[t] = Math.log(paths![t + 1]! / paths![t]!);
  return r;
}

describe("GARCH(1,1)", () => {
  it("fitGarch recovers the parameters of a simulated normal GARCH series (n = 8000)", async () => {
    const truth = { mu: 0.0004, omega: 4e-6, alpha: 0.08, beta: 0.9 };
    const fit = fitGarch(await garchSeries(truth, 8000, 21));
    expect(Math.abs(fit.alpha - truth.alpha)).toBeLessThan(0.025);
    expect(Math.abs(fit.beta - truth.beta)).toBeLessThan(0.03);
    expect(Math.abs(fit.mu - truth.mu)).toBeLessThan(0.0004);
    expect(Math.abs(fit.unconditionalVariance / 2e-4 - 1)).toBeLessThan(0.25);
  });

  it("fitGarch with t innovations recovers ν and the dynamics", async () => {
    const truth = { mu: 0, omega: 2e-6, alpha: 0.06, beta: 0.92, df: 6 };
    const fit = fitGarch(await garchSeries(truth, 8000, 5), { distribution: "t" });
    expect(fit.distribution).toBe("t");
    expect(Math.abs(fit.df! - 6)).toBeLessThan(1.5);
    expect(Math.abs(fit.alpha - truth.alpha)).toBeLessThan(0.025);
    expect(Math.abs(fit.beta - truth.beta)).toBeLessThan(0.03);
  });

  it("the fit is a local maximum of the likelihood: perturbing any parameter lowers it", async () => {
    const r = orclReturns().map((x) => Math.log1p(x));
    const fit = fitGarch(r);
    expect(fit.persistence).toBeLessThan(1);
    const refit = (p: { mu: number; omega: number; alpha: number; beta: number }) => {
      let v = fit.conditionalVariance[0]!;
      let ll = 0;
      for (let t = 0; t < r.length; t++) {
        const e = r[t]! - p.mu;
        ll += -0.5 * (Math.log(2 * Math.PI) + Math.log(v) + (e * e) / v);
        v = p.omega + p.alpha * e * e + p.beta * v;
      }
      return ll;
    };
    const base = refit(fit);
    expect(base).toBeCloseTo(fit.logLikelihood, 6);
    for (const [k, d] of [
      ["alpha", 0.005],
      ["beta", 0.005],
      ["omega", fit.omega * 0.05],
      ["mu", 5e-5],
    ] as const) {
      expect(refit({ ...fit, [k]: fit[k] + d })).toBeLessThan(base);
      expect(refit({ ...fit, [k]: fit[k] - d })).toBeLessThan(base);
    }
  });

  it("filteredHistoricalSimulation resamples standardized residuals and starts at the one-step forecast", async () => {
    const r = orclReturns().map((x) => Math.log1p(x));
    const fhs = await filteredHistoricalSimulation(r, {
      s0: 100,
      steps: 1,
      paths: 20_000,
      seed: 1,
      terminalOnly: true,
    });
    const z = fhs.fit.standardizedResiduals;
    let zm = 0;
    let zv = 0;
    for (const v of z) zm += v / z.length;
    for (const v of z) zv += (v - zm) ** 2 / z.length;
    expect(Math.abs(zv - 1)).toBeLessThan(0.1);
    // one step: log return = μ + σ_{T+1}·z* with z* drawn from the residuals
    const sd = Math.sqrt(fhs.fit.nextVariance);
    const zs = new Set(Array.from(z, (v) => v.toFixed(9)));
    let matched = 0;
    for (let i = 0; i < 200; i++) {
      const zi = (Math.log(fhs.terminal[i]! / 100) - fhs.fit.mu) / sd;
      if (zs.has(zi.toFixed(9))) matched++;
    }
    expect(matched).toBeGreaterThan(195);
  });

  it("simulateGarch validates its inputs", async () => {
    await expect(
      simulateGarch({
        s0: 1,
        params: { mu: 0, omega: 1e-6, alpha: 0.1, beta: 0.8 },
        innovations: "t",
        steps: 2,
        paths: 2,
        seed: 1,
      }),
    ).rejects.toThrow(/df/);
    await expect(
      simulateGarch({
        s0: 1,
        params: { mu: 0, omega: 1e-6, alpha: 0.1, beta: 0.8 },
        innovations: "filtered",
        steps: 2,
        paths: 2,
        seed: 1,
      }),
    ).rejects.toThrow(/residuals/);
    expect(() => fitGarch([0.1, 0.2])).toThrow(/at least 50/);
  });
});
