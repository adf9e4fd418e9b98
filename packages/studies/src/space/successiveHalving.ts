import { QuantkitError } from "@quantkit/core";
import { type ParamSpace, type Params, randomSearch } from "./paramSpace.js";

/** One rung of {@link successiveHalving}: the data fraction used and every candidate's score on it. */
export interface HalvingRung {
  /** Fraction of the data (0, 1] the candidates were evaluated on. */
  readonly fraction: number;
  /** Candidates of this rung in their original sampling order, with scores (higher is better after `minimize`). */
  readonly evaluated: readonly { readonly params: Params; readonly score: number }[];
}

/** Result of {@link successiveHalving}. */
export interface HalvingResult {
  /** The best candidate of the last rung (on the largest fraction), or undefined if every score was NaN. */
  readonly best: { readonly params: Params; readonly score: number } | undefined;
  readonly rungs: readonly HalvingRung[];
  /** Total evaluations (Σ candidates over rungs). */
  readonly evaluations: number;
}

/** Options of {@link successiveHalving}. */
export interface HalvingOptions {
  /** Initial random candidates (≥ 1); ignored when `candidates` is given. */
  readonly n?: number;
  /** Start from exactly these candidates, in this order (e.g. the whole grid), instead of `n` random draws. */
  readonly candidates?: readonly Params[];
  /** Keep the top 1/eta at each rung (≥ 2). Default 3. */
  readonly eta?: number;
  /** Rng seed of the candidate sampling (unused with `candidates`). */
  readonly seed: number;
  /** Minimize the score instead of maximizing it. Default false. */
  readonly minimize?: boolean;
  /** Data fraction of the first rung. Default eta^−(rungs − 1), so the last rung uses all the data. */
  readonly minFraction?: number;
  /**
   * Scores `candidates` on the first `fraction` of the data (e.g. a sweep over a range ending at that fraction);
   * resolves with one score per candidate, in order. NaN scores rank last.
   */
  readonly evaluate: (candidates: readonly Params[], fraction: number) => Promise<readonly number[]>;
}

/**
 * Successive halving: sample `n` candidates (seeded random search) or take the given `candidates`, score them all on a small fraction of the
 * data, keep the best ⌈k/eta⌉, multiply the fraction by eta, and repeat until one candidate remains or the whole
 * data is used. Spends most evaluations on cheap short histories and the full history only on the finalists.
 * Deterministic for a given seed and evaluate function; ties keep the earlier-sampled candidate.
 *
 * @example
 * const r = await successiveHalving(space, { n: 27, eta: 3, seed: 1, evaluate: async (ps, f) => ps.map((p) => score(p, f)) });
 * r.rungs.map((g) => g.evaluated.length) // → [27, 9, 3, 1]
 * @see Jamieson & Talwalkar, "Non-stochastic Best Arm Identification and Hyperparameter Optimization", AISTATS 2016
 */
export async function successiveHalving(space: ParamSpace, o: HalvingOptions): Promise<HalvingResult> {
  const eta = o.eta ?? 3;
  if (o.candidates === undefined && (o.n === undefined || !Number.isInteger(o.n) || o.n < 1))
    throw new QuantkitError(`successiveHalving n: expected an integer ≥ 1, got ${o.n}`);
  if (o.candidates !== undefined && o.candidates.length === 0)
    throw new QuantkitError("successiveHalving candidates: expected at least one");
  if (!(eta >= 2)) throw new QuantkitError(`successiveHalving eta: expected ≥ 2, got ${eta}`);
  let candidates: readonly Params[] = o.candidates ?? randomSearch(space, o.n!, o.seed);
  const rungCount = Math.max(1, Math.floor(Math.log(candidates.length) / Math.log(eta) + 1e-9) + 1);
  let fraction = o.minFraction ?? eta ** -(rungCount - 1);
  if (!(fraction > 0 && fraction <= 1))
    throw new QuantkitError(`successiveHalving minFraction: expected in (0, 1], got ${fraction}`);
  const sign = o.minimize === true ? -1 : 1;
  const rungs: HalvingRung[] = [];
  let evaluations = 0;
  while (candidates.length > 0) {
    const scores = await o.evaluate(candidates, fraction);
    if (scores.length !== candidates.length)
      throw new QuantkitError(
        `successiveHalving evaluate: returned ${scores.length} scores for ${candidates.length} candidates`,
      );
    evaluations += candidates.length;
    const evaluated = candidates.map((params, i) => ({ params, score: scores[i]! }));
    rungs.push({ fraction, evaluated });
    if (candidates.length === 1 || fraction >= 1) break;
    const keep = Math.max(1, Math.ceil(candidates.length / eta));
    const order = evaluated
      .map((e, i) => ({ i, s: Number.isNaN(e.score) ? Number.NEGATIVE_INFINITY : sign * e.score }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, keep)
      .sort((a, b) => a.i - b.i);
    candidates = order.map((x) => evaluated[x.i]!.params);
    fraction = Math.min(1, fraction * eta);
  }
  const last = rungs[rungs.length - 1]!.evaluated;
  let best: { params: Params; score: number } | undefined;
  for (const e of last) {
    if (Number.isNaN(e.score)) continue;
    if (best === undefined || sign * e.score > sign * best.score) best = e;
  }
  return { best, rungs, evaluations };
}
