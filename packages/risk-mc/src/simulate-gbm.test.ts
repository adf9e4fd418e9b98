import { describe, expect, it } from "vitest";
import { normalInv } from "./distributions.js";
import { NormalStream } from "./normal-stream.js";
import { simulateGbm, simulateGbmSync } from "./simulate-gbm.js";
import { tableExp } from "./table-exp.js";
import { valueAtRisk } from "./value-at-risk.js";
import { WorkerPool } from "./worker-pool.js";

const base = { s0: 100, mu: 0.08, sigma: 0.25, dt: 1 / 252, steps: 252, seed: 11 };

function meanVar(x: Float64Array): [number, number] {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return [m, s / (x.length - 1)];
}

describe("simulateGbm", () => {
  it("terminal mean and variance are within 3 standard errors of the closed form", async () => {
    const n = 100_000;
    const { terminal } = await simulateGbm({ ...base, paths: n, terminalOnly: true });
    const T = 1;
    const mean = base.s0 * Math.exp(base.mu * T);
    const variance = base.s0 ** 2 * Math.exp(2 * base.mu * T) * (Math.exp(base.sigma ** 2 * T) - 1);
    const [m, v] = meanVar(terminal);
    expect(Math.abs(m - mean)).toBeLessThan(3 * Math.sqrt(variance / n));
    // se of the sample variance: √((μ4 − σ⁴)/n) with the lognormal's fourth central moment
    const w = Math.exp(base.sigma ** 2 * T);
    const mu4 =
      base.s0 ** 4 * Math.exp(4 * base.mu * T) * (w - 1) ** 2 * (w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 3);
    expect(Math.abs(v - variance)).toBeLessThan(3 * Math.sqrt((mu4 - variance ** 2) / n));
  });

  it("Monte Carlo VaR of terminal P&L converges to the lognormal quantile", async () => {
    const { terminal } = await simulateGbm({
      ...base,
      steps: 21,
      dt: 1 / 252,
      paths: 200_000,
      terminalOnly: true,
    });
    const T = 21 / 252;
    const pnl = terminal.map((s) => s / base.s0 - 1);
    for (const level of [0.95, 0.99]) {
      const exact =
        1 - Math.exp((base.mu - base.sigma ** 2 / 2) * T + base.sigma * Math.sqrt(T) * normalInv(1 - level));
      const mc = valueAtRisk(pnl, { level });
      expect(Math.abs(mc - exact) / exact).toBeLessThan(0.02);
    }
  });

  it("path matrix layout: paths × (steps + 1) row-major, column 0 = s0, last column = terminal", async () => {
    const r = await simulateGbm({ ...base, steps: 5, paths: 7 });
    expect(r.paths!.length).toBe(7 * 6);
    for (let i = 0; i < 7; i++) {
      expect(r.paths![i * 6]).toBe(100);
      expect(r.paths![i * 6 + 5]).toBe(r.terminal[i]);
    }
  });

  it("row i is s0·tableExp(Σ drift + vol·z) with z = NormalStream(seed, i), bit for bit; ≤ 1e-15 from s0·Math.exp", () => {
    const paths = 300;
    const { s0, mu, sigma, dt, steps, seed } = base;
    const drift = (mu - 0.5 * sigma * sigma) * dt;
    const vol = sigma * Math.sqrt(dt);
    const m = simulateGbmSync({ ...base, paths }).paths!;
    const z = new Float64Array(steps);
    let worst = 0;
    for (let i = 0; i < paths; i++) {
      new NormalStream(seed, i).fillNormal(z);
      expect(m[i * (steps + 1)]).toBe(s0);
      let l = 0;
      for (let k = 0; k < steps; k++) {
        l += drift + vol * z[k]!;
        const v = m[i * (steps + 1) + k + 1]!;
        if (v !== s0 * tableExp(l)) throw new Error(`path ${i} step ${k + 1}: ${v} ≠ ${s0 * tableExp(l)}`);
        worst = Math.max(worst, Math.abs(v / (s0 * Math.exp(l)) - 1));
      }
    }
    // the table exp moves prices by at most ~2 ulp against the Math.exp version of session 2
    expect(worst).toBeLessThan(1e-15);
  });

  it("log-prices beyond ±700 use Math.exp element by element: matrix = reference, terminalOnly = last column", () => {
    // drift 0, vol 40 per step: |l| passes 700 within 400 steps on most rows (prices overflow to ∞ or underflow to 0)
    const o = { s0: 1, mu: 800, sigma: 40, dt: 1, steps: 400, paths: 40, seed: 5 };
    const m = simulateGbmSync(o).paths!;
    const term = simulateGbmSync({ ...o, terminalOnly: true }).terminal;
    const z = new Float64Array(o.steps);
    let crossed = 0;
    let nonFinite = 0;
    for (let i = 0; i < o.paths; i++) {
      new NormalStream(o.seed, i).fillNormal(z);
      let l = 0;
      let rowCrossed = false;
      for (let k = 0; k < o.steps; k++) {
        l += 40 * z[k]!;
        if (Math.abs(l) > 700) rowCrossed = true;
        expect(m[i * (o.steps + 1) + k + 1]).toBe(tableExp(l));
      }
      if (rowCrossed) crossed++;
      if (!Number.isFinite(Math.log(term[i]!))) nonFinite++;
      expect(term[i]).toBe(m[i * (o.steps + 1) + o.steps]);
    }
    expect(crossed).toBeGreaterThan(10);
    expect(crossed).toBeLessThan(o.paths);
    expect(nonFinite).toBeGreaterThan(0);
  });

  it("terminalOnly gives bit-identical terminal values without the matrix", async () => {
    const full = await simulateGbm({ ...base, paths: 500 });
    const term = await simulateGbm({ ...base, paths: 500, terminalOnly: true });
    expect(term.paths).toBeUndefined();
    expect(Array.from(term.terminal)).toEqual(Array.from(full.terminal));
  });

  it("path i does not depend on how many paths are simulated (stream i) and seeds differ", async () => {
    const a = simulateGbmSync({ ...base, paths: 50 });
    const b = simulateGbmSync({ ...base, paths: 10 });
    expect(Array.from(b.paths!)).toEqual(Array.from(a.paths!.subarray(0, 10 * 253)));
    const c = simulateGbmSync({ ...base, seed: 12, paths: 10 });
    expect(c.terminal[0]).not.toBe(a.terminal[0]);
  });

  it("identical results for a seed on 1 and 2 workers (full matrix and terminal-only)", async () => {
    const one = await simulateGbm({ ...base, paths: 3000 });
    const pool = new WorkerPool(2);
    try {
      const two = await simulateGbm({ ...base, paths: 3000, pool });
      expect(two.paths!.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.compare(Buffer.from(one.paths!.buffer), Buffer.from(two.paths!.buffer))).toBe(0);
      expect(Array.from(two.terminal)).toEqual(Array.from(one.terminal));
      const twoTerminal = await simulateGbm({ ...base, paths: 3000, pool, terminalOnly: true });
      expect(Array.from(twoTerminal.terminal)).toEqual(Array.from(one.terminal));
    } finally {
      await pool.close();
    }
    // and with a temporary pool started by `workers: 2`
    const tmp = await simulateGbm({ ...base, paths: 500, workers: 2, terminalOnly: true });
    expect(Array.from(tmp.terminal)).toEqual(Array.from(one.terminal.subarray(0, 500)));
  });

  it("reports progress and can be cancelled (in-thread and on a pool)", async () => {
    const seen: number[] = [];
    await simulateGbm({ ...base, paths: 1000, chunk: 100, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);

    const pool = new WorkerPool(2);
    try {
      const progress: number[] = [];
      await simulateGbm({ ...base, paths: 2000, chunk: 250, pool, onProgress: (p) => progress.push(p.done) });
      expect(progress.at(-1)).toBe(2000);
      expect(progress.length).toBe(8);

      const ac = new AbortController();
      const run = simulateGbm({
        ...base,
        paths: 200_000,
        chunk: 1000,
        pool,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.done >= 2000) ac.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ name: "AbortError" });
      // the pool is still usable after a cancelled job
      const after = await simulateGbm({ ...base, paths: 100, pool });
      expect(after.terminal[99]).toBe(simulateGbmSync({ ...base, paths: 100 }).terminal[99]);

      const ac2 = new AbortController();
      const inThread = simulateGbm({
        ...base,
        paths: 50_000,
        chunk: 500,
        signal: ac2.signal,
        onProgress: () => ac2.abort(),
      });
      await expect(inThread).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      await pool.close();
    }
  });

  it("validates options, naming the field", async () => {
    await expect(simulateGbm({ ...base, paths: 0 })).rejects.toThrow(/paths/);
    await expect(simulateGbm({ ...base, paths: 10, sigma: -1 })).rejects.toThrow(/sigma/);
    await expect(simulateGbm({ ...base, paths: 10, workers: 0 })).rejects.toThrow(/workers/);
  });
});
