import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";
import { Quantile } from "./quantile.js";

/** Options of {@link median} / {@link Median}: `period` (bars, integer ≥ 1, default 20). */
export const medianOptions = z.object({ period: period(20, 1) }).strict();
/** Parsed rolling-median options. */
export type MedianOptions = z.output<typeof medianOptions>;

/**
 * Streaming rolling median: {@link Quantile} with `q = 0.5`, linear interpolation (the mean of the two middle
 * values for an even window). Lookback `period − 1`. Checked against pandas `rolling(period).median()`.
 *
 * @param options - `{ period = 20 }`.
 * @example
 * const m = new Median({ period: 4 });
 * [4, 1, 3, 2].map((x) => m.update(x)); // → [NaN, NaN, NaN, 2.5]
 * @see https://pandas.pydata.org/docs/reference/api/pandas.core.window.rolling.Rolling.median.html
 */
export class Median implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly q: Quantile;
  constructor(options?: z.input<typeof medianOptions>) {
    const p = parseWith(medianOptions, options ?? {}, "median options").period;
    this.q = new Quantile({ period: p, q: 0.5 });
    this.lookback = p - 1;
  }
  update(x: number): number {
    return this.q.update(x);
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.q.value;
  }
  get isReady(): boolean {
    return this.q.isReady;
  }
  reset(): void {
    this.q.reset();
  }
}

/**
 * Rolling median over a column (see {@link Median}).
 *
 * @param x - input series.
 * @param options - `{ period = 20 }`.
 * @example
 * median(Float64Array.of(4, 1, 3, 2), { period: 4 }); // → [NaN, NaN, NaN, 2.5]
 * @see https://pandas.pydata.org/docs/reference/api/pandas.core.window.rolling.Rolling.median.html
 */
export function median(x: Float64Array, options?: z.input<typeof medianOptions>): Float64Array {
  const core = new Median(options);
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(x[i]!);
  return out;
}
