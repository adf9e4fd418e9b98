import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";

/** Parameters of {@link bootstrapKernel} (structured-cloneable: they are posted to workers). */
export interface BootstrapParams {
  s0: number;
  returns: Float64Array;
  stationary: boolean;
  pNew: number;
  steps: number;
  seed: number;
}

/** Kernel of {@link simulateBootstrap}. */
export const bootstrapKernel: Kernel<BootstrapParams> = (p, start, end, out) => {
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
