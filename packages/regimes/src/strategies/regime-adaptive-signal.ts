import { parseWith, QuantkitError } from "@quantkit/core";
import { sma } from "@quantkit/indicators";
import { z } from "zod";
import { walkForward } from "../evaluation/walk-forward.js";

/** zod schema of {@link RegimeAdaptiveOptions}. */
export const regimeAdaptiveOptions = z.object({
  nStates: z.number().int().min(2).max(8).default(2),
  trainSize: z.number().int().min(50).default(504),
  refitEvery: z.number().int().min(1).default(63),
  window: z.enum(["expanding", "rolling"]).default("expanding"),
  trendPeriod: z.number().int().min(2).default(50),
  threshold: z.number().min(0).max(1).default(0.6),
  otherwise: z.enum(["flat", "meanReversion"]).default("flat"),
  seed: z.number().int().default(0),
  nInit: z.number().int().min(1).default(2),
  maxIter: z.number().int().min(1).default(100),
});

/**
 * Options of {@link regimeAdaptiveSignal}.
 *
 * - `nStates` — HMM states on log returns; state 0 (lowest variance) is "calm". @default 2
 * - `trainSize` — bars of returns before the first classification (≈ 2 years daily). @default 504
 * - `refitEvery` — refit the HMM every this many bars (walk-forward). @default 63
 * - `window` — `"expanding"` or `"rolling"` (last `trainSize` returns) training window. @default "expanding"
 * - `trendPeriod` — SMA period of the trend rule: long above the SMA, short below. @default 50
 * - `threshold` — minimum filtered p(calm) to follow the trend. @default 0.6
 * - `otherwise` — position outside calm regimes: `"flat"` (0) or `"meanReversion"` (against the trend). @default "flat"
 * - `seed`, `nInit`, `maxIter` — HMM fitting (see GaussianHmmOptions; restart 1 starts from dispersion bands, which finds volatility regimes). @default 0, 2, 100
 */
export type RegimeAdaptiveOptions = z.input<typeof regimeAdaptiveOptions>;

/**
 * A regime-adaptive example strategy as a pure, causal signal: trend-following (sign of close − SMA) while the
 * HMM's FILTERED probability of the calm (lowest-variance) regime is at least `threshold`, flat (or
 * mean-reverting) otherwise. The HMM is refitted walk-forward on past returns only (see `walkForward`).
 *
 * Timing: `out[t]` is the target position in [−1, 1] decided with bars 0..t (known at bar t's close); execute
 * it from the next bar (e.g. at bar t + 1's open, or close-to-close t → t + 1). It is 0 until the first
 * classification (bar `trainSize + 1`) and during the SMA warm-up. Appending bars never changes earlier outputs.
 *
 * @param bars - `{ close }` column (a `Bars` fits); prices must be positive and finite.
 * @param options - see {@link RegimeAdaptiveOptions}.
 * @example
 * const pos = regimeAdaptiveSignal(bars, { trainSize: 504, refitEvery: 63 });
 * // pos[t] ∈ {−1, 0, 1}: hold pos[t] over bar t + 1
 * @see J. D. Hamilton (1989), Econometrica 57(2) (regime filtering); M. Faber (2007), "A quantitative approach to
 *   tactical asset allocation" (SMA trend rule).
 */
export function regimeAdaptiveSignal(
  bars: { readonly close: Float64Array },
  options: RegimeAdaptiveOptions = {},
): Float64Array {
  const o = parseWith(regimeAdaptiveOptions, options, "regimeAdaptiveSignal options");
  const { close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++)
    if (!(close[t]! > 0) || !Number.isFinite(close[t]!))
      throw new QuantkitError(
        `regimeAdaptiveSignal: close at row ${t} must be a positive finite price, got ${close[t]}`,
      );
  if (n < o.trainSize + 2) return out;
  const r = new Float64Array(n - 1);
  for (let t = 1; t < n; t++) r[t - 1] = 100 * Math.log(close[t]! / close[t - 1]!);
  const wf = walkForward(r, {
    nStates: o.nStates,
    trainSize: o.trainSize,
    step: o.refitEvery,
    window: o.window,
    seed: o.seed,
    nInit: o.nInit,
    maxIter: o.maxIter,
    labelOrder: { by: "variance", feature: 0 },
  });
  const trend = sma(close, { period: o.trendPeriod });
  const K = o.nStates;
  for (let t = 1; t < n; t++) {
    const pCalm = wf.probs[(t - 1) * K]!;
    const m = trend[t]!;
    if (Number.isNaN(pCalm) || Number.isNaN(m)) continue;
    const dir = close[t]! > m ? 1 : close[t]! < m ? -1 : 0;
    out[t] = pCalm >= o.threshold ? dir : o.otherwise === "meanReversion" ? -dir : 0;
  }
  return out;
}
