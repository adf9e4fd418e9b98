/**
 * Sliding-window mean and sum of squared deviations (M2) by Welford's update, extended to windows (add the new
 * value, remove the oldest in one step): no `Σx² − (Σx)²/n` cancellation, so a window of values near 1e6 with a
 * standard deviation of 1e-3 keeps ~10 significant digits where the sum-of-squares formula (TA-Lib VAR/STDDEV)
 * keeps ~3. O(1) per value, no allocation after construction.
 *
 * Update when the window is full, replacing the oldest `y` by `x`:
 * `mean' = mean + (x − y)/p`, `M2' = M2 + (x − y)·((x − mean') + (y − mean))`. While filling: classic Welford.
 * Every time the ring buffer wraps (every `period` values) mean and M2 are re-anchored exactly by a two-pass
 * computation over the window (oldest to newest), so rounding cannot accumulate over millions of updates (amortized
 * O(1): two extra operations per value). `M2` is clamped at 0 when read. NaN inputs propagate: outputs are NaN while
 * the NaN is in the window and until the next re-anchoring after it leaves (at most `2·period` values later).
 *
 * @example
 * const w = new WindowMoments(3); [1, 2, 3, 4].forEach((x) => w.push(x)); w.mean; // → 3; w.variance(0) → 2/3
 * @see Welford, B. P. (1962). Note on a method for calculating corrected sums of squares and products. Technometrics 4(3).
 */
export class WindowMoments {
  readonly period: number;
  private readonly buf: Float64Array;
  private head = 0;
  private count = 0;
  private m = 0;
  private s = 0;

  /** @param period - window length (≥ 1). */
  constructor(period: number) {
    this.period = period;
    this.buf = new Float64Array(period);
  }

  /** Number of values in the window (≤ period). */
  get length(): number {
    return this.count;
  }

  /** Mean of the window. */
  get mean(): number {
    return this.m;
  }

  /** Sum of squared deviations from the mean (unclamped). */
  get m2(): number {
    return this.s;
  }

  /** Variance of the current window with `ddof` (0 population, 1 sample); NaN-propagating, never negative. */
  variance(ddof: number): number {
    const s = this.s;
    return s < 0 ? 0 : s / (this.count - ddof);
  }

  /** Adds `x`, evicting the oldest value when the window is full. */
  push(x: number): void {
    const p = this.period;
    const h = this.head;
    if (this.count < p) {
      const n = this.count + 1;
      const d = x - this.m;
      this.m += d / n;
      this.s += d * (x - this.m);
      this.count = n;
    } else {
      const y = this.buf[h]!;
      const mean = this.m;
      const next = mean + (x - y) / p;
      this.s += (x - y) * (x - next + (y - mean));
      this.m = next;
    }
    const buf = this.buf;
    buf[h] = x;
    if (h + 1 === p) {
      this.head = 0;
      // Re-anchor: exact two-pass mean and M2 over the window, oldest (slot 0) to newest.
      let sum = 0;
      for (let i = 0; i < p; i++) sum += buf[i]!;
      const m = sum / p;
      let s = 0;
      for (let i = 0; i < p; i++) {
        const d = buf[i]! - m;
        s += d * d;
      }
      this.m = m;
      this.s = s;
    } else {
      this.head = h + 1;
    }
  }

  /** The variance (with `ddof`) the window would have after `push(x)`, without changing state. */
  peekVariance(x: number, ddof: number): number {
    const p = this.period;
    let s: number;
    let n: number;
    if (this.head + 1 === p) {
      // The push would re-anchor: same two passes over (window without its oldest value) + x.
      const buf = this.buf;
      n = p;
      let sum = 0;
      for (let i = 0; i < p - 1; i++) sum += buf[i]!;
      sum += x;
      const m = sum / p;
      s = 0;
      for (let i = 0; i < p - 1; i++) {
        const d = buf[i]! - m;
        s += d * d;
      }
      const d = x - m;
      s += d * d;
    } else if (this.count < p) {
      n = this.count + 1;
      const d = x - this.m;
      const m = this.m + d / n;
      s = this.s + d * (x - m);
    } else {
      n = p;
      const y = this.buf[this.head]!;
      const mean = this.m;
      const next = mean + (x - y) / p;
      s = this.s + (x - y) * (x - next + (y - mean));
    }
    return s < 0 ? 0 : s / (n - ddof);
  }

  /** Empties the window. */
  reset(): void {
    this.head = 0;
    this.count = 0;
    this.m = 0;
    this.s = 0;
  }
}

/**
 * Sliding-window running sum with TA-Lib's operation order (add the new value, read, subtract the oldest), used by
 * every "mean of the last p terms" indicator so streaming and vectorized faces agree bit for bit.
 *
 * @example
 * const w = new WindowSum(2); [1, 2, 3].map((x) => w.push(x)); // → [NaN, 3, 5]
 */
export class WindowSum {
  readonly period: number;
  private readonly buf: Float64Array;
  private head = 0;
  private count = 0;
  private sum = 0;

  /** @param period - window length (≥ 1). */
  constructor(period: number) {
    this.period = period;
    this.buf = new Float64Array(period);
  }

  /** True once the window holds `period` values. */
  get isFull(): boolean {
    return this.count === this.period;
  }

  /** Adds `x`; returns the sum of the last `period` values, NaN while filling. */
  push(x: number): number {
    const p = this.period;
    this.sum += x;
    this.buf[this.head] = x;
    this.head = this.head + 1 === p ? 0 : this.head + 1;
    if (this.count < p - 1) {
      this.count++;
      return Number.NaN;
    }
    this.count = p;
    const total = this.sum;
    this.sum -= this.buf[this.head]!;
    return total;
  }

  /** What `push(x)` would return, without changing state. */
  peek(x: number): number {
    return this.count < this.period - 1 ? Number.NaN : this.sum + x;
  }

  /** Empties the window. */
  reset(): void {
    this.head = 0;
    this.count = 0;
    this.sum = 0;
  }
}
