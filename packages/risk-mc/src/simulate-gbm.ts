import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { type GbmParams, gbmKernel } from "./gbm-kernel.js";
import { commonPathOptions, type PathSet, pathOutputs } from "./path-set.js";
import { allocate, type RunOptions, runKernel } from "./worker-pool.js";

/** Options of {@link simulateGbm}. */
export const gbmOptions = z.object({
  /** Start value (> 0). */
  s0: z.number().positive(),
  /** Annualized drift μ (arithmetic: E[S_t] = s0·e^{μt}). */
  mu: z.number().finite(),
  /** Annualized volatility σ (≥ 0). */
  sigma: z.number().nonnegative(),
  /** Step length in years (e.g. 1/252). */
  dt: z.number().positive(),
  ...commonPathOptions,
});
/** Input type of the options described by the zod schema above (GbmOptions); field docs are on the schema. */
export type GbmOptions = z.input<typeof gbmOptions> & RunOptions;

function gbmParams(options: GbmOptions): { params: GbmParams; paths: number; terminalOnly: boolean } {
  const o = parseWith(gbmOptions, options, "simulateGbm options");
  return {
    params: {
      s0: o.s0,
      drift: (o.mu - 0.5 * o.sigma * o.sigma) * o.dt,
      vol: o.sigma * Math.sqrt(o.dt),
      steps: o.steps,
      seed: o.seed,
    },
    paths: o.paths,
    terminalOnly: o.terminalOnly ?? false,
  };
}

/**
 * Geometric Brownian motion paths, exact log-Euler scheme: ln S_{k+1} = ln S_k + (μ − σ²/2)·dt + σ·√dt·Z_k.
 * The log-increments are accumulated and exponentiated per step (a table-driven exp within 1 ulp of the correctly
 * rounded value; `Math.exp` beyond |ln(S/s0)| > 700), so `terminalOnly` gives bit-identical terminal values to the
 * full matrix. Path `i` draws from `NormalStream(seed, i)`: the result is identical for any
 * `workers`.
 *
 * @param options - `s0`, `mu` (annualized), `sigma` (annualized), `dt` (years), `steps`, `paths`, `seed`,
 *   `terminalOnly` (default false), and run options `workers` (default 1), `pool`, `onProgress`, `signal`.
 * @returns `{ paths?, terminal, count, steps }` with `paths` row-major `paths × (steps + 1)`.
 * @example
 * const { terminal } = await simulateGbm({ s0: 100, mu: 0.05, sigma: 0.2, dt: 1 / 252, steps: 252, paths: 100_000, seed: 1 });
 * // mean(terminal) ≈ 100·e^0.05 = 105.13 (± 0.07)
 * @see https://en.wikipedia.org/wiki/Geometric_Brownian_motion
 */
export async function simulateGbm(options: GbmOptions): Promise<PathSet> {
  const { params, paths, terminalOnly } = gbmParams(options);
  const out = await runKernel(
    "gbm",
    gbmKernel,
    params,
    paths,
    (shared) => pathOutputs(paths, params.steps, terminalOnly, (n) => allocate(n, shared)),
    options,
  );
  return { ...out, count: paths, steps: params.steps };
}

/**
 * Synchronous single-thread {@link simulateGbm} (same numbers).
 *
 * @param options - as {@link simulateGbm} without the run options.
 * @example
 * simulateGbmSync({ s0: 1, mu: 0, sigma: 0.2, dt: 1 / 252, steps: 21, paths: 10, seed: 3 }).terminal.length; // → 10
 */
export function simulateGbmSync(options: GbmOptions): PathSet {
  const { params, paths, terminalOnly } = gbmParams(options);
  const out = pathOutputs(paths, params.steps, terminalOnly, (n) => new Float64Array(n));
  gbmKernel(params, 0, paths, out as Record<string, Float64Array>);
  return { ...out, count: paths, steps: params.steps };
}
