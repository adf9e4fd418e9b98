import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { LagCore } from "./internal/lagCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link roc} / {@link Roc}: `period` (bars, integer ≥ 1, default 10). */
export const rocOptions = z.object({ period: period(10, 1) }).strict();
/** Parsed ROC options. */
export type RocOptions = z.output<typeof rocOptions>;

/**
 * Streaming rate of change in percent, `100·(x/x[t−period] − 1)` (0 when the old value is 0). Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Roc({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 10.000000000000009]
 * @see TA-Lib `TA_ROC` (ta_ROC.c).
 */
export class Roc implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly lag: LagCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof rocOptions>) {
    this.lag = new LagCore(parseWith(rocOptions, options ?? {}, "ROC options").period);
    this.lookback = this.lag.period;
  }
  update(x: number): number {
    const prev = this.lag.push(x);
    if (this.lag.n <= this.lookback) return Number.NaN;
    this.out = Number.isNaN(x) ? Number.NaN : prev !== 0 ? (x / prev - 1.0) * 100.0 : 0;
    return this.out;
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
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
 * rate of change in percent, `100·(x/x[t−period] − 1)` (0 when the old value is 0), over a column (see {@link Roc}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * roc(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 10.000000000000009]
 * @see TA-Lib `TA_ROC`.
 */
export function roc(close: Float64Array, options?: z.input<typeof rocOptions>): Float64Array {
  const core = new Roc(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
