import { describe, expect, it } from "vitest";
import { orclReturns } from "../test-data/fixtures.js";
import { simulateBootstrap } from "./simulate-bootstrap.js";
import { simulateCorrelated } from "./simulate-correlated.js";
import { simulateJumpDiffusion } from "./simulate-jump-diffusion.js";
import { simulateRegimeSwitching } from "./simulate-regime-switching.js";
import { simulateStudentT } from "./simulate-student-t.js";
import { WorkerPool } from "./worker-pool.js";

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}
function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return s / (x.length - 1);
}

describe("path generators", () => {
  it("simulateStudentT: log terminal return has mean (μ − σ²/2)T and variance σ²T; tails are fatter than normal", async () => {
    const o = {
      s0: 1,
      mu: 0.1,
      sigma: 0.3,
      dt: 1 / 252,
      df: 4,
      steps: 5,
      paths: 100_000,
      seed: 4,
      terminalOnly: true,
    };
    const { terminal } = await simulateStudentT(o);
    const logs = terminal.map(Math.log);
    const T = 5 / 252;
    expect(Math.abs(mean(logs) - (0.1 - 0.045) * T)).toBeLessThan(4 * Math.sqrt((0.09 * T) / 1e5));
    expect(Math.abs(variance(logs) / (0.09 * T) - 1)).toBeLessThan(0.05);
    const one = await simulateStudentT({ ...o, steps: 1 });
    const l1 = one.terminal.map(Math.log);
    const m = mean(l1);
    const v = variance(l1);
    const k = mean(l1.map((x) => (x - m) ** 4)) / (v * v);
    expect(k).toBeGreaterThan(4); // t(4) has infinite kurtosis; a normal would give 3
  });

  it("simulateJumpDiffusion: E[S_T] = s0·e^{μT} (compensated jumps) within 3 standard errors; jumps fatten the left tail", async () => {
    const o = {
      s0: 100,
      mu: 0.05,
      sigma: 0.15,
      dt: 1 / 252,
      lambda: 3,
      jumpMean: -0.08,
      jumpStd: 0.05,
      steps: 63,
      paths: 100_000,
      seed: 9,
    };
    const { terminal } = await simulateJumpDiffusion({ ...o, terminalOnly: true });
    const T = 63 / 252;
    expect(Math.abs(mean(terminal) - 100 * Math.exp(0.05 * T))).toBeLessThan(
      3 * Math.sqrt(variance(terminal) / 1e5),
    );
    const logs = terminal.map((s) => Math.log(s / 100));
    const m = mean(logs);
    const skew = mean(logs.map((x) => (x - m) ** 3)) / variance(logs) ** 1.5;
    expect(skew).toBeLessThan(-0.2);
  });

  it("simulateBootstrap iid: mean terminal growth = (1 + mean r)^steps; stationary keeps blocks of consecutive returns", async () => {
    const r = orclReturns();
    const iid = await simulateBootstrap({
      s0: 1,
      returns: r,
      steps: 10,
      paths: 50_000,
      seed: 2,
      terminalOnly: true,
    });
    const expected = (1 + mean(r)) ** 10;
    expect(Math.abs(mean(iid.terminal) - expected)).toBeLessThan(4 * Math.sqrt(variance(iid.terminal) / 5e4));
    const returns = Float64Array.from({ length: 1000 }, (_, i) => i * 1e-6);
    const st = await simulateBootstrap({
      s0: 1,
      returns,
      method: "stationary",
      blockLength: 50,
      steps: 200,
      paths: 20,
      seed: 3,
    });
    let consecutive = 0;
    let total = 0;
    for (let p = 0; p < 20; p++) {
      for (let k = 1; k < 200; k++) {
        const a = st.paths![p * 201 + k]! / st.paths![p * 201 + k - 1]! - 1;
        const b = st.paths![p * 201 + k + 1]! / st.paths![p * 201 + k]! - 1;
        total++;
        if (Math.abs(Math.round(b / 1e-6) - ((Math.round(a / 1e-6) + 1) % 1000)) === 0) consecutive++;
      }
    }
    // P(continue block) = 1 − 1/50 = 0.98
    expect(consecutive / total).toBeGreaterThan(0.95);
  });

  it("simulateCorrelated: sample covariance of log increments ≈ Σ·dt, and the same paths on 1 and 2 workers", async () => {
    const cov = [
      [0.04, 0.018, -0.01],
      [0.018, 0.09, 0.0],
      [-0.01, 0.0, 0.0625],
    ];
    const o = { s0: [100, 50, 20], mu: [0.05, 0.03, 0.0], cov, dt: 1 / 12, steps: 1, paths: 30_000, seed: 5 };
    const res = await simulateCorrelated(o);
    expect(res.assets).toBe(3);
    const logs = [0, 1, 2].map((a) =>
      Float64Array.from({ length: o.paths }, (_, i) => Math.log(res.terminal[i * 3 + a]! / o.s0[a]!)),
    );
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const ma = mean(logs[a]!);
        const mb = mean(logs[b]!);
        let c = 0;
        for (let i = 0; i < o.paths; i++) c += (logs[a]![i]! - ma) * (logs[b]![i]! - mb);
        c /= o.paths - 1;
        const target = cov[a]![b]! * o.dt;
        const se =
          (Math.sqrt(cov[a]![a]! * cov[b]![b]! + (target * target) / (o.dt * o.dt)) * o.dt) /
          Math.sqrt(o.paths);
        expect(Math.abs(c - target)).toBeLessThan(4 * se);
      }
    }
    const small = { ...o, steps: 12, paths: 500 };
    const one = await simulateCorrelated(small);
    const two = await simulateCorrelated({ ...small, workers: 2 });
    expect(Array.from(two.paths!)).toEqual(Array.from(one.paths!));
  });

  it("simulateCorrelated rejects a non-PSD covariance with the smallest eigenvalue, accepts a singular PSD one", async () => {
    const base = { s0: [1, 1], mu: [0, 0], dt: 1, steps: 1, paths: 10, seed: 1 };
    await expect(
      simulateCorrelated({
        ...base,
        cov: [
          [1, 2],
          [2, 1],
        ],
      }),
    ).rejects.toThrow(/not positive semi-definite: smallest eigenvalue -(1\b|0\.9999)/);
    await expect(
      simulateCorrelated({
        ...base,
        cov: [
          [1, 0.5],
          [0.4, 1],
        ],
      }),
    ).rejects.toThrow(/not symmetric/);
    const singular = await simulateCorrelated({
      ...base,
      cov: [
        [1, 1],
        [1, 1],
      ],
      paths: 100,
    });
    for (let i = 0; i < 100; i++)
      expect(singular.terminal[2 * i]).toBeCloseTo(singular.terminal[2 * i + 1]!, 12);
  });

  it("simulateRegimeSwitching: the state chain has the stationary occupancy and per-state return moments", async () => {
    const params = {
      startProb: [0.5, 0.5],
      transMat: [
        [0.98, 0.02],
        [0.06, 0.94],
      ],
      means: [0.001, -0.002],
      covars: [1e-4, 9e-4],
    };
    const res = await simulateRegimeSwitching({ s0: 1, params, steps: 250, paths: 400, seed: 8 });
    let in1 = 0;
    const byState: number[][] = [[], []];
    for (let p = 0; p < 400; p++) {
      for (let t = 0; t < 250; t++) {
        const s = res.states![p * 250 + t]!;
        in1 += s;
        const r = Math.log(res.paths![p * 251 + t + 1]! / res.paths![p * 251 + t]!);
        byState[s]!.push(r);
      }
    }
    // stationary distribution: π1 = 0.02 / (0.02 + 0.06) = 0.25
    expect(Math.abs(in1 / 1e5 - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(mean(byState[1]!) - -0.002)).toBeLessThan(4 * Math.sqrt(9e-4 / byState[1]!.length));
    expect(Math.abs(variance(byState[0]!) / 1e-4 - 1)).toBeLessThan(0.03);
    await expect(
      simulateRegimeSwitching({
        s0: 1,
        params: {
          ...params,
          transMat: [
            [0.9, 0.2],
            [0.5, 0.5],
          ],
        },
        steps: 2,
        paths: 2,
        seed: 1,
      }),
    ).rejects.toThrow(/transMat\.0/);
  });

  it("simulateRegimeSwitching accepts a fitted @quantkit/regimes GaussianHmm's params", async () => {
    const { GaussianHmm } = await import("@quantkit/regimes");
    const r = orclReturns().subarray(0, 2000);
    const hmm = new GaussianHmm({ nStates: 2, seed: 1 }).fit(r);
    const res = await simulateRegimeSwitching({
      s0: 100,
      params: hmm.params,
      steps: 20,
      paths: 200,
      seed: 1,
      terminalOnly: true,
    });
    expect(res.nStates).toBe(2);
    expect(res.terminal.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
  });

  it("a shared pool runs different generators back to back with identical results to in-thread runs", async () => {
    const pool = new WorkerPool(2);
    try {
      const o = { s0: 100, mu: 0.05, sigma: 0.2, dt: 1 / 252, steps: 30, paths: 800, seed: 3 };
      const j = { ...o, lambda: 2, jumpMean: -0.05, jumpStd: 0.03 };
      const [a, b] = await Promise.all([
        simulateJumpDiffusion({ ...j, pool }),
        simulateStudentT({ ...o, df: 5, pool }),
      ]);
      expect(Array.from(a.paths!)).toEqual(Array.from((await simulateJumpDiffusion(j)).paths!));
      expect(Array.from(b.terminal)).toEqual(Array.from((await simulateStudentT({ ...o, df: 5 })).terminal));
    } finally {
      await pool.close();
    }
  });
});
