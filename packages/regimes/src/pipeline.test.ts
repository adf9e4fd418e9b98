import { describe, expect, it } from "vitest";
import { DirichletTransitions } from "./bayes/dirichlet-transitions.js";
import { RegimeConfidence } from "./confidence.js";
import { FuzzyRegimeClassifier } from "./fuzzy/fuzzy-classifier.js";
import { fuzzyFeatures } from "./fuzzy/fuzzy-features.js";
import { GaussianHmm } from "./hmm/gaussian-hmm.js";
import { OnlineHmmFilter } from "./hmm/online-filter.js";
import { loadOrcl } from "./testing/orcl.js";

describe("causal regime pipeline on ORCL (HMM filter + Bayesian switching + fuzzy → confidence)", () => {
  it("produces labels and confidences in [0, 1] whose turbulent label coincides with high volatility", () => {
    const bars = loadOrcl();
    const n = bars.close.length;
    const r = new Float64Array(n - 1);
    for (let t = 1; t < n; t++) r[t - 1] = 100 * Math.log(bars.adjClose[t]! / bars.adjClose[t - 1]!);
    const train = 1500;
    const model = new GaussianHmm({ nStates: 2, seed: 1, labelOrder: { by: "variance" } }).fit(
      r.subarray(0, train),
    );
    const bt = new DirichletTransitions({ nStates: 2 }).addCounts(
      model.expectedTransitionCounts(r.subarray(0, train)),
    );
    const filter = new OnlineHmmFilter(model);
    for (let t = 0; t < train; t++) filter.update(r[t]!);
    const features = fuzzyFeatures(bars);
    const fuzzy = new FuzzyRegimeClassifier();
    const rc = new RegimeConfidence({
      labels: ["calm", "turbulent"],
      hmmLabels: [0, 1],
      fuzzyLabels: [0, 1, 0, 1],
    });
    const joint = new Float64Array(4);
    let volWhenTurb = 0;
    let nTurb = 0;
    let volWhenCalm = 0;
    let nCalm = 0;
    for (let t = train; t < r.length; t++) {
      const bar = t + 1; // r[t] completes at bar t + 1
      const p = filter.update(r[t]!);
      bt.addCounts(filter.joint(joint));
      const d = fuzzy.update({ trend: features.trend[bar]!, volatility: features.volatility[bar]! });
      const s = bt.switchProbability(p, 5);
      const { label, confidence } = rc.combine(p, d, s);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
      expect(label === 0 || label === 1).toBe(true);
      const v = features.volatility[bar]!;
      if (label === 1) {
        volWhenTurb += v;
        nTurb++;
      } else {
        volWhenCalm += v;
        nCalm++;
      }
    }
    expect(nTurb).toBeGreaterThan(100);
    expect(nCalm).toBeGreaterThan(100);
    expect(volWhenTurb / nTurb).toBeGreaterThan(volWhenCalm / nCalm + 0.1);
  });
});
