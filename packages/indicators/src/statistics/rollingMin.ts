import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { WindowExtremum } from "../momentum/internal/deque.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";

/** Options of {@link rollingMin} / {@link RollingMin}: `period` (bars, integer ≥ 2, default 30 as TA-Lib). */
export const rollingMinOptions = z.object({ period: period(30) }).strict();
/** Parsed rolling-min options. */
export type RollingMinOptions = z.output<typeof rollingMinOptions>;

/**
 * Streaming rolling min over the last `period` values in amortized O(1) per update (a monotonic deque over typed
 * arrays). Lookback `period − 1`. NaN while a NaN is inside the window, then values resume.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * const m = new RollingMin({ period: 2 });
 * [1, 3, 2, 0].map((x) => m.update(x)); // → [NaN, 1, 2, 0]
 * @see TA-Lib `TA_MIN` (ta_MIN.c).
 */
export class RollingMin implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly dq: WindowExtremum;
  private out = Number.NaN;
  constructor(options?: z.input<typeof rollingMinOptions>) {
    const p = parseWith(rollingMinOptions, options ?? {}, "rolling min options").period;
    this.dq = new WindowExtremum(p, "min", "newest");
    this.lookback = p - 1;
  }
  update(x: number): number {
    this.dq.push(x);
    if (this.dq.t < this.lookback) return Number.NaN;
    this.out = this.dq.nanInWindow ? Number.NaN : this.dq.value;
    return this.out;
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.dq.t >= this.lookback;
  }
  reset(): void {
    this.dq.reset();
    this.out = Number.NaN;
  }
}

/**
 * Rolling min over a column (see {@link RollingMin}).
 *
 * @param x - input series.
 * @param options - `{ period = 30 }`.
 * @example
 * rollingMin(Float64Array.of(1, 3, 2, 0), { period: 2 }); // → [NaN, 1, 2, 0]
 * @see TA-Lib `TA_MIN`.
 */
export function rollingMin(x: Float64Array, options?: z.input<typeof rollingMinOptions>): Float64Array {
  const core = new RollingMin(options);
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(x[i]!);
  return out;
}
