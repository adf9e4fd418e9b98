import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { DmCore } from "./internal/dmCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import { isZero } from "./internal/talibMath.js";

/** Options of {@link minusDi} / {@link MinusDi}: `period` (bars, integer ≥ 1, default 14). */
export const minusDiOptions = z.object({ period: period(14, 1) }).strict();
/** Parsed MINUS_DI options. */
export type MinusDiOptions = z.output<typeof minusDiOptions>;

/**
 * Streaming minus directional indicator: `−DI = 100·(−DM_smoothed / TR_smoothed)`, both Wilder-smoothed and seeded
 * by the sum of the first `period − 1` raw values (0 when the smoothed TR is TA-Lib-zero). Lookback `period`.
 * For `period = 1` TA-Lib returns the unscaled ratio `rawDM/TR` of the bar (lookback 1); quantkit does the same.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new MinusDi({ period: 14 }).lookback; // → 14
 * @see TA-Lib `TA_MINUS_DI` (ta_MINUS_DI.c); Wilder (1978).
 */
export class MinusDi implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly core: DmCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof minusDiOptions>) {
    const p = parseWith(minusDiOptions, options ?? {}, "MINUS_DI options").period;
    this.core = new DmCore(p);
    this.lookback = p;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const c = this.core;
    if (c.step(high, low, close) <= this.lookback) return Number.NaN;
    if (c.period === 1)
      this.out = c.rawMinusDm > 0 ? (isZero(c.rawTr) ? 0 : c.rawMinusDm / c.rawTr) : c.rawMinusDm * 0;
    else this.out = isZero(c.tr) ? 0 : 100 * (c.minusDm / c.tr);
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
    return this.core.n > this.lookback;
  }
  reset(): void {
    this.core.reset();
    this.out = Number.NaN;
  }
}

/**
 * Minus directional indicator over bar columns (see {@link MinusDi}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * minusDi(bars, { period: 14 }); // NaN for the first 14 entries, then values in [0, 100]
 * @see TA-Lib `TA_MINUS_DI`.
 */
export function minusDi(bars: HlcColumns, options?: z.input<typeof minusDiOptions>): Float64Array {
  const core = new MinusDi(options);
  const { high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!, close[i]!);
  return out;
}
