/**
 * Private shared faces of TA-Lib's MAX/MIN and MAXINDEX/MININDEX: one class per output kind, parameterized by the
 * side (`"max"` or `"min"`) over the same monotonic deque, so {@link RollingMax}/{@link RollingMin} and
 * {@link RollingMaxIndex}/{@link RollingMinIndex} are thin subclasses and each pair is one piece of code.
 */
import type { StreamingIndicator } from "../../indicator.js";
import { WindowExtremum } from "../../momentum/internal/deque.js";
import { shadowOf } from "../../momentum/internal/peek.js";

/** Which extreme: the largest or the smallest value of the window. */
export type ExtremumSide = "max" | "min";

/** Rolling max or min value (see {@link RollingMax}); ties: the newest bar wins. */
export abstract class RollingExtremumValue implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly dq: WindowExtremum;
  private out = Number.NaN;
  protected constructor(period: number, side: ExtremumSide) {
    this.dq = new WindowExtremum(period, side, "newest");
    this.lookback = period - 1;
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

/** Index of the rolling max or min with TA-Lib's tie rules (see {@link RollingMaxIndex}). */
export abstract class RollingExtremumIndex implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly dq: WindowExtremum;
  private readonly isMax: boolean;
  private cur = -1;
  private curValue = Number.NaN;
  private out = Number.NaN;
  protected constructor(period: number, side: ExtremumSide) {
    this.dq = new WindowExtremum(period, side, "oldest");
    this.isMax = side === "max";
    this.lookback = period - 1;
  }
  update(x: number): number {
    const dq = this.dq;
    dq.push(x);
    const t = dq.t;
    if (t <= this.lookback || this.cur <= t - dq.window || Number.isNaN(this.curValue)) {
      this.cur = dq.index;
      this.curValue = dq.value;
    } else if (this.isMax ? x >= this.curValue : x <= this.curValue) {
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
