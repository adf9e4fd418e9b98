import { WindowExtremum } from "./deque.js";

/**
 * Private kernel of TA-Lib's stochastic family: raw %K over the last `period` bars,
 * `100·(close − lowestLow)/(highestHigh − lowestLow)` computed as TA-Lib does (divide by `range/100`), 0 when the
 * range is 0, NaN while a NaN bar is in the window. `update` returns NaN for the first `period − 1` bars.
 */
export class FastKCore {
  readonly period: number;
  private readonly hi: WindowExtremum;
  private readonly lo: WindowExtremum;
  constructor(period: number) {
    this.period = period;
    this.hi = new WindowExtremum(period, "max", "newest");
    this.lo = new WindowExtremum(period, "min", "newest");
  }
  update(high: number, low: number, close: number): number {
    this.hi.push(high);
    this.lo.push(low);
    if (this.hi.t < this.period - 1) return Number.NaN;
    if (this.hi.nanInWindow || this.lo.nanInWindow || Number.isNaN(close)) return Number.NaN;
    const lowest = this.lo.value;
    const diff = (this.hi.value - lowest) / 100.0;
    return diff !== 0 ? (close - lowest) / diff : 0;
  }
  reset(): void {
    this.hi.reset();
    this.lo.reset();
  }
}
