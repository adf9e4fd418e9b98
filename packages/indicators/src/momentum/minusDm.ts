import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { DmCore } from "./internal/dmCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import type { HlColumns } from "./plusDm.js";

/** Options of {@link minusDm} / {@link MinusDm}: `period` (bars, integer ≥ 1, default 14). */
export const minusDmOptions = z.object({ period: period(14, 1) }).strict();
/** Parsed MINUS_DM options. */
export type MinusDmOptions = z.output<typeof minusDmOptions>;

/**
 * Streaming Wilder-smoothed minus directional movement: raw `−DM = prevLow − low` when it is positive and larger
 * than `high − prevHigh`, else 0; the first value is the sum of the first `period − 1` raw values, then
 * `dm = dm − dm/period + rawDm`. Lookback `period − 1` (1 for period 1, where the raw value is returned).
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const d = new MinusDm({ period: 1 });
 * d.update({ high: 10, low: 9, close: 9.5 }); d.update({ high: 9.5, low: 8, close: 8.5 }); // → 1
 * @see TA-Lib `TA_MINUS_DM` (ta_MINUS_DM.c); Wilder, New Concepts in Technical Trading Systems (1978).
 */
export class MinusDm implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly core: DmCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof minusDmOptions>) {
    const p = parseWith(minusDmOptions, options ?? {}, "MINUS_DM options").period;
    this.core = new DmCore(p);
    this.lookback = p > 1 ? p - 1 : 1;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number): number {
    if (this.core.step(high, low, 0) <= this.lookback) return Number.NaN;
    this.out = this.core.minusDm;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low);
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
 * Minus directional movement over bar columns (see {@link MinusDm}).
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * minusDm({ high: Float64Array.of(10, 9.5), low: Float64Array.of(9, 8) }, { period: 1 }); // → [NaN, 1]
 * @see TA-Lib `TA_MINUS_DM`.
 */
export function minusDm(bars: HlColumns, options?: z.input<typeof minusDmOptions>): Float64Array {
  const core = new MinusDm(options);
  const { high, low } = bars;
  const n = high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!);
  return out;
}
