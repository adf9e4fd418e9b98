import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { LagCore } from "./internal/lagCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link rocp} / {@link Rocp}: `period` (bars, integer ≥ 1, default 10). */
export const rocpOptions = z.object({ period: period(10, 1) }).strict();
/** Parsed ROCP options. */
export type RocpOptions = z.output<typeof rocpOptions>;

/**
 * Streaming rate of change as a fraction, `(x − x[t−period])/x[t−period]` (0 when the old value is 0). Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Rocp({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 0.1]
 * @see TA-Lib `TA_ROCP` (ta_ROCP.c).
 */
export class Rocp implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly lag: LagCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof rocpOptions>) {
    this.lag = new LagCore(parseWith(rocpOptions, options ?? {}, "ROCP options").period);
    this.lookback = this.lag.period;
  }
  update(x: number): number {
    const prev = this.lag.push(x);
    if (this.lag.n <= this.lookback) return Number.NaN;
    this.out = Number.isNaN(x) ? Number.NaN : prev !== 0 ? (x - prev) / prev : 0;
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
 * rate of change as a fraction, `(x − x[t−period])/x[t−period]` (0 when the old value is 0), over a column (see {@link Rocp}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * rocp(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 0.1]
 * @see TA-Lib `TA_ROCP`.
 */
export function rocp(close: Float64Array, options?: z.input<typeof rocpOptions>): Float64Array {
  const core = new Rocp(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
