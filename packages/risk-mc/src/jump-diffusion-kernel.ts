import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";

/** Parameters of {@link jumpDiffusionKernel} (structured-cloneable: they are posted to workers). */
export interface JumpDiffusionParams {
  s0: number;
  drift: number;
  vol: number;
  lambdaDt: number;
  jumpMean: number;
  jumpStd: number;
  steps: number;
  seed: number;
}

/** Kernel of {@link simulateJumpDiffusion}. */
export const jumpDiffusionKernel: Kernel<JumpDiffusionParams> = (p, start, end, out) => {
  const { s0, drift, vol, lambdaDt, jumpMean, jumpStd, steps, seed } = p;
  const paths = out.paths;
  const terminal = out.terminal!;
  const rng = new NormalStream(seed, start);
  const width = steps + 1;
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    let l = 0;
    const o = i * width;
    if (paths) paths[o] = s0;
    for (let k = 0; k < steps; k++) {
      l += drift + vol * rng.normal();
      const n = rng.poisson(lambdaDt);
      if (n > 0) l += n * jumpMean + jumpStd * Math.sqrt(n) * rng.normal();
      if (paths) paths[o + k + 1] = s0 * Math.exp(l);
    }
    terminal[i] = s0 * Math.exp(l);
  }
};
