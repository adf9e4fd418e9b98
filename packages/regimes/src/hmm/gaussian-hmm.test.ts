import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readTestData } from "../testing/test-data.js";
import { twoStateHmm } from "../testing/two-state-hmm.js";
import { GaussianHmm } from "./gaussian-hmm.js";
import { OnlineHmmFilter } from "./online-filter.js";

interface SmCase {
  name: string;
  k: number;
  hmm: { startProb: number[]; transMat: number[][]; means: number[]; covars: number[] };
  llf: number;
  filtered: number[][];
  smoothed: number[][];
}
const fx = readTestData<{ returns: number[]; cases: SmCase[]; fit2: { llf: number } }>(
  "statsmodels-markov.json",
);
const orcl = Float64Array.from(fx.returns);

const truth2 = twoStateHmm({ switchProb: [0.02, 0.04], means: [0.05, -0.1], covars: [1, 9] });

/** State means and full covariances of the 2-feature (returns + a correlated feature) test models. */
const means2f = [
  [0, 1],
  [0.5, 3],
];
const covars2f = [
  [
    [1, 0.3],
    [0.3, 0.5],
  ],
  [
    [2, -0.5],
    [-0.5, 1],
  ],
];

function maxAbsDiff(a: Float64Array, rows: number[][], K: number): number {
  let e = 0;
  for (let t = 0; t < rows.length; t++)
    for (let k = 0; k < K; k++) e = Math.max(e, Math.abs(a[t * K + k]! - rows[t]![k]!));
  return e;
}

describe("GaussianHmm vs statsmodels MarkovRegression(switching_variance=True), fixed parameters", () => {
  for (const c of fx.cases) {
    for (const algorithm of ["scaling", "log"] as const) {
      it(`${c.name} (${algorithm}): score (absolute, nats), filter and smooth agree to 1e-8`, () => {
        const y = orcl.subarray(0, c.filtered.length);
        const m = GaussianHmm.fromParams(c.hmm, { algorithm });
        expect(Math.abs(m.score(y) - c.llf)).toBeLessThan(1e-8);
        expect(maxAbsDiff(m.filter(y), c.filtered, c.k)).toBeLessThan(1e-8);
        expect(maxAbsDiff(m.smooth(y), c.smoothed, c.k)).toBeLessThan(1e-8);
      });
    }
  }

  it("fit(orcl) reaches at least the statsmodels optimum log-likelihood (− 1e-6)", () => {
    const m = new GaussianHmm({ nStates: 2, nInit: 2, tol: 1e-9, maxIter: 2000, seed: 3 }).fit(orcl);
    expect(m.report!.converged).toBe(true);
    expect(m.report!.logLikelihood).toBeGreaterThanOrEqual(fx.fit2.llf - 1e-6);
    expect(m.score(orcl)).toBe(m.report!.logLikelihood);
  });
});

