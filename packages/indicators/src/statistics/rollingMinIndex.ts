import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { WindowExtremum } from "../momentum/internal/deque.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";

/** Options of {@link rollingMinIndex} / {@link RollingMinIndex}: `period` (bars, integer ≥ 2, default 30). */
export const rollingMinIndexOptions = z.object({ period: period(30) }).strict();
/** Parsed rolling-min-index options. */
export type RollingMinIndexOptions = z.output<typeof rollingMinIndexOptions>;

/**
 * Streaming index (0-based position in the whole input) of the rolling min over the last `period` values, in
 * amortized O(1) per update. Ties follow TA-Lib exactly: TA-Lib keeps its current extreme while it stays in the
 * window and a new value equal to it takes over, but when the extreme leaves the window it rescans and picks the
 * *oldest* of the equal extremes; a deque that keeps ties reproduces this without rescanning. Lookback
 * `period − 1`. NaN while a NaN is inside the window.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * const m = new RollingMinIndex({ period: 2 });
 * [1, 3, 2, 0].map((x) => m.update(x)); // → [NaN, 0, 2, 3]
 * @see TA-Lib `TA_MININDEX` (ta_MININDEX.c).
 */
export class RollingMinIndex implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly dq: WindowExtremum;
  private cur = -1;
  private curValue = Number.NaN;
  private out = Number.NaN;
  constructor(options?: z.input<typeof rollingMinIndexOptions>) {
    const p = parseWith(rollingMinIndexOptions, options ?? {}, "rolling min index options").period;
    this.dq = new WindowExtremum(p, "min", "oldest");
    this.lookback = p - 1;
  }
  update(x: number): number {
    const dq = this.dq;
    dq.push(x);
    const t = dq.t;
    if (t <= this.lookback || this.cur <= t - dq.window || Number.isNaN(this.curValue)) {
      this.cur = dq.index;
      this.curValue = dq.value;
    } else if (x <= this.curValue) {
      this.cur = t;
      this.curValue = x;
    }
    if (t < this.lookback) return Number.NaN;
    this.out = dq.nanInWindow ? Number.NaN : this.cur;
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
    this.cur = -1;
    this.curValue = Number.NaN;
    this.out = Number.NaN;
  }
}

/**
 * Index of the rolling min over a column (see {@link RollingMinIndex}), as a Float64Array of 0-based positions.
 *
 * @param x - input series.
 * @param options - `{ period = 30 }`.
 * @example
 * rollingMinIndex(Float64Array.of(1, 3, 2, 0), { period: 2 }); // → [NaN, 0, 2, 3]
 * @see TA-Lib `TA_MININDEX`.
 */
export function rollingMinIndex(
  x: Float64Array,
  options?: z.input<typeof rollingMinIndexOptions>,
): Float64Array {
  const core = new RollingMinIndex(options);
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(x[i]!);
  return out;
}
