import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { commonPathOptions, type PathSet, pathOutputs } from "./path-set.js";
import { type RegimeSwitchingParams, regimeSwitchingKernel } from "./regime-switching-kernel.js";
import { allocate, type RunOptions, runKernel } from "./worker-pool.js";

const flatOrNested = z.union([
  z.instanceof(Float64Array),
  z.array(z.number()),
  z.array(z.array(z.number())),
  z.array(z.array(z.array(z.number()))),
]);

/**
 * Parameters of a univariate Gaussian HMM, structurally compatible with `@quantkit/regimes`' `HmmParams`
 * (`GaussianHmm#params`): flat row-major `Float64Array`s or nested arrays. `transMat[i][j]` = p(s_t = j | s_{t−1} = i);
 * `means[k]` and `covars[k]` are the mean and variance of the per-step log return in state k.
 */
export const regimeParamsSchema = z.object({
  startProb: z.union([z.instanceof(Float64Array), z.array(z.number())]),
  transMat: flatOrNested,
  means: flatOrNested,
  covars: flatOrNested,
  nFeatures: z.number().int().optional(),
});
/** Input type of the options described by the zod schema above (RegimeParams); field docs are on the schema. */
export type RegimeParams = z.input<typeof regimeParamsSchema>;

/** Options of {@link simulateRegimeSwitching}. */
export const regimeSwitchingOptions = z.object({
  s0: z.number().positive(),
  /** Probabilities of the state before the first step (e.g. the last filtered probabilities). @default params.startProb */
  initialProb: z.union([z.instanceof(Float64Array), z.array(z.number())]).optional(),
  ...commonPathOptions,
});
/** Input type of the options described by the zod schema above (RegimeSwitchingOptions); field docs are on the schema. */
export type RegimeSwitchingOptions = z.input<typeof regimeSwitchingOptions> &
  RunOptions & { readonly params: RegimeParams };

function flatten(v: unknown): number[] {
  if (v instanceof Float64Array) return Array.from(v);
  const out: number[] = [];
  const rec = (x: unknown) => {
    if (Array.isArray(x)) for (const y of x) rec(y);
    else out.push(x as number);
  };
  rec(v);
  return out;
}

function cumulative(p: number[], what: string): Float64Array {
  let sum = 0;
  for (const v of p) sum += v;
  if (!(Math.abs(sum - 1) < 1e-8) || p.some((v) => !(v >= 0))) {
    throw new ValidationError("simulateRegimeSwitching params", [
      { path: what, message: `expected non-negative probabilities summing to 1, got [${p.join(", ")}]` },
    ]);
  }
  const out = new Float64Array(p.length);
  let c = 0;
  for (let i = 0; i < p.length; i++) out[i] = c += p[i]! / sum;
  return out;
}

/**
 * Regime-switching price paths from a univariate Gaussian HMM: the hidden state follows the Markov chain
 * (`transMat`, starting from `initialProb` or `startProb`), and each step's log return is N(means[s], covars[s]).
 * Accepts `GaussianHmm#params` from `@quantkit/regimes` directly (univariate models). Besides `paths`/`terminal`
 * the result holds `states` (paths × steps, the state of each step, as doubles) unless `terminalOnly`.
 *
 * @param options - `s0`, `params` ({ startProb, transMat, means, covars }), `initialProb`, `steps`, `paths`, `seed`,
 *   `terminalOnly`, and run options.
 * @example
 * await simulateRegimeSwitching({ s0: 100, params: { startProb: [1, 0], transMat: [[0.99, 0.01], [0.05, 0.95]],
 *   means: [0.0005, -0.002], covars: [1e-4, 9e-4] }, steps: 252, paths: 1000, seed: 1 });
 * @see https://doi.org/10.2307/1912559 (Hamilton 1989)
 */
export async function simulateRegimeSwitching(
  options: RegimeSwitchingOptions,
): Promise<PathSet & { states?: Float64Array; nStates: number }> {
  const o = parseWith(regimeSwitchingOptions, options, "simulateRegimeSwitching options");
  const hp = parseWith(regimeParamsSchema, options.params, "simulateRegimeSwitching params");
  if (hp.nFeatures !== undefined && hp.nFeatures !== 1) {
    throw new ValidationError("simulateRegimeSwitching params", [
      { path: "nFeatures", message: `expected a univariate model (1 feature), got ${hp.nFeatures}` },
    ]);
  }
  const start = flatten(hp.startProb);
  const k = start.length;
  const trans = flatten(hp.transMat);
  const means = flatten(hp.means);
  const covars = flatten(hp.covars);
  const issues = [];
  if (trans.length !== k * k)
    issues.push({ path: "transMat", message: `expected ${k}×${k} values, got ${trans.length}` });
  if (means.length !== k)
    issues.push({ path: "means", message: `expected ${k} values, got ${means.length}` });
  if (covars.length !== k)
    issues.push({ path: "covars", message: `expected ${k} variances, got ${covars.length}` });
  covars.forEach((v, i) => {
    if (!(v >= 0)) issues.push({ path: `covars.${i}`, message: `expected a variance ≥ 0, got ${v}` });
  });
  if (issues.length > 0) throw new ValidationError("simulateRegimeSwitching params", issues);
  const transCdf = new Float64Array(k * k);
  for (let i = 0; i < k; i++) transCdf.set(cumulative(trans.slice(i * k, i * k + k), `transMat.${i}`), i * k);
  const params: RegimeSwitchingParams = {
    s0: o.s0,
    k,
    initialCdf: cumulative(
      o.initialProb ? flatten(o.initialProb) : start,
      o.initialProb ? "initialProb" : "startProb",
    ),
    transCdf,
    means: Float64Array.from(means),
    sds: Float64Array.from(covars, Math.sqrt),
    steps: o.steps,
    seed: o.seed,
  };
  const terminalOnly = o.terminalOnly ?? false;
  const out = await runKernel(
    "regimeSwitching",
    regimeSwitchingKernel,
    params,
    o.paths,
    (shared) => {
      const base = pathOutputs(o.paths, o.steps, terminalOnly, (n) => allocate(n, shared));
      return terminalOnly ? base : { ...base, states: allocate(o.paths * o.steps, shared) };
    },
    options,
  );
  return { ...out, count: o.paths, steps: o.steps, nStates: k };
}
