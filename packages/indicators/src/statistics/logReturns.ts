import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { LagCore } from "../momentum/internal/lagCore.js";
import { period } from "../momentum/internal/options.js";

/** Options of {@link logReturns} / {@link LogReturns}: `period` (bars between the two prices, integer ≥ 1, default 1). */
export const logReturnsOptions = z.object({ period: period(1, 1) }).strict();
/** Parsed logReturns options. */
export type LogReturnsOptions = z.output<typeof logReturnsOptions>;

/**
 * Streaming log returns `ln(x/x[t−period])`. Lookback `period`. NaN in either price gives NaN; no value is skipped or filled. Checked against
 * a pandas golden file.
 *
 * @param options - `{ period = 1 }`.
 * @example
 * const r = new LogReturns();
 * [100, 110].map((x) => r.update(x)); // → [NaN, 0.09531017980432493]
 * @see https://en.wikipedia.org/wiki/Rate_of_return#Logarithmic_or_continuously_compounded_return
 */
export class LogReturns implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly lag: LagCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof logReturnsOptions>) {
    this.lag = new LagCore(parseWith(logReturnsOptions, options ?? {}, "logReturns options").period);
    this.lookback = this.lag.period;
  }
  update(x: number): number {
    const prev = this.lag.push(x);
    if (this.lag.n <= this.lookback) return Number.NaN;
    this.out = Math.log(x / prev);
    return this.out;
  }
  peek(x: number): number {
    if (this.lag.n < this.lookback) return Number.NaN;
    const prev = this.lag.oldest();
    return Math.log(x / prev);
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
 * log returns `ln(x/x[t−period])`, over a column (see {@link LogReturns}).
 *
 * @param close - price series.
 * @param options - `{ period = 1 }`.
 * @example
 * logReturns(Float64Array.of(100, 110)); // → [NaN, 0.09531017980432493]
 * @see https://en.wikipedia.org/wiki/Rate_of_return#Logarithmic_or_continuously_compounded_return
 */
export function logReturns(close: Float64Array, options?: z.input<typeof logReturnsOptions>): Float64Array {
  const core = new LogReturns(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
