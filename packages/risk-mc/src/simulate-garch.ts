import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { fitGarch, type GarchFitOptions } from "./garch.js";
import { type GarchParams, garchKernel } from "./garch-kernel.js";
import { type Series, toSeries } from "./moments.js";
import { commonPathOptions, type PathSet, pathOutputs } from "./path-set.js";
import { allocate, type RunOptions, runKernel } from "./worker-pool.js";

/** Options of {@link simulateGarch}. */
export const garchSimOptions = z.object({
  s0: z.number().positive(),
  /** GARCH(1,1) parameters (per step), e.g. from {@link fitGarch}. */
  params: z.object({
    mu: z.number().finite(),
    omega: z.number().positive(),
    alpha: z.number().nonnegative(),
    beta: z.number().nonnegative(),
    df: z.number().gt(2).optional(),
  }),
  /**
   * Innovations: `"normal"`, `"t"` (unit-variance t with `params.df`) or `"filtered"` (iid resampling of
   * `residuals`, i.e. filtered historical simulation). @default "normal", or "t" when `params.df` is set
   */
  innovations: z.enum(["normal", "t", "filtered"]).optional(),
  /** σ² of the first simulated step. @default the unconditional variance ω/(1 − α − β) */
  initialVariance: z.number().positive().optional(),
  ...commonPathOptions,
});
/** Input type of the options described by the zod schema above (GarchSimOptions); field docs are on the schema. */
export type GarchSimOptions = z.input<typeof garchSimOptions> & RunOptions & { readonly residuals?: Series };

/**
 * GARCH(1,1) price paths: log return r_k = μ + σ_k·z_k with σ²_{k+1} = ω + α·(σ_k z_k)² + β·σ²_k and
 * S_k = s0·exp(Σ r). Innovations are normal, unit-variance t, or resampled standardized residuals (filtered
 * historical simulation, Barone-Adesi et al. 1999).
 *
 * @param options - `s0`, `params` ({ mu, omega, alpha, beta, df? } per step), `innovations`, `residuals` (for
 *   `"filtered"`), `initialVariance` (default unconditional), `steps`, `paths`, `seed`, `terminalOnly`, run options.
 * @example
 * await simulateGarch({ s0: 100, params: { mu: 0, omega: 2e-6, alpha: 0.08, beta: 0.9 }, steps: 252, paths: 1000, seed: 1 });
 * @see https://doi.org/10.1016/0304-4076(86)90063-1 (Bollerslev 1986)
 */
export async function simulateGarch(options: GarchSimOptions): Promise<PathSet> {
  const o = parseWith(garchSimOptions, options, "simulateGarch options");
  const innovations = o.innovations ?? (o.params.df === undefined ? "normal" : "t");
  if (innovations === "t" && o.params.df === undefined) {
    parseWith(
      z.object({ df: z.number() }),
      o.params,
      'simulateGarch options.params (innovations "t" needs df)',
    );
  }
  const residuals =
    innovations === "filtered"
      ? toSeries(options.residuals ?? [], 'simulateGarch residuals (required for innovations "filtered")', 1)
      : new Float64Array(0);
  const { mu, omega, alpha, beta } = o.params;
  const persistence = alpha + beta;
  const v0 = o.initialVariance ?? (persistence < 1 ? omega / (1 - persistence) : omega);
  const params: GarchParams = {
    s0: o.s0,
    mu,
    omega,
    alpha,
    beta,
    df: o.params.df ?? 0,
    mode: innovations === "normal" ? 0 : innovations === "t" ? 1 : 2,
    residuals,
    v0,
    steps: o.steps,
    seed: o.seed,
  };
  const out = await runKernel(
    "garch",
    garchKernel,
    params,
    o.paths,
    (shared) => pathOutputs(o.paths, o.steps, o.terminalOnly ?? false, (n) => allocate(n, shared)),
    options,
  );
  return { ...out, count: o.paths, steps: o.steps };
}

/**
 * Filtered historical simulation: fits GARCH(1,1) to `returns` ({@link fitGarch}), then simulates from the fit with
 * the standardized residuals resampled iid and the first step's variance set to the one-step forecast.
 *
 * @param returns - per-period log returns.
 * @param options - `s0`, `steps`, `paths`, `seed`, `terminalOnly`, `distribution` of the fit, run options.
 * @example
 * const { terminal } = await filteredHistoricalSimulation(logReturns, { s0: 100, steps: 10, paths: 10_000, seed: 1 });
 * @see https://doi.org/10.1016/S0927-5398(99)00005-4 (Barone-Adesi, Giannopoulos & Vosper 1999)
 */
export async function filteredHistoricalSimulation(
  returns: Series,
  options: {
    s0: number;
    steps: number;
    paths: number;
    seed: number;
    terminalOnly?: boolean;
  } & GarchFitOptions &
    RunOptions,
): Promise<PathSet & { fit: ReturnType<typeof fitGarch> }> {
  const fit = fitGarch(returns, { distribution: options.distribution ?? "normal" });
  const { distribution: _d, ...rest } = options;
  const set = await simulateGarch({
    ...rest,
    params: { mu: fit.mu, omega: fit.omega, alpha: fit.alpha, beta: fit.beta },
    innovations: "filtered",
    residuals: fit.standardizedResiduals,
    initialVariance: fit.nextVariance,
  });
  return { ...set, fit };
}
