import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { driveHlcv } from "../util/drive.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link mfi} / {@link Mfi}: `period` (bars, integer ≥ 2, default 14). */
export const mfiOptions = z.object({ period: period(14) }).strict();
/** Parsed MFI options. */
export type MfiOptions = z.output<typeof mfiOptions>;

/** Columns read by {@link mfi}. */
export interface HlcvColumns {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Streaming Money Flow Index: with `tp = (high+low+close)/3` and raw money flow `tp·volume`, counted as positive
 * when `tp` rose and negative when it fell (neither when unchanged), `MFI = 100·pos/(pos+neg)` over the last
 * `period` changes; as in TA-Lib the value is 0 when `pos + neg < 1` and the sums are running sums. Lookback
 * `period`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new Mfi().lookback; // → 14
 * @see TA-Lib `TA_MFI` (ta_MFI.c); Gene Quong & Avrum Soudack (1989).
 */
export class Mfi implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly period: number;
  private readonly pos: Float64Array;
  private readonly neg: Float64Array;
  private idx = 0;
  private n = 0;
  private prevTp = 0;
  private posSum = 0;
  private negSum = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof mfiOptions>) {
    this.period = parseWith(mfiOptions, options ?? {}, "MFI options").period;
    this.pos = new Float64Array(this.period);
    this.neg = new Float64Array(this.period);
    this.lookback = this.period;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number, volume: number): number {
    const n = this.n++;
    const tp = (high + low + close) / 3;
    if (n === 0) {
      this.prevTp = tp;
      return Number.NaN;
    }
    const i = this.idx;
    if (n > this.period) {
      this.posSum -= this.pos[i]!;
      this.negSum -= this.neg[i]!;
    }
    const d = tp - this.prevTp;
    this.prevTp = tp;
    const mf = tp * volume;
    if (d < 0) {
      this.neg[i] = mf;
      this.negSum += mf;
      this.pos[i] = 0;
    } else if (d > 0) {
      this.pos[i] = mf;
      this.posSum += mf;
      this.neg[i] = 0;
    } else if (d === 0) {
      this.pos[i] = 0;
      this.neg[i] = 0;
    } else {
      this.pos[i] = Number.NaN;
      this.neg[i] = Number.NaN;
      this.posSum = this.negSum = Number.NaN;
    }
    this.idx = i + 1 === this.period ? 0 : i + 1;
    if (n < this.period) return Number.NaN;
    const s = this.posSum + this.negSum;
    this.out = s < 1.0 ? 0.0 : 100.0 * (this.posSum / s);
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close, bar.volume ?? Number.NaN);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.pos.fill(0);
    this.neg.fill(0);
    this.idx = 0;
    this.n = 0;
    this.prevTp = 0;
    this.posSum = 0;
    this.negSum = 0;
    this.out = Number.NaN;
  }
}

/**
 * Money Flow Index over bar columns (see {@link Mfi}).
 *
 * @param bars - `{ high, low, close, volume }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * mfi(bars); // NaN for the first 14 entries, then values in [0, 100]
 * @see TA-Lib `TA_MFI`.
 */
export function mfi(bars: HlcvColumns, options?: z.input<typeof mfiOptions>): Float64Array {
  return driveHlcv(new Mfi(options), bars);
}
