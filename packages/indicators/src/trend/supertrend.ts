import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { forEachBar } from "../util/drive.js";
import { nanArray, nonNegativeSchema, parseOptions, periodSchema } from "../util/options.js";
import { Atr } from "../volatility/atr.js";

/** Options of {@link supertrend} / {@link Supertrend}. */
export const supertrendOptions = z
  .object({
    /** ATR period (Wilder, SMA-seeded), 1…100000. Default 10. */
    period: periodSchema(1, 10),
    /** Band width in ATRs. Default 3. */
    multiplier: nonNegativeSchema(3),
  })
  .strict();
/** Options of {@link supertrend} / {@link Supertrend}. */
export type SupertrendOptions = z.input<typeof supertrendOptions>;

/** Outputs of {@link supertrend}. */
export interface SupertrendResult {
  /** The trailing stop line: the lower band in an up-trend, the upper band in a down-trend. */
  readonly supertrend: Float64Array;
  /** +1 up-trend, −1 down-trend. */
  readonly direction: Float64Array;
}

/**
 * SuperTrend (TradingView's definition) on a TA-Lib ATR: `hl2 = (h + l)/2`, basic bands `hl2 ∓ m·ATR`; the lower
 * band only rises (`max(basic, prev)` while the previous close stayed above the previous lower band), the upper band
 * only falls; the trend flips up when the close exceeds the previous upper band and down when it falls below the
 * previous lower band. The first bar (index `period`) starts in an up-trend. Lookback `period`.
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 10, multiplier = 3 }`.
 * @example
 * supertrend(bars).direction; // +1 / −1 from index 10
 * @see https://www.tradingview.com/support/solutions/43000634738-supertrend/ (Olivier Seban)
 */
export function supertrend(bars: HlcColumns, options?: SupertrendOptions): SupertrendResult {
  const ind = new Supertrend(options);
  const n = bars.close.length;
  const st = nanArray(n);
  const dir = nanArray(n);
  forEachBar(bars, (i, bar) => {
    st[i] = ind.update(bar);
    dir[i] = ind.direction;
  });
  return { supertrend: st, direction: dir };
}

/**
 * Streaming {@link supertrend}: `update` returns the SuperTrend line; `direction` is a getter.
 *
 * @example
 * const s = new Supertrend(); for (const bar of bars) s.update(bar); s.direction; // → 1 or -1
 * @see TradingView SuperTrend
 */
export class Supertrend implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly atr: Atr;
  private readonly mult: number;
  private up = Number.NaN;
  private dn = Number.NaN;
  private trend = 0;
  private prevClose = Number.NaN;
  private st = Number.NaN;
  private dir = Number.NaN;

  /** @param options - `{ period = 10, multiplier = 3 }`. */
  constructor(options?: SupertrendOptions) {
    const o = parseOptions(supertrendOptions, options, "SuperTrend");
    this.atr = new Atr({ period: o.period });
    this.mult = o.multiplier;
    this.lookback = o.period;
  }

  private step(bar: BarInput, a: number, first: boolean, commit: boolean): number {
    const hl2 = (bar.high + bar.low) / 2;
    const ub = hl2 - this.mult * a;
    const db = hl2 + this.mult * a;
    let up: number;
    let dn: number;
    let trend: number;
    if (first) {
      up = ub;
      dn = db;
      trend = 1;
    } else {
      const pc = this.prevClose;
      up = pc > this.up ? Math.max(ub, this.up) : ub;
      dn = pc < this.dn ? Math.min(db, this.dn) : db;
      trend = this.trend;
      const c = bar.close;
      if (trend === -1 && c > this.dn) trend = 1;
      else if (trend === 1 && c < this.up) trend = -1;
      if (Number.isNaN(c) || Number.isNaN(a)) trend = Number.NaN;
    }
    const st = trend === 1 ? up : trend === -1 ? dn : Number.NaN;
    if (commit) {
      this.up = up;
      this.dn = dn;
      this.trend = trend;
      this.st = st;
      this.dir = trend;
    }
    return st;
  }

  update(bar: BarInput): number {
    const wasReady = this.atr.isReady;
    const a = this.atr.update(bar);
    let out = Number.NaN;
    if (this.atr.isReady) out = this.step(bar, a, !wasReady, true);
    this.prevClose = bar.close;
    return out;
  }

  peek(bar: BarInput): number {
    const a = this.atr.peek(bar);
    if (!this.atr.isReady && Number.isNaN(a)) return Number.NaN;
    return this.step(bar, a, !this.atr.isReady, false);
  }

  /** The SuperTrend line. */
  get value(): number {
    return this.st;
  }

  /** +1 up-trend, −1 down-trend (NaN during warm-up or after a NaN bar). */
  get direction(): number {
    return this.dir;
  }

  /** The SuperTrend line. */
  get supertrend(): number {
    return this.st;
  }

  get isReady(): boolean {
    return this.atr.isReady;
  }

  reset(): void {
    this.atr.reset();
    this.up = this.dn = Number.NaN;
    this.trend = 0;
    this.prevClose = Number.NaN;
    this.st = this.dir = Number.NaN;
  }
}
