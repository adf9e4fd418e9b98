import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";

/** Parameters of {@link gbmKernel} (structured-cloneable: they are posted to workers). */
export interface GbmParams {
  s0: number;
  drift: number;
  vol: number;
  steps: number;
  seed: number;
}

/** Kernel of {@link simulateGbm}: path i ← NormalStream(seed, i). */
export const gbmKernel: Kernel<GbmParams> = (p, start, end, out) => {
  const { s0, drift, vol, steps, seed } = p;
  const paths = out.paths;
  const terminal = out.terminal!;
  const z = new Float64Array(steps);
  const rng = new NormalStream(seed, start);
  const width = steps + 1;
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    rng.fillNormal(z, 0, steps);
    let l = 0;
    if (paths) {
      const o = i * width;
      paths[o] = s0;
      for (let k = 0; k < steps; k++) {
        l += drift + vol * z[k]!;
        paths[o + k + 1] = s0 * Math.exp(l);
      }
      terminal[i] = paths[o + steps]!;
    } else {
      for (let k = 0; k < steps; k++) l += drift + vol * z[k]!;
      terminal[i] = s0 * Math.exp(l);
    }
  }
};
