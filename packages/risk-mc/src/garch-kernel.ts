import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";

/** Parameters of {@link garchKernel} (structured-cloneable: they are posted to workers). */
export interface GarchParams {
  s0: number;
  mu: number;
  omega: number;
  alpha: number;
  beta: number;
  df: number;
  mode: 0 | 1 | 2;
  residuals: Float64Array;
  v0: number;
  steps: number;
  seed: number;
}

/** Kernel of {@link simulateGarch}. */
export const garchKernel: Kernel<GarchParams> = (p, start, end, out) => {
  const { s0, mu, omega, alpha, beta, df, mode, residuals, v0, steps, seed } = p;
  const paths = out.paths;
  const terminal = out.terminal!;
  const rng = new NormalStream(seed, start);
  const width = steps + 1;
  const nRes = residuals.length;
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    let l = 0;
    let v = v0;
    const o = i * width;
    if (paths) paths[o] = s0;
    for (let k = 0; k < steps; k++) {
      const zk = mode === 0 ? rng.normal() : mode === 1 ? rng.unitStudentT(df) : residuals[rng.int(nRes)]!;
      const e = Math.sqrt(v) * zk;
      l += mu + e;
      v = omega + alpha * e * e + beta * v;
      if (paths) paths[o + k + 1] = s0 * Math.exp(l);
    }
    terminal[i] = s0 * Math.exp(l);
  }
};
