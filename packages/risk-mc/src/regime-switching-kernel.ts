import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";

/** Parameters of {@link regimeSwitchingKernel} (structured-cloneable: they are posted to workers). */
export interface RegimeSwitchingParams {
  s0: number;
  k: number;
  initialCdf: Float64Array;
  transCdf: Float64Array;
  means: Float64Array;
  sds: Float64Array;
  steps: number;
  seed: number;
}

function draw(cdf: Float64Array, offset: number, k: number, u: number): number {
  for (let j = 0; j < k - 1; j++) if (u < cdf[offset + j]!) return j;
  return k - 1;
}

/** Kernel of {@link simulateRegimeSwitching}. */
export const regimeSwitchingKernel: Kernel<RegimeSwitchingParams> = (p, start, end, out) => {
  const { s0, k, initialCdf, transCdf, means, sds, steps, seed } = p;
  const paths = out.paths;
  const terminal = out.terminal!;
  const states = out.states;
  const rng = new NormalStream(seed, start);
  const width = steps + 1;
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    let state = draw(initialCdf, 0, k, rng.uniform());
    let l = 0;
    const o = i * width;
    if (paths) paths[o] = s0;
    for (let t = 0; t < steps; t++) {
      state = draw(transCdf, state * k, k, rng.uniform());
      l += means[state]! + sds[state]! * rng.normal();
      if (paths) paths[o + t + 1] = s0 * Math.exp(l);
      if (states) states[i * steps + t] = state;
    }
    terminal[i] = s0 * Math.exp(l);
  }
};