describe("GaussianHmm Baum–Welch", () => {
  it("fit with scaling and in log space give the same parameters and likelihood", () => {
    const { columns } = truth2.sample(3000, 11);
    const a = new GaussianHmm({ nStates: 2, nInit: 1, tol: 1e-9, maxIter: 500, algorithm: "scaling" }).fit(
      columns[0]!,
    );
    const b = new GaussianHmm({ nStates: 2, nInit: 1, tol: 1e-9, maxIter: 500, algorithm: "log" }).fit(
      columns[0]!,
    );
    expect(Math.abs(a.report!.logLikelihood - b.report!.logLikelihood)).toBeLessThan(1e-7);
    const pa = a.params;
    const pb = b.params;
    for (const key of ["transMat", "means", "covars"] as const)
      for (let i = 0; i < pa[key].length; i++) expect(Math.abs(pa[key][i]! - pb[key][i]!)).toBeLessThan(1e-5);
    // E-steps agree too: the traces match iteration by iteration.
    const n = Math.min(a.report!.trace.length, b.report!.trace.length, 20);
    for (let i = 0; i < n; i++)
      expect(Math.abs(a.report!.trace[i]! - b.report!.trace[i]!)).toBeLessThan(1e-7);
  });

  it("the log-likelihood trace never decreases (EM monotonicity)", () => {
    const { columns } = truth2.sample(2000, 5);
    const m = new GaussianHmm({ nStates: 3, nInit: 2, maxIter: 100 }).fit(columns[0]!);
    const tr = m.report!.trace;
    for (let i = 1; i < tr.length; i++) expect(tr[i]!).toBeGreaterThanOrEqual(tr[i - 1]! - 1e-8);
  });

  it("recovers means, variances and the transition matrix from 20,000 simulated steps", () => {
    const { columns } = truth2.sample(20_000, 1);
    const m = new GaussianHmm({ nStates: 2, seed: 2 }).fit(columns[0]!);
    // Canonical order by ascending mean: state 0 is the bear (−0.1, var 9), state 1 the bull.
    const p = m.params;
    expect(p.means[0]).toBeCloseTo(-0.1, 0);
    expect(p.means[1]).toBeCloseTo(0.05, 1);
    expect(Math.abs(p.covars[0]! - 9) / 9).toBeLessThan(0.08);
    expect(Math.abs(p.covars[1]! - 1)).toBeLessThan(0.05);
    expect(Math.abs(p.transMat[0 * 2 + 1]! - 0.04)).toBeLessThan(0.01);
    expect(Math.abs(p.transMat[1 * 2 + 0]! - 0.02)).toBeLessThan(0.005);
  });

  it("recovers a 2-feature full-covariance model (returns + a correlated feature)", () => {
    const truth = twoStateHmm({
      startProb: [1, 0],
      switchProb: [0.03, 0.05],
      means: means2f,
      covars: covars2f,
    });
    const { columns } = truth.sample(10_000, 3);
    for (const covariance of ["full", "diag", "spherical", "tied"] as const) {
      const m = new GaussianHmm({ nStates: 2, covariance, seed: 1 }).fit(columns);
      expect(m.report!.converged).toBe(true);
      expect(m.params.means[0]).toBeCloseTo(0, 0);
      expect(m.params.means[3]).toBeCloseTo(3, 0);
      if (covariance === "full") {
        expect(Math.abs(m.params.covars[1]! - 0.3)).toBeLessThan(0.05);
        expect(Math.abs(m.params.covars[4 + 1]! + 0.5)).toBeLessThan(0.08);
      }
      if (covariance === "diag") expect(m.params.covars[1]).toBe(0);
      if (covariance === "spherical") expect(m.params.covars[0]).toBe(m.params.covars[3]);
      if (covariance === "tied")
        expect(Array.from(m.params.covars.subarray(0, 4))).toEqual(Array.from(m.params.covars.subarray(4)));
    }
  });

  it("BIC picks the true number of states on clear cases (K = 1, 2, 3)", () => {
    const truths = [
      GaussianHmm.fromParams({ startProb: [1], transMat: [[1]], means: [0], covars: [1] }),
      truth2,
      GaussianHmm.fromParams({
        startProb: [1 / 3, 1 / 3, 1 / 3],
        transMat: [
          [0.96, 0.02, 0.02],
          [0.02, 0.96, 0.02],
          [0.02, 0.02, 0.96],
        ],
        means: [-3, 0, 3],
        covars: [0.5, 0.5, 0.5],
      }),
    ];
    truths.forEach((truth, idx) => {
      const x = truth.sample(3000, 20 + idx).columns[0]!;
      const bics = [1, 2, 3, 4].map((K) => new GaussianHmm({ nStates: K, seed: 4, nInit: 2 }).fit(x).bic(x));
      expect(bics.indexOf(Math.min(...bics)) + 1).toBe(idx + 1);
    });
  });

  it("labels are stable across 20 seeds (canonical order)", () => {
    const x = truth2.sample(5000, 9).columns[0]!;
    const ref = new GaussianHmm({ nStates: 2, seed: 0, nInit: 1 }).fit(x);
    const refPath = ref.viterbi(x);
    for (let seed = 1; seed <= 20; seed++) {
      const m = new GaussianHmm({ nStates: 2, seed, nInit: 1 }).fit(x);
      expect(Array.from(m.viterbi(x))).toEqual(Array.from(refPath));
      for (let i = 0; i < 2; i++)
        expect(Math.abs(m.params.means[i]! - ref.params.means[i]!)).toBeLessThan(1e-4);
    }
  });

  it("fit is deterministic for a seed", () => {
    const x = truth2.sample(2000, 4).columns[0]!;
    const a = new GaussianHmm({ nStates: 3, seed: 7 }).fit(x).params;
    const b = new GaussianHmm({ nStates: 3, seed: 7 }).fit(x).params;
    expect(a).toEqual(b);
  });

  it("rejects NaN rows with their index instead of dropping them", () => {
    const x = Float64Array.of(0.1, 0.2, Number.NaN, 0.3);
    expect(() => new GaussianHmm({ nStates: 2 }).fit(x)).toThrow(/row 2/);
    expect(() => new GaussianHmm({ nStates: 0 })).toThrow(/nStates/);
  });
});

