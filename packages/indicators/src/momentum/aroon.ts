import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { WindowExtremum } from "./internal/deque.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import type { HlColumns } from "./plusDm.js";

/** Options of {@link aroon} / {@link Aroon}: `period` (bars, integer ≥ 2, default 14). */
export const aroonOptions = z.object({ period: period(14) }).strict();
/** Parsed Aroon options. */
export type AroonOptions = z.output<typeof aroonOptions>;

/** Aroon columns. */
export interface AroonResult {
  readonly aroonDown: Float64Array;
  readonly aroonUp: Float64Array;
}

/**
 * Private Aroon kernel: over the last `period + 1` bars, `up = 100·(period − barsSinceHighestHigh)/period` and
 * `down = 100·(period − barsSinceLowestLow)/period`, the most recent bar winning ties (as TA-Lib), via O(1)
 * monotonic deques. NaN while a NaN bar is in the window.
 */
export class AroonCore {
  readonly period: number;
  private readonly hi: WindowExtremum;
  private readonly lo: WindowExtremum;
  private readonly factor: number;
  up = Number.NaN;
  down = Number.NaN;
  /** TA-Lib's oscillator form `factor·(highestIdx − lowestIdx)`. */
  osc = Number.NaN;
  constructor(p: number) {
    this.period = p;
    this.factor = 100.0 / p;
    this.hi = new WindowExtremum(p + 1, "max", "newest");
    this.lo = new WindowExtremum(p + 1, "min", "newest");
  }
  /** Returns false during the warm-up (`period` bars). */
  step(high: number, low: number): boolean {
    this.hi.push(high);
    this.lo.push(low);
    const t = this.hi.t;
    if (t < this.period) return false;
    if (this.hi.nanInWindow || this.lo.nanInWindow) {
      this.up = Number.NaN;
      this.down = Number.NaN;
      this.osc = Number.NaN;
    } else {
      this.osc = this.factor * (this.hi.index - this.lo.index);
      this.down = this.factor * (this.period - (t - this.lo.index));
      this.up = this.factor * (this.period - (t - this.hi.index));
    }
    return true;
  }
  get n(): number {
    return this.hi.t + 1;
  }
  reset(): void {
    this.hi.reset();
    this.lo.reset();
    this.up = Number.NaN;
    this.down = Number.NaN;
    this.osc = Number.NaN;
  }
}

/**
 * Streaming Aroon (Chande): `aroonUp` and `aroonDown` in [0, 100] (see `AroonCore`); `update` returns
 * `aroonUp`, `aroonDown` is a getter. Lookback `period`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const a = new Aroon({ period: 2 });
 * [[1, 0], [3, 1], [2, 0.5]].map(([h, l]) => a.update({ high: h, low: l, close: h })); // → [NaN, NaN, 50]; a.aroonDown → 0
 * @see TA-Lib `TA_AROON` (ta_AROON.c); Tushar Chande (1995).
 */
export class Aroon implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly core: AroonCore;
  constructor(options?: z.input<typeof aroonOptions>) {
    this.core = new AroonCore(parseWith(aroonOptions, options ?? {}, "AROON options").period);
    this.lookback = this.core.period;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number): number {
    return this.core.step(high, low) ? this.core.up : Number.NaN;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.core.up;
  }
  /** Aroon up. */
  get aroonUp(): number {
    return this.core.up;
  }
  /** Aroon down. */
  get aroonDown(): number {
    return this.core.down;
  }
  get isReady(): boolean {
    return this.core.n > this.lookback;
  }
  reset(): void {
    this.core.reset();
  }
}

/**
 * Aroon over bar columns (see {@link Aroon}): `{ aroonDown, aroonUp }` (TA-Lib's output order).
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * aroon({ high: Float64Array.of(1, 3, 2), low: Float64Array.of(0, 1, 0.5) }, { period: 2 }).aroonUp; // → [NaN, NaN, 50]
 * @see TA-Lib `TA_AROON`.
 */
export function aroon(bars: HlColumns, options?: z.input<typeof aroonOptions>): AroonResult {
  const core = new Aroon(options);
  const { high, low } = bars;
  const n = high.length;
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    up[i] = core.step(high[i]!, low[i]!);
    down[i] = core.aroonDown;
  }
  return { aroonDown: down, aroonUp: up };
}
