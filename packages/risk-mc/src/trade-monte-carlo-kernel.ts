import type { Kernel } from "./kernel.js";
import { NormalStream } from "./normal-stream.js";

/** Parameters of {@link tradeMonteCarloKernel} (structured-cloneable: they are posted to workers). */
export interface TradeMonteCarloParams {
  returns: Float64Array;
  shuffle: boolean;
  trades: number;
  e0: number;
  seed: number;
}

/** Kernel of {@link tradeMonteCarlo}: simulation i ← NormalStream(seed, i). */
export const tradeMonteCarloKernel: Kernel<TradeMonteCarloParams> = (p, start, end, out) => {
  const { returns, shuffle, trades, e0, seed } = p;
  const n = returns.length;
  const finalEquity = out.finalEquity!;
  const maxDrawdown = out.maxDrawdown!;
  const under = out.timeUnderWater!;
  const perm = new Float64Array(n);
  const rng = new NormalStream(seed, start);
  for (let i = start; i < end; i++) {
    rng.reseed(seed, i);
    if (shuffle) {
      perm.set(returns);
      for (let j = n - 1; j > 0; j--) {
        const k = rng.int(j + 1);
        const t = perm[j]!;
        perm[j] = perm[k]!;
        perm[k] = t;
      }
    }
    let eq = e0;
    let peak = e0;
    let mdd = 0;
    let run = 0;
    let longest = 0;
    for (let j = 0; j < trades; j++) {
      const r = shuffle ? perm[j]! : returns[rng.int(n)]!;
      eq *= 1 + r;
      if (eq >= peak) {
        peak = eq;
        run = 0;
      } else {
        run++;
        if (run > longest) longest = run;
        const dd = 1 - eq / peak;
        if (dd > mdd) mdd = dd;
      }
    }
    finalEquity[i] = eq;
    maxDrawdown[i] = mdd;
    under[i] = longest;
  }
};