describe("GaussianHmm inference", () => {
  it("no underflow on a 1,000,000-step series: finite score, probabilities sum to 1", () => {
    const { columns } = truth2.sample(1_000_000, 2);
    const x = columns[0]!;
    expect(Number.isFinite(truth2.score(x))).toBe(true);
    const f = truth2.filter(x);
    const s = truth2.smooth(x);
    for (const p of [f, s]) {
      let worst = 0;
      for (let t = 0; t < x.length; t++) worst = Math.max(worst, Math.abs(p[2 * t]! + p[2 * t + 1]! - 1));
      expect(worst).toBeLessThan(1e-12);
      expect(p.every(Number.isFinite)).toBe(true);
    }
  });

  it("filtered and smoothed posteriors are distributions (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom("scaling" as const, "log" as const),
        (xs, algorithm) => {
          const m = GaussianHmm.fromParams(truth2.params, { algorithm });
          const x = Float64Array.from(xs);
          for (const p of [m.filter(x), m.smooth(x)]) {
            for (let t = 0; t < x.length; t++) {
              const a = p[2 * t]!;
              const b = p[2 * t + 1]!;
              if (!(a >= 0 && b >= 0 && Math.abs(a + b - 1) < 1e-12)) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("causality: filtered probabilities up to t are bit-identical when future observations are appended", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 100 }),
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 100 }),
        fc.constantFrom("scaling" as const, "log" as const),
        (past, future, algorithm) => {
          const m = GaussianHmm.fromParams(truth2.params, { algorithm });
          const a = m.filter(Float64Array.from(past));
          const b = m.filter(Float64Array.from([...past, ...future]));
          for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("OnlineHmmFilter is bit-identical to filter() and accumulates the same log-likelihood", () => {
    const x = orcl.subarray(0, 2000);
    const m = GaussianHmm.fromParams(fx.cases[1]!.hmm);
    const batch = m.filter(x);
    const f = new OnlineHmmFilter(m);
    for (let t = 0; t < x.length; t++) {
      const p = f.update(x[t]!);
      for (let k = 0; k < 3; k++) expect(Object.is(p[k], batch[t * 3 + k])).toBe(true);
    }
    expect(f.logLikelihood).toBe(m.score(x));
    let js = 0;
    for (const v of f.joint()) js += v;
    expect(js).toBeCloseTo(1, 12);
  });

  it("OnlineHmmFilter on 2 features (full covariance) is bit-identical to filter()", () => {
    const m = twoStateHmm({
      startProb: [0.6, 0.4],
      switchProb: [0.05, 0.1],
      means: means2f,
      covars: covars2f,
    });
    const { columns } = m.sample(500, 6);
    const batch = m.filter(columns);
    const f = new OnlineHmmFilter(m);
    for (let t = 0; t < 500; t++) {
      const p = f.update([columns[0]![t]!, columns[1]![t]!]);
      expect(Object.is(p[0], batch[2 * t]) && Object.is(p[1], batch[2 * t + 1])).toBe(true);
    }
    expect(f.logLikelihood).toBe(m.score(columns));
    expect(() => f.update(1)).toThrow(/2 feature values/);
  });

  it("stationary distribution, expected durations and sampling frequencies agree", () => {
    const m = twoStateHmm({ startProb: [1, 0], switchProb: [0.1, 0.2], means: [0, 0], covars: [1, 1] });
    const pi = m.stationaryDistribution();
    expect(pi[0]).toBeCloseTo(2 / 3, 14);
    expect(Array.from(m.expectedDurations()).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([10, 5]);
    const { states } = m.sample(200_000, 3);
    let n0 = 0;
    for (const s of states) if (s === 0) n0++;
    expect(n0 / states.length).toBeCloseTo(2 / 3, 2);
  });

  it("viterbi agrees with the smoother's argmax on well-separated states", () => {
    const m = twoStateHmm({ switchProb: [0.05, 0.05], means: [-5, 5], covars: [1, 1] });
    const { states, columns } = m.sample(2000, 8);
    const v = m.viterbi(columns[0]!);
    let agree = 0;
    for (let t = 0; t < states.length; t++) if (v[t] === states[t]) agree++;
    expect(agree / states.length).toBeGreaterThan(0.999);
  });

  it("fromParams validates shapes and probabilities, naming the field", () => {
    const valid = {
      startProb: [0.5, 0.5],
      transMat: [
        [1, 0],
        [0, 1],
      ],
      means: [0, 1],
      covars: [1, 1],
    };
    expect(() => GaussianHmm.fromParams({ ...valid, startProb: [0.5, 0.6] })).toThrow(/startProb/);
    expect(() => GaussianHmm.fromParams({ ...valid, transMat: [[1, 0]] })).toThrow(/transMat/);
    expect(() => GaussianHmm.fromParams({ ...valid, covars: [1, -1] })).toThrow(/covars/);
    const p = GaussianHmm.fromParams({ ...valid, covars: [1, 2] }).params;
    expect(Array.from(p.covars)).toEqual([1, 2]);
  });

  it("twoStateHmm (test helper) builds exactly the transition matrices the simulated truths were written with", () => {
    for (const [p01, p10, stay0, stay1] of [
      [0.02, 0.04, 0.98, 0.96],
      [0.02, 0.03, 0.98, 0.97],
      [0.03, 0.05, 0.97, 0.95],
      [0.05, 0.1, 0.95, 0.9],
      [0.05, 0.05, 0.95, 0.95],
      [0.1, 0.2, 0.9, 0.8],
    ] as const) {
      const m = twoStateHmm({ switchProb: [p01, p10], means: [0, 0], covars: [1, 1] });
      expect(Array.from(m.params.transMat)).toEqual([stay0, p01, p10, stay1]);
      expect(Array.from(m.params.startProb)).toEqual([0.5, 0.5]);
    }
  });
});

describe("GaussianHmm acceleration", () => {
  it('acceleration "overrelaxed" and "none" reach the same optimum on ORCL, the accelerated one in fewer iterations', () => {
    const a = new GaussianHmm({ nStates: 2, nInit: 1, tol: 1e-9, maxIter: 3000, acceleration: "none" }).fit(
      orcl,
    );
    const b = new GaussianHmm({ nStates: 2, nInit: 1, tol: 1e-9, maxIter: 3000 }).fit(orcl);
    expect(Math.abs(a.report!.logLikelihood - b.report!.logLikelihood)).toBeLessThan(1e-6);
    expect(b.report!.iterations).toBeLessThan(a.report!.iterations);
    for (let i = 0; i < 2; i++)
      expect(Math.abs(a.params.covars[i]! - b.params.covars[i]!)).toBeLessThan(1e-4);
  });
});
