import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { Kernel } from "./kernel.js";
import { type Series, toSeries } from "./moments.js";
import { NormalStream } from "./normal-stream.js";
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
export type BootstrapOptions = z.input<typeof bootstrapOptions> & RunOptions & { readonly returns: Series };

interface Params {
  s0: number;
  returns: Float64Array;
  stationary: boolean;
  pNew: number;
  steps: number;
  seed: number;
}

/** Kernel of {@link simulateBootstrap}. */
export const bootstrapKernel: Kernel<Params> = (p, start, end, out) => {
  const { s0, returns, stationary, pNew, steps, seed } = p;
  const n = returns.length;
  const paths = out.paths;
  const terminal = out.terminal!;
  const rng = new NormalStream(seed, start);
  const width = steps + 1;
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    let s = s0;
    let j = rng.int(n);
    const o = i * width;
    if (paths) paths[o] = s0;
    for (let k = 0; k < steps; k++) {
      if (k > 0) {
        if (!stationary || rng.uniform() < pNew) j = rng.int(n);
        else j = j + 1 === n ? 0 : j + 1;
      }
      s *= 1 + returns[j]!;
      if (paths) paths[o + k + 1] = s;
    }
    terminal[i] = s;
  }
};

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
  const params: Params = {
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
