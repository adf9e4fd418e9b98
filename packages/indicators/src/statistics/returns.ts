import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { LagCore } from "../momentum/internal/lagCore.js";
import { period } from "../momentum/internal/options.js";

/** Options of {@link returns} / {@link Returns}: `period` (bars between the two prices, integer ≥ 1, default 1). */
export const returnsOptions = z.object({ period: period(1, 1) }).strict();
/** Parsed returns options. */
export type ReturnsOptions = z.output<typeof returnsOptions>;

/**
 * Streaming simple returns `x/x[t−period] − 1`. Lookback `period`. NaN in either price gives NaN; no value is skipped or filled. Checked against
 * a pandas golden file.
 *
 * @param options - `{ period = 1 }`.
 * @example
 * const r = new Returns();
 * [100, 110].map((x) => r.update(x)); // → [NaN, 0.10000000000000009]
 * @see https://en.wikipedia.org/wiki/Rate_of_return
 */
export class Returns implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly lag: LagCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof returnsOptions>) {
    this.lag = new LagCore(parseWith(returnsOptions, options ?? {}, "returns options").period);
    this.lookback = this.lag.period;
  }
  update(x: number): number {
    const prev = this.lag.push(x);
    if (this.lag.n <= this.lookback) return Number.NaN;
    this.out = x / prev - 1;
    return this.out;
  }
  peek(x: number): number {
    if (this.lag.n < this.lookback) return Number.NaN;
    const prev = this.lag.oldest();
    return x / prev - 1;
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.lag.n > this.lookback;
  }
  reset(): void {
    this.lag.reset();
    this.out = Number.NaN;
  }
}

/**
 * simple returns `x/x[t−period] − 1`, over a column (see {@link Returns}).
 *
 * @param close - price series.
 * @param options - `{ period = 1 }`.
 * @example
 * returns(Float64Array.of(100, 110)); // → [NaN, 0.10000000000000009]
 * @see https://en.wikipedia.org/wiki/Rate_of_return
 */
export function returns(close: Float64Array, options?: z.input<typeof returnsOptions>): Float64Array {
  const core = new Returns(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
