import { Rng } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OnlineHmmFilter } from "../hmm/online-filter.js";
import { scipyBetaRows } from "../testing/scipy-beta.js";
import { twoStateHmm } from "../testing/two-state-hmm.js";
import { DirichletTransitions } from "./dirichlet-transitions.js";

const betaRows = scipyBetaRows();

describe("DirichletTransitions", () => {
  it("posterior mean = (prior + counts) / row total, rows sum to 1", () => {
    const bt = new DirichletTransitions({ nStates: 2 }).addPath(Int32Array.of(0, 0, 0, 1, 1));
    expect(Array.from(bt.posteriorMean())).toEqual([3 / 5, 2 / 5, 1 / 3, 2 / 3]);
  });

  it("credible intervals are the scipy Beta quantiles of the exact marginal (2-state row → Beta(α_ii, α_ij))", () => {
    for (const r of betaRows.filter((r) => r.p === 0.025)) {
      // Row 0 has α = [a, b]: A_00 ~ Beta(a, b).
      const bt = new DirichletTransitions({
        nStates: 2,
        prior: [
          [r.a, r.b],
          [1, 1],
        ],
      });
      const hi = betaRows.find((q) => q.a === r.a && q.b === r.b && q.p === 0.975)!;
      const [lo, up] = bt.credibleInterval(0, 0, 0.95);
      expect(Math.abs(lo - r.x) / r.x).toBeLessThan(1e-11);
      expect(Math.abs(up - hi.x) / hi.x).toBeLessThan(1e-11);
    }
  });

  it("credible intervals have their nominal coverage (simulated Dirichlet rows)", () => {
    const rng = new Rng(5);
    const gamma = (shape: number) => {
      // Marsaglia–Tsang for shape ≥ 1.
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const z = rng.normal();
        const v = (1 + c * z) ** 3;
        if (v > 0 && Math.log(rng.next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const bt = new DirichletTransitions({
      nStates: 3,
      prior: [
        [20, 3, 2],
        [1, 1, 1],
        [1, 1, 1],
      ],
    });
    const [lo, hi] = bt.credibleInterval(0, 1, 0.9);
    let inside = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const g = [gamma(20), gamma(3), gamma(2)];
      const p = g[1]! / (g[0]! + g[1]! + g[2]!);
      if (p >= lo && p <= hi) inside++;
    }
    expect(inside / n).toBeGreaterThan(0.89);
    expect(inside / n).toBeLessThan(0.91);
  });

  it("switchProbability is the exact predictive 1 − E[A_ii^k], increasing in k, within [0, 1]", () => {
    const bt = new DirichletTransitions({
      nStates: 2,
      prior: [
        [9, 1],
        [1, 1],
      ],
    });
    // E[p^2] for Beta(9, 1) = 9·10 / (10·11).
    expect(bt.switchProbability(0, 2)).toBeCloseTo(1 - (9 * 10) / (10 * 11), 15);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 50 }), (w, k) => {
        const p = [w, 1 - w];
        const a = bt.switchProbability(p, k);
        const b = bt.switchProbability(p, k + 1);
        return a >= 0 && b <= 1 && b >= a;
      }),
    );
  });

  it("online updates from the filter's two-slice joints learn the transition matrix of a simulated HMM", () => {
    const truth = twoStateHmm({ switchProb: [0.05, 0.1], means: [-3, 3], covars: [1, 1] });
    const { columns } = truth.sample(20_000, 4);
    const f = new OnlineHmmFilter(truth);
    const bt = new DirichletTransitions({ nStates: 2 });
    const joint = new Float64Array(4);
    for (const x of columns[0]!) {
      f.update(x);
      bt.addCounts(f.joint(joint));
    }
    const m = bt.posteriorMean();
    expect(Math.abs(m[1]! - 0.05)).toBeLessThan(0.01);
    expect(Math.abs(m[2]! - 0.1)).toBeLessThan(0.015);
    // Expected counts from the smoother give the same answer in batch.
    const b2 = new DirichletTransitions({ nStates: 2 }).addCounts(
      truth.expectedTransitionCounts(columns[0]!),
    );
    expect(Math.abs(b2.posteriorMean()[1]! - 0.05)).toBeLessThan(0.01);
  });

  it("validates inputs, naming the field", () => {
    expect(() => new DirichletTransitions({ nStates: 2, prior: -1 })).toThrow(/prior/);
    expect(() => new DirichletTransitions({ nStates: 2 }).addCounts([1, 2, 3])).toThrow(/4 counts/);
    expect(() => new DirichletTransitions({ nStates: 2 }).addPath([0, 2])).toThrow(/row 1/);
  });
});
