import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { WindowMoments, WindowSum } from "../util/moments.js";
import { nanArray, nonNegativeSchema, parseOptions, periodSchema } from "../util/options.js";
import { rollingVariance } from "../volatility/variance.js";
import { Ema, ema } from "./ema.js";

/** Options of {@link bbands} / {@link Bbands}. */
export const bbandsOptions = z
  .object({
    /** Window length in bars, 2…100000. Default 5 (TA-Lib). */
    period: periodSchema(2, 5),
    /** Band width in standard deviations, both sides. Default 2 (TA-Lib). */
    stdDev: nonNegativeSchema(2),
    /** Upper band width (TA-Lib `optInNbDevUp`); defaults to `stdDev`. */
    stdDevUp: nonNegativeSchema().optional(),
    /** Lower band width (TA-Lib `optInNbDevDn`); defaults to `stdDev`. */
    stdDevDown: nonNegativeSchema().optional(),
    /** Middle band: `"sma"` (default, Bollinger) or `"ema"` (TA-Lib `optInMAType = EMA`; σ stays the window's). */
    maType: z.enum(["sma", "ema"]).default("sma"),
    /** Seeding of the EMA middle band (see {@link ema}): `"sma"` (TA-Lib default) or `"first"` (MetaStock mode). */
    seed: z.enum(["sma", "first"]).default("sma"),
  })
  .strict();
/** Options of {@link bbands} / {@link Bbands}. */
export type BbandsOptions = z.input<typeof bbandsOptions>;

/** Outputs of {@link bbands}. */
export interface BbandsResult {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/**
 * Bollinger Bands: `middle = SMA(x, p)`, `upper = middle + k_up·σ`, `lower = middle − k_dn·σ`, where σ is the
 * **population** standard deviation of the same window (TA-Lib's convention; Bollinger's own). The middle band
 * uses TA-Lib's running sum (identical to {@link sma}); σ uses the re-anchored shifted-sums kernel (accurate on
 * long series; TA-Lib zeroes σ when its variance is below 1e-8, quantkit does not). Lookback `period − 1`.
 * `maType: "ema"` uses an EMA middle band (TA-Lib `optInMAType = EMA`) with the same window σ.
 *
 * @param close - input column.
 * @param options - `{ period = 5, stdDev = 2, stdDevUp?, stdDevDown? }`.
 * @example
 * bbands(new Float64Array([1, 2, 3]), { period: 3, stdDev: 1 }).upper[2]; // → 2.816…  (2 + √(2/3))
 * @see TA-Lib `TA_BBANDS`; Bollinger, J. (2001). Bollinger on Bollinger Bands.
 */
export function bbands(close: Float64Array, options?: BbandsOptions): BbandsResult {
  const o = parseOptions(bbandsOptions, options, "BBANDS");
  const p = o.period;
  const up = o.stdDevUp ?? o.stdDev;
  const dn = o.stdDevDown ?? o.stdDev;
  const n = close.length;
  if (o.maType === "ema") return bbandsEma(close, p, o.seed, up, dn);
  // Only the warm-up prefix needs NaN: every later index is written below.
  const warm = Math.min(p - 1, n);
  const upper = new Float64Array(n);
  const middle = new Float64Array(n);
  const lower = new Float64Array(n);
  upper.fill(Number.NaN, 0, warm);
  middle.fill(Number.NaN, 0, warm);
  lower.fill(Number.NaN, 0, warm);
  let sum = 0;
  let k = 0;
  let s1 = 0;
  let s2 = 0;
  let wrap = p; // counts down to the next re-anchoring (every p values, as WindowMoments' ring wraps)
  const x = close;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    sum += v;
    // Shifted sums (mirrors WindowMoments.push operation for operation, including the re-anchoring).
    if (i < p) {
      if (i === 0) k = v;
      const d = v - k;
      s1 += d;
      s2 += d * d;
    } else {
      const dy = x[i - p]! - k;
      const d = v - k;
      s1 += d - dy;
      s2 += d * d - dy * dy;
    }
    if (--wrap === 0) {
      wrap = p;
      const from = i + 1 - p;
      let sum = 0;
      for (let j = from; j <= i; j++) sum += x[j]!;
      k = sum / p;
      s1 = 0;
      s2 = 0;
      for (let j = from; j <= i; j++) {
        const d = x[j]! - k;
        s1 += d;
        s2 += d * d;
      }
    }
    if (i >= p - 1) {
      const mid = sum / p;
      sum -= close[i - p + 1]!;
      const va = (s2 - (s1 * s1) / p) / p;
      const sd = Math.sqrt(Math.max(va, 0));
      middle[i] = mid;
      upper[i] = mid + up * sd;
      lower[i] = mid - dn * sd;
    }
  }
  return { upper, middle, lower };
}

