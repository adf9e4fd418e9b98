import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { commonPathOptions, type PathSet, pathOutputs } from "./path-set.js";
import { type StudentTParams, studentTKernel } from "./student-t-kernel.js";
import { allocate, type RunOptions, runKernel } from "./worker-pool.js";

/** Options of {@link simulateStudentT}. */
export const studentTPathOptions = z.object({
  s0: z.number().positive(),
  /** Annualized drift μ; the log-increment mean is (μ − σ²/2)·dt as for GBM. */
  mu: z.number().finite(),
  /** Annualized volatility σ: innovations are unit-variance t, so the log-increment sd is σ·√dt. */
  sigma: z.number().nonnegative(),
  dt: z.number().positive(),
  /** Degrees of freedom of the innovations (> 2 so the variance exists). */
  df: z.number().gt(2),
  ...commonPathOptions,
});
/** Input type of the options described by the zod schema above (StudentTPathOptions); field docs are on the schema. */
export type StudentTPathOptions = z.input<typeof studentTPathOptions> & RunOptions;

/**
 * Price paths whose log-increments are (μ − σ²/2)·dt + σ·√dt·T_k with T_k Student-t(df) rescaled to unit variance
 * (fat-tailed GBM). Seeded per path like {@link simulateGbm}; identical for any number of workers.
 *
 * @param options - `s0`, `mu`, `sigma` (annualized), `dt` (years), `df` (> 2), `steps`, `paths`, `seed`,
 *   `terminalOnly`, and run options.
 * @example
 * const { terminal } = await simulateStudentT({ s0: 100, mu: 0, sigma: 0.2, dt: 1 / 252, df: 4, steps: 21, paths: 1000, seed: 2 });
 * @see https://en.wikipedia.org/wiki/Student%27s_t-distribution
 */
export async function simulateStudentT(options: StudentTPathOptions): Promise<PathSet> {
  const o = parseWith(studentTPathOptions, options, "simulateStudentT options");
  const params: StudentTParams = {
    s0: o.s0,
    drift: (o.mu - 0.5 * o.sigma * o.sigma) * o.dt,
    vol: o.sigma * Math.sqrt(o.dt),
    df: o.df,
    steps: o.steps,
    seed: o.seed,
  };
  const out = await runKernel(
    "studentT",
    studentTKernel,
    params,
    o.paths,
    (shared) => pathOutputs(o.paths, o.steps, o.terminalOnly ?? false, (n) => allocate(n, shared)),
    options,
  );
  return { ...out, count: o.paths, steps: o.steps };
}
