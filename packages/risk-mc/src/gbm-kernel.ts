import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";
import { TABLE_EXP_LIMIT, tableExp, tableExpInRange } from "./table-exp.js";

/** Parameters of {@link gbmKernel} (structured-cloneable: they are posted to workers). */
export interface GbmParams {
  s0: number;
  drift: number;
  vol: number;
  steps: number;
  seed: number;
}

/**
 * Kernel of {@link simulateGbm}: path i ← NormalStream(seed, i), S = s0 · tableExp(l) with l the running sum of
 * drift + vol·z: {@link gbmRows} for the full matrix, {@link gbmTerminals} for terminal values only.
 */
export const gbmKernel: Kernel<GbmParams> = (p, start, end, out) => {
  if (out.paths) gbmRows(p, start, end, out.paths, out.terminal!);
  else gbmTerminals(p, start, end, out.terminal!);
};

/**
 * Full matrix: the normals are drawn straight into path i's row and turned into prices in place, so they never go
 * through a separate buffer. e^l is the in-range table formula inlined in the loop; a row whose log-price leaves
 * ±{@link TABLE_EXP_LIMIT} (or is NaN) is redrawn and recomputed with {@link tableExp} element by element, so every
 * value — like {@link gbmTerminals}' — is exactly `s0 · tableExp(l)`.
 */
function gbmRows(
  p: GbmParams,
  start: number,
  end: number,
  paths: Float64Array,
  terminal: Float64Array,
): void {
  const { s0, drift, vol, steps, seed } = p;
  const rng = new NormalStream(seed, start);
  const width = steps + 1;
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    const o = i * width;
    const last = o + steps;
    rng.fillNormal(paths, o + 1, steps);
    paths[o] = s0;
    let l = 0;
    let inRange = true;
    // 700 = TABLE_EXP_LIMIT written as a literal (tested equal): with the module compiled to CommonJS (tsx/esbuild
    // turn an imported binding into a getter call) reading the import in this loop made it 2.7× slower (Node 20)
    for (let k = o + 1; k <= last; k++) {
      l += drift + vol * paths[k]!;
      let x = l;
      if (!(x >= -700 && x <= 700)) {
        inRange = false;
        x = 0;
      }
      paths[k] = s0 * tableExpInRange(x);
    }
    if (!inRange) {
      rng.reseed(seed, i);
      rng.fillNormal(paths, o + 1, steps);
      l = 0;
      for (let k = o + 1; k <= last; k++) {
        l += drift + vol * paths[k]!;
        paths[k] = s0 * tableExp(l);
      }
    }
    terminal[i] = paths[last]!;
  }
}

/** Terminal values only: the same sums, one {@link tableExp} per path (bit-identical to the matrix's last column). */
function gbmTerminals(p: GbmParams, start: number, end: number, terminal: Float64Array): void {
  const { s0, drift, vol, steps, seed } = p;
  const rng = new NormalStream(seed, start);
  const z = new Float64Array(steps);
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    rng.fillNormal(z, 0, steps);
    let l = 0;
    for (let k = 0; k < steps; k++) l += drift + vol * z[k]!;
    terminal[i] = s0 * tableExp(l);
  }
}
