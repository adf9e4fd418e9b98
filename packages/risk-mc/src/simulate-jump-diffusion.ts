import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { type JumpDiffusionParams, jumpDiffusionKernel } from "./jump-diffusion-kernel.js";
import { commonPathOptions, type PathSet, pathOutputs } from "./path-set.js";
import { allocate, type RunOptions, runKernel } from "./worker-pool.js";

/** Options of {@link simulateJumpDiffusion}. */
export const jumpDiffusionOptions = z.object({
  s0: z.number().positive(),
  /** Annualized total drift μ: the compensator keeps E[S_t] = s0·e^{μt}. */
  mu: z.number().finite(),
  /** Annualized diffusion volatility σ. */
  sigma: z.number().nonnegative(),
  dt: z.number().positive(),
  /** Jump intensity λ, jumps per year. */
  lambda: z.number().nonnegative(),
  /** Mean of the log jump size. */
  jumpMean: z.number().finite(),
  /** Standard deviation of the log jump size (≥ 0). */
  jumpStd: z.number().nonnegative(),
  ...commonPathOptions,
});
/** Input type of the options described by the zod schema above (JumpDiffusionOptions); field docs are on the schema. */
export type JumpDiffusionOptions = z.input<typeof jumpDiffusionOptions> & RunOptions;

/**
 * Merton (1976) jump-diffusion paths: ln S_{k+1} − ln S_k = (μ − σ²/2 − λκ)·dt + σ·√dt·Z + Σ_{j ≤ N_k} Y_j with
 * N_k ~ Poisson(λ·dt), Y_j ~ N(jumpMean, jumpStd²) and κ = e^{jumpMean + jumpStd²/2} − 1, so E[S_t] = s0·e^{μt}.
 *
 * @param options - `s0`, `mu`, `sigma`, `dt`, `lambda` (per year), `jumpMean`, `jumpStd`, `steps`, `paths`,
 *   `seed`, `terminalOnly`, and run options.
 * @example
 * await simulateJumpDiffusion({ s0: 100, mu: 0.05, sigma: 0.2, dt: 1 / 252, lambda: 1, jumpMean: -0.1, jumpStd: 0.05, steps: 252, paths: 1000, seed: 1 });
 * @see https://doi.org/10.1016/0304-405X(76)90022-2 (Merton 1976)
 */
export async function simulateJumpDiffusion(options: JumpDiffusionOptions): Promise<PathSet> {
  const o = parseWith(jumpDiffusionOptions, options, "simulateJumpDiffusion options");
  const kappa = Math.exp(o.jumpMean + 0.5 * o.jumpStd * o.jumpStd) - 1;
  const params: JumpDiffusionParams = {
    s0: o.s0,
    drift: (o.mu - 0.5 * o.sigma * o.sigma - o.lambda * kappa) * o.dt,
    vol: o.sigma * Math.sqrt(o.dt),
    lambdaDt: o.lambda * o.dt,
    jumpMean: o.jumpMean,
    jumpStd: o.jumpStd,
    steps: o.steps,
    seed: o.seed,
  };
  const out = await runKernel(
    "jumpDiffusion",
    jumpDiffusionKernel,
    params,
    o.paths,
    (shared) => pathOutputs(o.paths, o.steps, o.terminalOnly ?? false, (n) => allocate(n, shared)),
    options,
  );
  return { ...out, count: o.paths, steps: o.steps };
}
