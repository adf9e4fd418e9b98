import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { WindowMoments } from "../util/moments.js";
import { nanArray, parseOptions, periodSchema } from "../util/options.js";

/** Options of {@link variance} / {@link Variance}. */
export const varianceOptions = z
  .object({
    /** Window length in bars, 2…100000. Default 5 (TA-Lib VAR). */
    period: periodSchema(2, 5),
    /** Delta degrees of freedom: 0 = population (TA-Lib, default), 1 = sample (pandas `rolling().var()`). */
    ddof: z.union([z.literal(0), z.literal(1)]).default(0),
  })
  .strict();
/** Options of {@link variance} / {@link Variance}. */
export type VarianceOptions = z.input<typeof varianceOptions>;

/**
 * Rolling variance over the last `period` values, `Σ(x − x̄)² / (period − ddof)`, by a sliding-window Welford
 * update ({@link WindowMoments}): accurate on long series and large levels where TA-Lib's `Σx²/n − x̄²` running sums
 * cancel. Default estimator: population (`ddof = 0`, as TA-Lib's VAR). Lookback `period − 1`. NaN propagates.
 *
 * @param close - input column.
 * @param options - `{ period = 5, ddof = 0 }`.
 * @example
 * variance(new Float64Array([1, 2, 3, 4]), { period: 3 }); // → [NaN, NaN, 0.666…, 0.666…]
 * @see TA-Lib `TA_VAR`; Welford (1962)
 */
export function variance(close: Float64Array, options?: VarianceOptions): Float64Array {
  const o = parseOptions(varianceOptions, options, "VAR");
  return rollingVariance(close, o.period, o.ddof, 1, false);
}

/**
 * The shared vectorized kernel of variance / stddev / bbands: mirrors {@link WindowMoments} operation for operation
 * (so it is bit-identical to the streaming classes). Returns `scale·var` or `scale·√var`.
 * @internal
 */
export function rollingVariance(
  x: Float64Array,
  p: number,
  ddof: number,
  scale: number,
  sqrt: boolean,
): Float64Array {
  const n = x.length;
  const out = nanArray(n);
  const denom = p - ddof;
  let m = 0;
  let s = 0;
  let wrap = p; // counts down to the next re-anchoring (every p values, as WindowMoments' ring wraps)
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (i < p) {
      const k = i + 1;
      const d = v - m;
      m += d / k;
      s += d * (v - m);
    } else {
      const y = x[i - p]!;
      const next = m + (v - y) / p;
      s += (v - y) * (v - next + (y - m));
      m = next;
    }
    if (--wrap === 0) {
      wrap = p;
      // Re-anchor exactly (same operations as WindowMoments when its ring wraps).
      const from = i + 1 - p;
      let sum = 0;
      for (let j = from; j <= i; j++) sum += x[j]!;
      m = sum / p;
      s = 0;
      for (let j = from; j <= i; j++) {
        const d = x[j]! - m;
        s += d * d;
      }
    }
    if (i >= p - 1) {
      const r = s < 0 ? 0 : s / denom;
      out[i] = sqrt ? Math.sqrt(r) * scale : r * scale;
    }
  }
  return out;
}

/**
 * Streaming {@link variance}.
 *
 * @example
 * const v = new Variance({ period: 3 }); [1, 2, 3].map((x) => v.update(x)); // → [NaN, NaN, 0.666…]
 * @see TA-Lib `TA_VAR`
 */
export class Variance implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  /** 0 = population, 1 = sample. */
  readonly ddof: number;
  private readonly w: WindowMoments;
  private cur = Number.NaN;

  /** @param options - `{ period = 5, ddof = 0 }`. */
  constructor(options?: VarianceOptions) {
    const o = parseOptions(varianceOptions, options, "VAR");
    this.period = o.period;
    this.ddof = o.ddof;
    this.lookback = o.period - 1;
    this.w = new WindowMoments(o.period);
  }

  update(x: number): number {
    this.w.push(x);
    if (this.w.length < this.period) return Number.NaN;
    this.cur = this.w.variance(this.ddof) * 1;
    return this.cur;
  }

  peek(x: number): number {
    return this.w.length < this.period - 1 ? Number.NaN : this.w.peekVariance(x, this.ddof) * 1;
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.w.length === this.period;
  }

  reset(): void {
    this.w.reset();
    this.cur = Number.NaN;
  }
}
