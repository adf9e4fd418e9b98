import { GaussianHmm } from "../hmm/gaussian-hmm.js";
import type { HmmParamsInput } from "../hmm/params.js";

/** What {@link twoStateHmm} builds a model from. */
export interface TwoStateSpec {
  /** Probabilities of leaving state 0 and state 1 per step: transMat = [[1 − p01, p01], [p10, 1 − p10]]. */
  readonly switchProb: readonly [number, number];
  readonly means: HmmParamsInput["means"];
  readonly covars: HmmParamsInput["covars"];
  /** Default [0.5, 0.5]. */
  readonly startProb?: readonly [number, number];
}

/**
 * Test helper (not exported): a two-state Gaussian HMM from its switching probabilities, the simulated "truth" of
 * many tests. For the probabilities used in the tests (0.02, 0.03, 0.04, 0.05, 0.1, 0.2) `1 − p` is exactly the
 * decimal written before (0.98, …), so the models are bit-identical to the literal matrices.
 *
 * @example
 * twoStateHmm({ switchProb: [0.1, 0.2], means: [0, 0], covars: [1, 1] }).params.transMat // → [0.9, 0.1, 0.2, 0.8]
 */
export function twoStateHmm(spec: TwoStateSpec): GaussianHmm {
  const [p01, p10] = spec.switchProb;
  return GaussianHmm.fromParams({
    startProb: [...(spec.startProb ?? [0.5, 0.5])],
    transMat: [
      [1 - p01, p01],
      [p10, 1 - p10],
    ],
    means: spec.means,
    covars: spec.covars,
  });
}
