/**
 * Private kernel of CMF and rolling VWAP: `Σ weight·volume / Σ volume` over the last `period` bars with
 * Neumaier-compensated window sums, the per-bar weight chosen by a loop-invariant selector (CMF's money-flow
 * multiplier, the typical price or the close). One streaming shell and one column loop serve both public classes.
 */
import type { BarInput, StreamingIndicator } from "../../indicator.js";
import { shadowOf } from "../../momentum/internal/peek.js";
import { RollingSum } from "../../momentum/internal/rollingSum.js";

/** Weight: CMF's money-flow multiplier `((close−low) − (high−close))/(high−low)` (0 when `high = low`). */
export const VR_MONEY_FLOW = 0;
/** Weight: the typical price `(high+low+close)/3`. */
export const VR_TYPICAL = 1;
/** Weight: the close. */
export const VR_CLOSE = 2;
export type VolumeRatioWeight = typeof VR_MONEY_FLOW | typeof VR_TYPICAL | typeof VR_CLOSE;

/** Streaming base of CMF and rolling VWAP (see the module comment); lookback `period − 1`. */
export abstract class VolumeRatio implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly weight: VolumeRatioWeight;
  private readonly num: RollingSum;
  private readonly vol: RollingSum;
  private out = Number.NaN;
  protected constructor(period: number, weight: VolumeRatioWeight) {
    this.weight = weight;
    this.num = new RollingSum(period);
    this.vol = new RollingSum(period);
    this.lookback = period - 1;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number, volume: number): number {
    let wv: number;
    if (this.weight === VR_MONEY_FLOW) {
      const r = high - low;
      wv = r > 0 ? ((close - low - (high - close)) / r) * volume : Number.isNaN(r) ? r : 0 * close * volume;
    } else wv = (this.weight === VR_TYPICAL ? (high + low + close) / 3 : close) * volume;
    this.num.push(wv);
    this.vol.push(volume);
    if (this.vol.n <= this.lookback) return Number.NaN;
    this.out = this.num.sum / this.vol.sum;
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
    return this.vol.n > this.lookback;
  }
  reset(): void {
    this.num.reset();
    this.vol.reset();
    this.out = Number.NaN;
  }
}
