import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { type BootstrapParams, bootstrapKernel } from "./bootstrap-kernel.js";
import { type Series, toSeries } from "./moments.js";
import { commonPathOptions, type PathSet, pathOutputs } from "./path-set.js";
import { allocate, type RunOptions, runKernel } from "./worker-pool.js";

/** Options of {@link simulateBootstrap}. */
export const bootstrapOptions = z.object({
  s0: z.number().positive(),
  /** `"iid"` draws each step's return independently; `"stationary"` is the Politis–Romano block bootstrap. */
  method: z.enum(["iid", "stationary"]).default("iid"),
  /** Mean block length of the stationary bootstrap (geometric), in steps. @default 20 */
  blockLength: z.number().min(1).default(20),
  ...commonPathOptions,
});
/** Input type of the options described by the zod schema above (BootstrapOptions); field docs are on the schema. */
export type BootstrapOptions = z.input<typeof bootstrapOptions> & RunOptions & { readonly returns: Series };

/**
 * Historical bootstrap paths: S_{k+1} = S_k·(1 + r_j) with r_j resampled from the given simple returns, either iid
 * or by the stationary block bootstrap (Politis & Romano 1994: each step starts a new block with probability
 * 1/blockLength, otherwise continues with the next return, wrapping around circularly).
 *
 * @param options - `s0`, `returns` (simple, per step), `method` (`"iid"` default | `"stationary"`),
 *   `blockLength` (default 20), `steps`, `paths`, `seed`, `terminalOnly`, and run options.
 * @example
 * await simulateBootstrap({ s0: 1, returns: dailyReturns, method: "stationary", blockLength: 10, steps: 252, paths: 10_000, seed: 1 });
 * @see https://doi.org/10.1080/01621459.1994.10476870 (Politis & Romano 1994)
 */
export async function simulateBootstrap(options: BootstrapOptions): Promise<PathSet> {
  const o = parseWith(bootstrapOptions, options, "simulateBootstrap options");
  const returns = toSeries(options.returns, "simulateBootstrap returns", 1);
  const params: BootstrapParams = {
    s0: o.s0,
    returns,
    stationary: o.method === "stationary",
    pNew: 1 / o.blockLength,
    steps: o.steps,
    seed: o.seed,
  };
  const out = await runKernel(
    "bootstrap",
    bootstrapKernel,
    params,
    o.paths,
    (shared) => pathOutputs(o.paths, o.steps, o.terminalOnly ?? false, (n) => allocate(n, shared)),
    options,
  );
  return { ...out, count: o.paths, steps: o.steps };
}