/** EMA middle band: the same σ kernel as the SMA path (bit-identical to {@link Bbands} with `maType: "ema"`). */
function bbandsEma(
  close: Float64Array,
  p: number,
  seed: "sma" | "first",
  up: number,
  dn: number,
): BbandsResult {
  const n = close.length;
  const sd = rollingVariance(close, p, 0, 1, true);
  const e = ema(close, { period: p, seed });
  const upper = nanArray(n);
  const middle = nanArray(n);
  const lower = nanArray(n);
  for (let i = p - 1; i < n; i++) {
    const mid = e[i]!;
    const s = sd[i]!;
    middle[i] = mid;
    upper[i] = mid + up * s;
    lower[i] = mid - dn * s;
  }
  return { upper, middle, lower };
}

/**
 * Streaming {@link bbands}: `update` returns the middle band; `upper`/`lower` are getters. Bit-identical to the
 * vectorized function.
 *
 * @example
 * const b = new Bbands({ period: 3, stdDev: 1 }); [1, 2, 3].forEach((x) => b.update(x)); b.upper; // → 2.816…
 * @see TA-Lib `TA_BBANDS`
 */
export class Bbands implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  private readonly up: number;
  private readonly dn: number;
  private readonly sum: WindowSum;
  private readonly w: WindowMoments;
  private readonly ema: Ema | undefined;
  private mid = Number.NaN;
  private hi = Number.NaN;
  private lo = Number.NaN;

  /** @param options - `{ period = 5, stdDev = 2, stdDevUp?, stdDevDown? }`. */
  constructor(options?: BbandsOptions) {
    const o = parseOptions(bbandsOptions, options, "BBANDS");
    this.period = o.period;
    this.lookback = o.period - 1;
    this.up = o.stdDevUp ?? o.stdDev;
    this.dn = o.stdDevDown ?? o.stdDev;
    this.sum = new WindowSum(o.period);
    this.w = new WindowMoments(o.period);
    this.ema = o.maType === "ema" ? new Ema({ period: o.period, seed: o.seed }) : undefined;
  }

  update(x: number): number {
    const total = this.sum.push(x);
    this.w.push(x);
    const e = this.ema ? this.ema.update(x) : 0;
    if (!this.sum.isFull) return Number.NaN;
    const mid = this.ema ? e : total / this.period;
    const sd = Math.sqrt(this.w.variance(0));
    this.mid = mid;
    this.hi = mid + this.up * sd;
    this.lo = mid - this.dn * sd;
    return mid;
  }

  peek(x: number): number {
    const total = this.sum.peek(x);
    if (Number.isNaN(total)) return Number.NaN;
    return this.ema ? this.ema.peek(x) : total / this.period;
  }

  /** Middle band (SMA). */
  get value(): number {
    return this.mid;
  }

  /** Middle band (SMA). */
  get middle(): number {
    return this.mid;
  }

  /** Upper band. */
  get upper(): number {
    return this.hi;
  }

  /** Lower band. */
  get lower(): number {
    return this.lo;
  }

  get isReady(): boolean {
    return this.sum.isFull;
  }

  reset(): void {
    this.sum.reset();
    this.w.reset();
    this.ema?.reset();
    this.mid = this.hi = this.lo = Number.NaN;
  }
}
