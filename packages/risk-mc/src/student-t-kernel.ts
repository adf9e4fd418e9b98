import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";

/** Parameters of {@link studentTKernel} (structured-cloneable: they are posted to workers). */
export interface StudentTParams {
  s0: number;
  drift: number;
  vol: number;
  df: number;
  steps: number;
  seed: number;
}

/** Kernel of {@link simulateStudentT}. */
export const studentTKernel: Kernel<StudentTParams> = (p, start, end, out) => {
  const { s0, drift, vol, df, steps, seed } = p;
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
      l += drift + vol * rng.unitStudentT(df);
      if (paths) paths[o + k + 1] = s0 * Math.exp(l);
    }
    terminal[i] = s0 * Math.exp(l);
  }
};
