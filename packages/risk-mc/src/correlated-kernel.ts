import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";

/** Parameters of {@link correlatedKernel} (structured-cloneable: they are posted to workers). */
export interface CorrelatedParams {
  s0: Float64Array;
  drift: Float64Array;
  factor: Float64Array;
  assets: number;
  steps: number;
  seed: number;
}

/** Kernel of {@link simulateCorrelated}. */
export const correlatedKernel: Kernel<CorrelatedParams> = (p, start, end, out) => {
  const { s0, drift, factor, assets, steps, seed } = p;
  const paths = out.paths;
  const terminal = out.terminal!;
  const z = new Float64Array(assets);
  const l = new Float64Array(assets);
  const rng = new NormalStream(seed, start);
  const width = steps + 1;
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    l.fill(0);
    if (paths) for (let a = 0; a < assets; a++) paths[(i * assets + a) * width] = s0[a]!;
    for (let k = 0; k < steps; k++) {
      rng.fillNormal(z, 0, assets);
      for (let a = 0; a < assets; a++) {
        let e = 0;
        for (let b = 0; b < assets; b++) e += factor[a * assets + b]! * z[b]!;
        l[a] = l[a]! + drift[a]! + e;
        if (paths) paths[(i * assets + a) * width + k + 1] = s0[a]! * Math.exp(l[a]!);
      }
    }
    for (let a = 0; a < assets; a++) terminal[i * assets + a] = s0[a]! * Math.exp(l[a]!);
  }
};
