import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { type CorrelatedParams, correlatedKernel } from "./correlated-kernel.js";
import { covarianceFactor } from "./covariance-factor.js";
import { allocate, type RunOptions, runKernel } from "./worker-pool.js";

/** Options of {@link simulateCorrelated}. */
export const correlatedOptions = z.object({
  /** Start values, one per asset (> 0). */
  s0: z.array(z.number().positive()).min(1),
  /** Annualized drifts, one per asset. */
  mu: z.array(z.number().finite()),
  /** Annualized covariance matrix of log returns (assets × assets, symmetric PSD). */
  cov: z.array(z.array(z.number())),
  /** Step length in years. */
  dt: z.number().positive(),
  steps: z.number().int().min(1),
  paths: z.number().int().min(1),
  seed: z.number().int(),
  terminalOnly: z.boolean().optional(),
});
/** Input type of the options described by the zod schema above (CorrelatedOptions); field docs are on the schema. */
export type CorrelatedOptions = z.input<typeof correlatedOptions> & RunOptions;

/** Correlated multi-asset paths. */
export interface CorrelatedPathSet {
  /** Row-major `paths × assets × (steps + 1)`: path i, asset a, step k at `(i·assets + a)·(steps + 1) + k`. */
  readonly paths?: Float64Array;
  /** Row-major `paths × assets` terminal values. */
  readonly terminal: Float64Array;
  readonly count: number;
  readonly steps: number;
  readonly assets: number;
}

/**
 * Correlated multi-asset GBM paths: log-increments (μ_a − Σ_aa/2)·dt + √dt·(L·Z)_a with L·Lᵀ = Σ (Cholesky via
 * ml-matrix; eigen factor for singular PSD input). A non-PSD or asymmetric covariance is rejected with a
 * `ValidationError` that names the smallest eigenvalue.
 *
 * @param options - `s0[]`, `mu[]` (annualized), `cov` (annualized, assets × assets), `dt` (years), `steps`,
 *   `paths`, `seed`, `terminalOnly`, and run options.
 * @example
 * const r = await simulateCorrelated({ s0: [100, 50], mu: [0.05, 0.03], cov: [[0.04, 0.018], [0.018, 0.09]],
 *   dt: 1 / 252, steps: 252, paths: 10_000, seed: 1 });
 * r.terminal[2 * 3 + 1]; // → asset 1 of path 3
 * @see https://en.wikipedia.org/wiki/Cholesky_decomposition#Monte_Carlo_simulation
 */
export async function simulateCorrelated(options: CorrelatedOptions): Promise<CorrelatedPathSet> {
  const o = parseWith(correlatedOptions, options, "simulateCorrelated options");
  const n = o.s0.length;
  if (o.mu.length !== n || o.cov.length !== n) {
    throw new ValidationError("simulateCorrelated options", [
      { path: "mu", message: `expected ${n} drifts (one per s0), got ${o.mu.length}` },
      { path: "cov", message: `expected a ${n}×${n} matrix, got ${o.cov.length} rows` },
    ]);
  }
  const factor = covarianceFactor(o.cov);
  const sq = Math.sqrt(o.dt);
  for (let i = 0; i < factor.length; i++) factor[i] = factor[i]! * sq;
  const params: CorrelatedParams = {
    s0: Float64Array.from(o.s0),
    drift: Float64Array.from(o.mu, (m, a) => (m - 0.5 * o.cov[a]![a]!) * o.dt),
    factor,
    assets: n,
    steps: o.steps,
    seed: o.seed,
  };
  const terminalOnly = o.terminalOnly ?? false;
  const out = await runKernel(
    "correlated",
    correlatedKernel,
    params,
    o.paths,
    (shared): Record<string, Float64Array> =>
      terminalOnly
        ? { terminal: allocate(o.paths * n, shared) }
        : { terminal: allocate(o.paths * n, shared), paths: allocate(o.paths * n * (o.steps + 1), shared) },
    options,
  );
  return { paths: out.paths, terminal: out.terminal!, count: o.paths, steps: o.steps, assets: n };
}
