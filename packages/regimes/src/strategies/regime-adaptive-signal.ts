import { parseWith, QuantkitError } from "@quantkit/core";
import { Sma, sma } from "@quantkit/indicators";
import { z } from "zod";
import { walkForward } from "../evaluation/walk-forward.js";
import { GaussianHmm } from "../hmm/gaussian-hmm.js";
import { OnlineHmmFilter } from "../hmm/online-filter.js";

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

/**
 * Streaming face of {@link regimeAdaptiveSignal} for an event-driven backtester or live trading: feed each bar's
 * close as it completes and get the target position to hold over the next bar. Refits the HMM on the same
 * walk-forward schedule and returns bit-identical positions to the vectorized function (tested).
 *
 * @example
 * const strat = new RegimeAdaptiveStrategy({ trainSize: 504, refitEvery: 63 });
 * onBarClose((bar) => setTarget(strat.update(bar.close))); // target in {−1, 0, 1} for the next bar
 */
export class RegimeAdaptiveStrategy {
  /** Parsed options. */
  readonly options: z.output<typeof regimeAdaptiveOptions>;
  private readonly sma: Sma;
  private returns = new Float64Array(1024);
  private nReturns = 0;
  private lastClose = Number.NaN;
  private filter: OnlineHmmFilter | null = null;
  private pos = 0;
  private pCalmValue = Number.NaN;

  /** @param options - see {@link RegimeAdaptiveOptions}. */
  constructor(options: RegimeAdaptiveOptions = {}) {
    this.options = parseWith(regimeAdaptiveOptions, options, "RegimeAdaptiveStrategy options");
    this.sma = new Sma({ period: this.options.trendPeriod });
  }

  /** Filtered p(calm) after the last bar (NaN before the first classification). */
  get pCalm(): number {
    return this.pCalmValue;
  }

  /** Target position after the last bar. */
  get position(): number {
    return this.pos;
  }

  /**
   * Consumes the close of the bar that just completed; returns the target position for the next bar.
   *
   * @param close - positive finite price.
   */
  update(close: number): number {
    if (!(close > 0) || !Number.isFinite(close))
      throw new QuantkitError(
        `RegimeAdaptiveStrategy.update: close must be a positive finite price, got ${close}`,
      );
    const o = this.options;
    const m = this.sma.update(close);
    const prevClose = this.lastClose;
    this.lastClose = close;
    this.pos = 0;
    if (Number.isNaN(prevClose)) return 0;
    const r = 100 * Math.log(close / prevClose);
    if (this.nReturns === this.returns.length) {
      const grown = new Float64Array(this.returns.length * 2);
      grown.set(this.returns);
      this.returns = grown;
    }
    const i = this.nReturns++;
    this.returns[i] = r;
    if (i < o.trainSize) return 0;
    if ((i - o.trainSize) % o.refitEvery === 0) {
      const trainStart = o.window === "rolling" ? i - o.trainSize : 0;
      const model = new GaussianHmm({
        nStates: o.nStates,
        seed: o.seed,
        nInit: o.nInit,
        maxIter: o.maxIter,
        labelOrder: { by: "variance", feature: 0 },
      }).fit(this.returns.subarray(trainStart, i));
      this.filter = new OnlineHmmFilter(model);
      for (let j = trainStart; j < i; j++) this.filter.update(this.returns[j]!);
    }
    const p = this.filter!.update(r)[0]!;
    this.pCalmValue = p;
    if (Number.isNaN(m)) return 0;
    const dir = close > m ? 1 : close < m ? -1 : 0;
    this.pos = p >= o.threshold ? dir : o.otherwise === "meanReversion" ? -dir : 0;
    return this.pos;
  }
}
