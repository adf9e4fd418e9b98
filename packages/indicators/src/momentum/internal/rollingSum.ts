/**
 * Private kernel: the sum of the last `period` values, kept with Neumaier-compensated adds and removes so it does
 * not drift over millions of updates. Non-finite values (NaN, ±Infinity) are counted instead of summed; while one
 * is inside the window `sum` is NaN, and once it leaves the window results resume (no permanent poisoning).
 */
export class RollingSum {
  readonly period: number;
  private readonly buf: Float64Array;
  private idx = 0;
  /** Values consumed. */
  n = 0;
  private s = 0;
  private c = 0;
  private bad = 0;
  constructor(period: number) {
    this.period = period;
    this.buf = new Float64Array(period);
  }
  private add(x: number): void {
    const t = this.s + x;
    if (Math.abs(this.s) >= Math.abs(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
  }
  /** Pushes `x`, evicting the value `period` steps back. */
  push(x: number): void {
    const i = this.idx;
    if (this.n >= this.period) {
      const old = this.buf[i]!;
      if (Number.isFinite(old)) this.add(-old);
      else this.bad--;
    }
    if (Number.isFinite(x)) this.add(x);
    else this.bad++;
    this.buf[i] = x;
    this.idx = i + 1 === this.period ? 0 : i + 1;
    this.n++;
    if (this.bad === 0 && this.n % 4096 === 0) this.resum();
  }
  /** Recomputes the sum exactly from the window (keeps the error bounded on very long streams). */
  private resum(): void {
    this.s = 0;
    this.c = 0;
    for (let j = 0; j < this.period; j++) this.add(this.buf[j]!);
  }
  /** Sum of the window (NaN while a non-finite value is inside it). */
  get sum(): number {
    return this.bad > 0 ? Number.NaN : this.s + this.c;
  }
  reset(): void {
    this.buf.fill(0);
    this.idx = 0;
    this.n = 0;
    this.s = 0;
    this.c = 0;
    this.bad = 0;
  }
}
