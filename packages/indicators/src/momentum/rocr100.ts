import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { LagCore } from "./internal/lagCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link rocr100} / {@link Rocr100}: `period` (bars, integer ≥ 1, default 10). */
export const rocr100Options = z.object({ period: period(10, 1) }).strict();
/** Parsed ROCR100 options. */
export type Rocr100Options = z.output<typeof rocr100Options>;

/**
 * Streaming rate-of-change ratio ×100, `100·x/x[t−period]` (0 when the old value is 0). Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Rocr100({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 110.00000000000001]
 * @see TA-Lib `TA_ROCR100` (ta_ROCR100.c).
 */
export class Rocr100 implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly lag: LagCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof rocr100Options>) {
    this.lag = new LagCore(parseWith(rocr100Options, options ?? {}, "ROCR100 options").period);
    this.lookback = this.lag.period;
  }
  update(x: number): number {
    const prev = this.lag.push(x);
    if (this.lag.n <= this.lookback) return Number.NaN;
    this.out = Number.isNaN(x) ? Number.NaN : prev !== 0 ? (x / prev) * 100.0 : 0;
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
 * rate-of-change ratio ×100, `100·x/x[t−period]` (0 when the old value is 0), over a column (see {@link Rocr100}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * rocr100(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 110.00000000000001]
 * @see TA-Lib `TA_ROCR100`.
 */
export function rocr100(close: Float64Array, options?: z.input<typeof rocr100Options>): Float64Array {
  const core = new Rocr100(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
