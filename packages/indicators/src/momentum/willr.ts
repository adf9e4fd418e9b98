import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { WindowExtremum } from "./internal/deque.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link willr} / {@link Willr}: `period` (bars, default 14). */
export const willrOptions = z.object({ period: period(14) }).strict();
/** Parsed Williams %R options. */
export type WillrOptions = z.output<typeof willrOptions>;

/**
 * Streaming Williams %R: `−100·(HH − close)/(HH − LL)` over the last `period` bars (0 when HH = LL), in
 * [−100, 0]; HH/LL from O(1) monotonic deques. Lookback `period − 1`; NaN while a NaN bar is in the window.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const w = new Willr({ period: 2 });
 * w.update({ high: 10, low: 8, close: 9 }); w.update({ high: 12, low: 9, close: 11 }); // → -25
 * @see TA-Lib `TA_WILLR` (ta_WILLR.c); Larry Williams (1973).
 */
export class Willr implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly hi: WindowExtremum;
  private readonly lo: WindowExtremum;
  private out = Number.NaN;
  constructor(options?: z.input<typeof willrOptions>) {
    const p = parseWith(willrOptions, options ?? {}, "WILLR options").period;
    this.hi = new WindowExtremum(p, "max", "newest");
    this.lo = new WindowExtremum(p, "min", "newest");
    this.lookback = p - 1;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    this.hi.push(high);
    this.lo.push(low);
    if (this.hi.t < this.lookback) return Number.NaN;
    if (this.hi.nanInWindow || this.lo.nanInWindow) this.out = Number.NaN;
    else {
      const hh = this.hi.value;
      const diff = (hh - this.lo.value) / -100.0;
      this.out = diff !== 0 ? (hh - close) / diff : 0;
    }
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.hi.t >= this.lookback;
  }
  reset(): void {
    this.hi.reset();
    this.lo.reset();
    this.out = Number.NaN;
  }
}

/**
 * Williams %R over bar columns (see {@link Willr}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * willr({ high: Float64Array.of(10, 12), low: Float64Array.of(8, 9), close: Float64Array.of(9, 11) }, { period: 2 }); // → [NaN, -25]
 * @see TA-Lib `TA_WILLR`.
 */
export function willr(bars: HlcColumns, options?: z.input<typeof willrOptions>): Float64Array {
  const core = new Willr(options);
  const { high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!, close[i]!);
  return out;
}
