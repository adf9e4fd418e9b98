import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { LagCore } from "./internal/lagCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link mom} / {@link Mom}: `period` (bars, integer ≥ 1, default 10). */
export const momOptions = z.object({ period: period(10, 1) }).strict();
/** Parsed MOM options. */
export type MomOptions = z.output<typeof momOptions>;

/**
 * Streaming momentum, `x − x[t−period]`. Lookback `period`; NaN inputs propagate to the outputs that use them.
 *
 * @param options - `{ period = 10 }`.
 * @example
 * const r = new Mom({ period: 1 });
 * [100, 110].map((x) => r.update(x)); // → [NaN, 10]
 * @see TA-Lib `TA_MOM` (ta_MOM.c).
 */
export class Mom implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly lag: LagCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof momOptions>) {
    this.lag = new LagCore(parseWith(momOptions, options ?? {}, "MOM options").period);
    this.lookback = this.lag.period;
  }
  update(x: number): number {
    const prev = this.lag.push(x);
    if (this.lag.n <= this.lookback) return Number.NaN;
    this.out = x - prev;
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
 * momentum, `x − x[t−period]`, over a column (see {@link Mom}).
 *
 * @param close - input series.
 * @param options - `{ period = 10 }`.
 * @example
 * mom(Float64Array.of(100, 110), { period: 1 }); // → [NaN, 10]
 * @see TA-Lib `TA_MOM`.
 */
export function mom(close: Float64Array, options?: z.input<typeof momOptions>): Float64Array {
  const core = new Mom(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
