import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";

/** zod schema of {@link RegimeConfidenceOptions}. */
export const regimeConfidenceOptions = z.object({
  labels: z.array(z.string()).min(1),
  hmmLabels: z.array(z.number().int().min(0)).min(1),
  fuzzyLabels: z.array(z.number().int().min(0)).optional(),
  weights: z
    .object({ hmm: z.number().min(0).default(0.5), fuzzy: z.number().min(0).default(0.5) })
    .default({ hmm: 0.5, fuzzy: 0.5 }),
  switchPenalty: z.number().min(0).default(1),
});

/**
 * Options of {@link RegimeConfidence}.
 *
 * - `labels` — the common regime labels L (e.g. `["calm", "turbulent"]`).
 * - `hmmLabels` — for each HMM state k, the index of its label (`hmmLabels[k]`); several states may share one.
 * - `fuzzyLabels` — for each fuzzy regime r, the index of its label (omit to use the HMM alone).
 * - `weights` — linear opinion-pool weights `{ hmm, fuzzy }`. @default { hmm: 0.5, fuzzy: 0.5 }
 * - `switchPenalty` — exponent γ on (1 − switch probability). @default 1
 */
export type RegimeConfidenceOptions = z.input<typeof regimeConfidenceOptions>;

/** Columns returned by {@link RegimeConfidence.combineColumns}. */
export interface RegimeConfidenceColumns {
  /** Label index per row (−1 if no source was available). */
  readonly label: Int32Array;
  /** Confidence in [0, 1] per row (NaN if no source was available). */
  readonly confidence: Float64Array;
  /** Pooled label probabilities, T×L row-major. */
  readonly probs: Float64Array;
}

/**
 * Merges the HMM's filtered state probabilities, fuzzy regime memberships and the Bayesian switching probability
 * into one regime label with a confidence in [0, 1]:
 *
 * 1. p_hmm(l) = Σ_{k: hmmLabels[k] = l} πₖ (filtered probabilities, causal).
 * 2. p_fuzzy(l) = Σ_{r: fuzzyLabels[r] = l} μᵣ / Σᵣ μᵣ (memberships normalised; the fuzzy source abstains when no
 *    rule fires or its inputs are NaN, and its weight goes to the HMM).
 * 3. p(l) = (w_hmm·p_hmm(l) + w_fuzzy·p_fuzzy(l)) / (w_hmm + w_fuzzy) — a linear opinion pool.
 * 4. label = argmax p (ties → lowest index); confidence = p(label) · (1 − s)^γ, where s is the probability of a
 *    regime switch within the horizon of interest (`DirichletTransitions.switchProbability`; pass 0 to ignore).
 *
 * So confidence is 1 only when every source puts all its mass on the same label and no switch is expected; it
 * falls when the sources disagree, when they are uncertain, and as a switch becomes likely.
 *
 * @example
 * const rc = new RegimeConfidence({ labels: ["calm", "turbulent"], hmmLabels: [0, 1], fuzzyLabels: [0, 1, 0, 1] });
 * rc.combine([0.9, 0.1], [0.8, 0.1, 0.1, 0.1], 0.05); // → { label: 0, confidence: 0.77 } (p = 0.81, × 0.95)
 * @see C. Genest, J. V. Zidek (1986), "Combining probability distributions: a critique and an annotated bibliography".
 */
export class RegimeConfidence {
  /** Parsed options. */
  readonly options: z.output<typeof regimeConfidenceOptions>;
  /** Pooled probabilities of the last {@link RegimeConfidence.combine} (live view). */
  readonly probs: Float64Array;
  private readonly hmmMap: Int32Array;
  private readonly fuzzyMap: Int32Array | null;
  private readonly result = { label: -1, confidence: Number.NaN };

  /** @param options - see {@link RegimeConfidenceOptions}. */
  constructor(options: RegimeConfidenceOptions) {
    const o = parseWith(regimeConfidenceOptions, options, "RegimeConfidence options");
    const L = o.labels.length;
    const issues = [
      ...o.hmmLabels.flatMap((l, i) =>
        l < L ? [] : [{ path: `hmmLabels.${i}`, message: `expected < ${L}` }],
      ),
      ...(o.fuzzyLabels ?? []).flatMap((l, i) =>
        l < L ? [] : [{ path: `fuzzyLabels.${i}`, message: `expected < ${L}` }],
      ),
    ];
    if (o.weights.hmm + o.weights.fuzzy <= 0)
      issues.push({ path: "weights", message: "expected a positive total weight" });
    if (issues.length) throw new ValidationError("RegimeConfidence options", issues);
    this.options = o;
    this.hmmMap = Int32Array.from(o.hmmLabels);
    this.fuzzyMap = o.fuzzyLabels ? Int32Array.from(o.fuzzyLabels) : null;
    this.probs = new Float64Array(L);
  }

