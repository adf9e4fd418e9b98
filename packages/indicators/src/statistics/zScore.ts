import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";

/**
 * Options of {@link zScore} / {@link ZScore}: `period` (bars, integer ≥ 2, default 20) and `ddof` (delta degrees of
 * freedom of the standard deviation: 1 = sample, pandas' default; 0 = population).
 */
export const zScoreOptions = z
  .object({ period: period(20), ddof: z.union([z.literal(0), z.literal(1)]).default(1) })
  .strict();
/** Parsed z-score options. */
export type ZScoreOptions = z.output<typeof zScoreOptions>;

/**
 * Streaming rolling z-score: `(x − mean)/std` over the last `period` values including `x`, with
 * `std = √(Σ(xᵢ − mean)²/(period − ddof))`. Mean and deviations are recomputed exactly over the window each update
 * (corrected two-pass, O(period)), so there is no running-sum drift or cancellation at any scale. A constant window
 * (all values equal, std 0) gives 0: `x` is the window mean (pandas gives 0/0 = NaN there). NaN while a NaN is in
 * the window. Lookback `period − 1`. Checked against
 * pandas `(x − x.rolling(n).mean())/x.rolling(n).std(ddof)`.
 *
 * @param options - `{ period = 20, ddof = 1 }`.
 * @example
 * const z = new ZScore({ period: 3 });
 * [1, 2, 6].map((x) => z.update(x)); // → [NaN, NaN, 1.1338934190276817]
 * @see https://en.wikipedia.org/wiki/Standard_score
 */
export class ZScore implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly period: number;
  private readonly ddof: number;
  private readonly buf: Float64Array;
  private idx = 0;
  private n = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof zScoreOptions>) {
    const o = parseWith(zScoreOptions, options ?? {}, "z-score options");
    this.period = o.period;
    this.ddof = o.ddof;
    this.buf = new Float64Array(o.period);
    this.lookback = o.period - 1;
  }
  update(x: number): number {
    const p = this.period;
    const buf = this.buf;
    buf[this.idx] = x;
    if (++this.idx === p) this.idx = 0;
    if (this.n++ < this.lookback) return Number.NaN;
    let s = 0;
    let lo = buf[0]!;
    let hi = lo;
    for (let j = 0; j < p; j++) {
      const v = buf[j]!;
      s += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const mean = s / p;
    let ss = 0;
    let c = 0;
    for (let j = 0; j < p; j++) {
      const d = buf[j]! - mean;
      ss += d * d;
      c += d;
    }
    // Corrected two-pass algorithm (Chan, Golub & LeVeque): removes the rounding error left in `mean`.
    const variance = (ss - (c * c) / p) / (p - this.ddof);
    const sd = Math.sqrt(variance);
    // A constant window: x equals every value of it, so it is 0 deviations away (pandas would give 0/0 = NaN).
    this.out = lo === hi && !Number.isNaN(s) ? 0 : (x - mean) / sd;
    return this.out;
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.buf.fill(0);
    this.idx = 0;
    this.n = 0;
    this.out = Number.NaN;
  }
}

/**
 * Rolling z-score over a column (see {@link ZScore}).
 *
 * @param x - input series.
 * @param options - `{ period = 20, ddof = 1 }`.
 * @example
 * zScore(Float64Array.of(1, 2, 6), { period: 3 }); // → [NaN, NaN, 1.1338934190276817]
 * @see https://en.wikipedia.org/wiki/Standard_score
 */
export function zScore(x: Float64Array, options?: z.input<typeof zScoreOptions>): Float64Array {
  const core = new ZScore(options);
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(x[i]!);
  return out;
}
