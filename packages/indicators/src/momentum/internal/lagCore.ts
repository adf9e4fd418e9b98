/**
 * Private kernel: remembers the last `period` inputs and returns the one `period` steps back (NaN before).
 */
export class LagCore {
  readonly period: number;
  private readonly buf: Float64Array;
  private idx = 0;
  /** Inputs consumed. */
  n = 0;
  constructor(period: number) {
    this.period = period;
    this.buf = new Float64Array(period);
  }
  /** Stores `x` and returns the input `period` steps before it (NaN during the first `period` inputs). */
  push(x: number): number {
    const old = this.n >= this.period ? this.buf[this.idx]! : Number.NaN;
    this.buf[this.idx] = x;
    if (++this.idx === this.period) this.idx = 0;
    this.n++;
    return old;
  }
  /** The input `push` would return next (the one `period − 1` steps back), without changing state. */
  oldest(): number {
    return this.n >= this.period ? this.buf[this.idx]! : Number.NaN;
  }
  reset(): void {
    this.buf.fill(0);
    this.idx = 0;
    this.n = 0;
  }
}