  /**
   * Combines one bar's sources (allocation-free; the returned object is reused).
   *
   * @param hmmProbs - filtered HMM state probabilities (length K), or null if unavailable.
   * @param fuzzyDegrees - fuzzy regime degrees (length R), or null.
   * @param switchProb - probability of a switch within the horizon, in [0, 1]. @default 0
   */
  combine(
    hmmProbs: ArrayLike<number> | null,
    fuzzyDegrees: ArrayLike<number> | null = null,
    switchProb = 0,
  ): { label: number; confidence: number } {
    const p = this.probs;
    p.fill(0);
    let wh = this.options.weights.hmm;
    let wf = this.options.weights.fuzzy;
    let hOk = hmmProbs !== null;
    if (hmmProbs) for (let k = 0; k < this.hmmMap.length; k++) if (!(hmmProbs[k]! >= 0)) hOk = false;
    let fSum = 0;
    let fOk = fuzzyDegrees !== null && this.fuzzyMap !== null;
    if (fOk && fuzzyDegrees) {
      for (let r = 0; r < this.fuzzyMap!.length; r++) {
        const d = fuzzyDegrees[r]!;
        if (!(d >= 0)) fOk = false;
        else fSum += d;
      }
      if (!(fSum > 0)) fOk = false;
    }
    if (!hOk) wh = 0;
    if (!fOk) wf = 0;
    const r = this.result;
    if (wh + wf === 0) {
      p.fill(Number.NaN);
      r.label = -1;
      r.confidence = Number.NaN;
      return r;
    }
    const W = wh + wf;
    if (wh > 0 && hmmProbs) {
      let s = 0;
      for (let k = 0; k < this.hmmMap.length; k++) s += hmmProbs[k]!;
      for (let k = 0; k < this.hmmMap.length; k++) {
        const l = this.hmmMap[k]!;
        p[l] = p[l]! + (wh / W) * (hmmProbs[k]! / s);
      }
    }
    if (wf > 0 && fuzzyDegrees) {
      for (let q = 0; q < this.fuzzyMap!.length; q++) {
        const l = this.fuzzyMap![q]!;
        p[l] = p[l]! + (wf / W) * (fuzzyDegrees[q]! / fSum);
      }
    }
    let arg = 0;
    for (let l = 1; l < p.length; l++) if (p[l]! > p[arg]!) arg = l;
    const s = Number.isNaN(switchProb) ? 0 : Math.min(1, Math.max(0, switchProb));
    r.label = arg;
    r.confidence = Math.min(1, Math.max(0, p[arg]! * (1 - s) ** this.options.switchPenalty));
    return r;
  }

  /**
   * Vectorized {@link RegimeConfidence.combine} over T rows.
   *
   * @param hmmProbs - T×K filtered probabilities (row-major), or null.
   * @param fuzzyDegrees - T×R degrees (row-major, e.g. `FuzzyClassification.degrees`), or null.
   * @param switchProb - switch probability per row, or null for 0.
   */
  combineColumns(
    hmmProbs: Float64Array | null,
    fuzzyDegrees: Float64Array | null,
    switchProb: Float64Array | null = null,
  ): RegimeConfidenceColumns {
    const K = this.hmmMap.length;
    const R = this.fuzzyMap?.length ?? 0;
    const T = hmmProbs ? hmmProbs.length / K : fuzzyDegrees && R ? fuzzyDegrees.length / R : 0;
    const L = this.probs.length;
    const label = new Int32Array(T);
    const confidence = new Float64Array(T);
    const probs = new Float64Array(T * L);
    for (let t = 0; t < T; t++) {
      const r = this.combine(
        hmmProbs ? hmmProbs.subarray(t * K, t * K + K) : null,
        fuzzyDegrees && R ? fuzzyDegrees.subarray(t * R, t * R + R) : null,
        switchProb ? switchProb[t]! : 0,
      );
      label[t] = r.label;
      confidence[t] = r.confidence;
      probs.set(this.probs, t * L);
    }
    return { label, confidence, probs };
  }
}
