import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { WindowMoments } from "../util/moments.js";
import { parseOptions, periodSchema } from "../util/options.js";

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
 * Rolling variance over the last `period` values, `Σ(x − x̄)² / (period − ddof)`, from shifted sums re-anchored
 * exactly every `period` values (`WindowMoments`): accurate on long series and large levels where TA-Lib's
 * `Σx²/n − x̄²` running sums cancel. Default estimator: population (`ddof = 0`, as TA-Lib's VAR). Lookback `period − 1`. NaN propagates.
 *
 * @param close - input column.
 * @param options - `{ period = 5, ddof = 0 }`.
 * @example
 * variance(new Float64Array([1, 2, 3, 4]), { period: 3 }); // → [NaN, NaN, 0.666…, 0.666…]
 * @see TA-Lib `TA_VAR`; Chan, Golub & LeVeque (1983), shifted-data variance
 */
export function variance(close: Float64Array, options?: VarianceOptions): Float64Array {
  const o = parseOptions(varianceOptions, options, "VAR");
  return rollingVariance(close, o.period, o.ddof, 1, false);
}

/**
 * The shared vectorized kernel of variance / stddev: mirrors `WindowMoments` operation for operation (so it
 * is bit-identical to the streaming classes). Returns `scale·var` or `scale·√var`.
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
  const out = new Float64Array(n);
  out.fill(Number.NaN, 0, Math.min(p - 1, n));
  const denom = p - ddof;
  let k = 0;
  let s1 = 0;
  let s2 = 0;
  let wrap = p; // counts down to the next re-anchoring (every p values, as WindowMoments' ring wraps)
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
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
      const va = (s2 - (s1 * s1) / p) / denom;
      const r = Math.max(va, 0);
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
