import { parseWith } from "@quantkit/core";
import { Adx, Natr, Rsi } from "@quantkit/indicators";
import { z } from "zod";

/** zod schema of {@link FuzzyFeaturesOptions}. */
export const fuzzyFeaturesOptions = z.object({
  period: z.number().int().min(2).default(14),
  rankWindow: z.number().int().min(2).default(252),
});

/**
 * Options of {@link fuzzyFeatures}: `period` of ADX, RSI and NATR (default 14, Wilder's) and `rankWindow`, the
 * number of bars (including the current one) over which NATR is ranked into a percentile (default 252 ≈ 1 year of
 * daily bars).
 */
export type FuzzyFeaturesOptions = z.input<typeof fuzzyFeaturesOptions>;

/** The [0, 1]-scaled feature columns of {@link fuzzyFeatures} (NaN during warm-up). */
export type FuzzyFeatureColumns = {
  /** ADX / 100: trend strength. */
  readonly trend: Float64Array;
  /** Percentile rank of NATR among the last `rankWindow` bars: relative volatility. */
  readonly volatility: Float64Array;
  /** RSI / 100: momentum (0.5 = neutral). */
  readonly momentum: Float64Array;
};

/** One bar's features from {@link FuzzyFeatureStream.update}. */
export interface FuzzyFeatureValues {
  trend: number;
  volatility: number;
  momentum: number;
}

/**
 * Streaming face of {@link fuzzyFeatures}: feed bars one at a time (O(rankWindow) per bar for the rank).
 *
 * @example
 * const fs = new FuzzyFeatureStream();
 * const f = fs.update(high, low, close); // → { trend, volatility, momentum } (NaN until warmed up); reused object
 */
export class FuzzyFeatureStream {
  private readonly adx: Adx;
  private readonly rsi: Rsi;
  private readonly natr: Natr;
  private readonly ring: Float64Array;
  private filled = 0;
  private pos = 0;
  private readonly bar = { high: 0, low: 0, close: 0 };
  /** The latest values (reused object). */
  readonly value: FuzzyFeatureValues = { trend: Number.NaN, volatility: Number.NaN, momentum: Number.NaN };

  /** @param options - see {@link FuzzyFeaturesOptions}. */
  constructor(options: FuzzyFeaturesOptions = {}) {
    const o = parseWith(fuzzyFeaturesOptions, options, "fuzzyFeatures options");
    this.adx = new Adx({ period: o.period });
    this.rsi = new Rsi({ period: o.period });
    this.natr = new Natr({ period: o.period });
    this.ring = new Float64Array(o.rankWindow);
  }

  /** Consumes one bar and returns the updated features. */
  update(high: number, low: number, close: number): FuzzyFeatureValues {
    const v = this.value;
    v.trend = this.adx.step(high, low, close) / 100;
    v.momentum = this.rsi.update(close) / 100;
    this.bar.high = high;
    this.bar.low = low;
    this.bar.close = close;
    const n = this.natr.update(this.bar);
    if (Number.isNaN(n)) {
      v.volatility = Number.NaN;
      return v;
    }
    const w = this.ring.length;
    this.ring[this.pos] = n;
    this.pos = (this.pos + 1) % w;
    if (this.filled < w) this.filled++;
    if (this.filled < w) {
      v.volatility = Number.NaN;
      return v;
    }
    // Mid-rank percentile: (#below + ½·#equal − ½) / (w − 1) ∈ [0, 1].
    let below = 0;
    let equal = 0;
    for (let i = 0; i < w; i++) {
      const x = this.ring[i]!;
      if (x < n) below++;
      else if (x === n) equal++;
    }
    v.volatility = (below + 0.5 * equal - 0.5) / (w - 1);
    return v;
  }
}

/**
 * Computes the generic [0, 1]-scaled features the default fuzzy rule base expects, from @quantkit/indicators:
 * trend = ADX/100, momentum = RSI/100, volatility = percentile rank of NATR over the last `rankWindow` bars.
 * Causal: row t uses bars 0..t only. NaN during warm-up (ADX: 2·period − 1 bars; volatility: period + rankWindow − 1).
 *
 * @param bars - `{ high, low, close }` columns (a `Bars` fits).
 * @param options - see {@link FuzzyFeaturesOptions}.
 * @example
 * const f = fuzzyFeatures(bars);
 * new FuzzyRegimeClassifier().classify(f).label; // regime index per bar (−1 during warm-up)
 * @see TA-Lib ADX / RSI / NATR (via @quantkit/indicators).
 */
export function fuzzyFeatures(
  bars: { readonly high: Float64Array; readonly low: Float64Array; readonly close: Float64Array },
  options: FuzzyFeaturesOptions = {},
): FuzzyFeatureColumns {
  const s = new FuzzyFeatureStream(options);
  const n = bars.close.length;
  const trend = new Float64Array(n);
  const volatility = new Float64Array(n);
  const momentum = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const v = s.update(bars.high[t]!, bars.low[t]!, bars.close[t]!);
    trend[t] = v.trend;
    volatility[t] = v.volatility;
    momentum[t] = v.momentum;
  }
  return { trend, volatility, momentum };
}
