import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";

/**
 * Options of {@link quantile} / {@link Quantile}: `period` (bars, integer ≥ 1, default 20), `q` (probability in
 * [0, 1], default 0.5) and `interpolation` (pandas/numpy names; `"linear"` = Hyndman–Fan type 7, the default).
 */
export const quantileOptions = z
  .object({
    period: period(20, 1),
    q: z.number().min(0).max(1).default(0.5),
    interpolation: z.enum(["linear", "lower", "higher", "nearest", "midpoint"]).default("linear"),
  })
  .strict();
/** Parsed rolling-quantile options. */
export type QuantileOptions = z.output<typeof quantileOptions>;

const LINEAR = 0;
const LOWER = 1;
const HIGHER = 2;
const NEAREST = 3;
const MIDPOINT = 4;
const MODES = { linear: LINEAR, lower: LOWER, higher: HIGHER, nearest: NEAREST, midpoint: MIDPOINT } as const;

/**
 * Streaming rolling quantile over the last `period` values: the window is kept sorted in a typed array (binary
 * search + `copyWithin`, O(period) memory moves per update, no allocation) and read at rank `h = q·(period − 1)`
 * with pandas' interpolation rules (`linear`: `v[⌊h⌋] + (v[⌈h⌉] − v[⌊h⌋])·(h − ⌊h⌋)`; `nearest` rounds half to
 * even like numpy). NaN while a NaN is in the window. Lookback `period − 1`. Checked against pandas
 * `rolling(period).quantile(q, interpolation)`.
 *
 * @param options - `{ period = 20, q = 0.5, interpolation = "linear" }`.
 * @example
 * const m = new Quantile({ period: 4, q: 0.25 });
 * [4, 1, 3, 2].map((x) => m.update(x)); // → [NaN, NaN, NaN, 1.75]
 * @see https://pandas.pydata.org/docs/reference/api/pandas.core.window.rolling.Rolling.quantile.html; Hyndman & Fan (1996).
 */
export class Quantile implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly period: number;
  private readonly mode: number;
  private readonly h: number;
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private idx = 0;
  private n = 0;
  private size = 0;
  private nan = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof quantileOptions>) {
    const o = parseWith(quantileOptions, options ?? {}, "quantile options");
    this.period = o.period;
    this.mode = MODES[o.interpolation];
    this.h = o.q * (o.period - 1);
    this.ring = new Float64Array(o.period);
    this.sorted = new Float64Array(o.period);
    this.lookback = o.period - 1;
  }
  /** First position in `sorted[0, size)` whose value is ≥ v. */
  private lowerBound(v: number): number {
    let lo = 0;
    let hi = this.size;
    const s = this.sorted;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  update(x: number): number {
    const p = this.period;
    const s = this.sorted;
    if (this.n >= p) {
      const old = this.ring[this.idx]!;
      if (Number.isNaN(old)) this.nan--;
      else {
        const j = this.lowerBound(old);
        s.copyWithin(j, j + 1, this.size);
        this.size--;
      }
    }
    this.ring[this.idx] = x;
    if (++this.idx === p) this.idx = 0;
    if (Number.isNaN(x)) this.nan++;
    else {
      const j = this.lowerBound(x);
      s.copyWithin(j + 1, j, this.size);
      s[j] = x;
      this.size++;
    }
    if (this.n++ < this.lookback) return Number.NaN;
    if (this.nan > 0) {
      this.out = Number.NaN;
      return this.out;
    }
    const h = this.h;
    const lo = Math.floor(h);
    const hi = Math.ceil(h);
    const a = s[lo]!;
    const b = s[hi]!;
    switch (this.mode) {
      case LINEAR:
        this.out = a + (b - a) * (h - lo);
        break;
      case LOWER:
        this.out = a;
        break;
      case HIGHER:
        this.out = b;
        break;
      case NEAREST: {
        const f = h - lo;
        this.out = f < 0.5 ? a : f > 0.5 ? b : lo % 2 === 0 ? a : b;
        break;
      }
      default:
        this.out = (a + b) * 0.5;
    }
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
    this.ring.fill(0);
    this.sorted.fill(0);
    this.idx = 0;
    this.n = 0;
    this.size = 0;
    this.nan = 0;
    this.out = Number.NaN;
  }
}

/**
 * Rolling quantile over a column (see {@link Quantile}).
 *
 * @param x - input series.
 * @param options - `{ period = 20, q = 0.5, interpolation = "linear" }`.
 * @example
 * quantile(Float64Array.of(4, 1, 3, 2), { period: 4, q: 0.25 }); // → [NaN, NaN, NaN, 1.75]
 * @see https://pandas.pydata.org/docs/reference/api/pandas.core.window.rolling.Rolling.quantile.html
 */
export function quantile(x: Float64Array, options?: z.input<typeof quantileOptions>): Float64Array {
  const core = new Quantile(options);
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(x[i]!);
  return out;
}
