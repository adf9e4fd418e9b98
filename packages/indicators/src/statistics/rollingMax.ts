import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { WindowExtremum } from "../momentum/internal/deque.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";

/** Options of {@link rollingMax} / {@link RollingMax}: `period` (bars, integer ≥ 2, default 30 as TA-Lib). */
export const rollingMaxOptions = z.object({ period: period(30) }).strict();
/** Parsed rolling-max options. */
export type RollingMaxOptions = z.output<typeof rollingMaxOptions>;

/**
 * Streaming rolling max over the last `period` values in amortized O(1) per update (a monotonic deque over typed
 * arrays). Lookback `period − 1`. NaN while a NaN is inside the window, then values resume.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * const m = new RollingMax({ period: 2 });
 * [1, 3, 2, 0].map((x) => m.update(x)); // → [NaN, 3, 3, 2]
 * @see TA-Lib `TA_MAX` (ta_MAX.c).
 */
export class RollingMax implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly dq: WindowExtremum;
  private out = Number.NaN;
  constructor(options?: z.input<typeof rollingMaxOptions>) {
    const p = parseWith(rollingMaxOptions, options ?? {}, "rolling max options").period;
    this.dq = new WindowExtremum(p, "max", "newest");
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
 * Rolling max over a column (see {@link RollingMax}).
 *
 * @param x - input series.
 * @param options - `{ period = 30 }`.
 * @example
 * rollingMax(Float64Array.of(1, 3, 2, 0), { period: 2 }); // → [NaN, 3, 3, 2]
 * @see TA-Lib `TA_MAX`.
 */
export function rollingMax(x: Float64Array, options?: z.input<typeof rollingMaxOptions>): Float64Array {
  const core = new RollingMax(options);
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(x[i]!);
  return out;
}
