/**
 * Rolling maximum or minimum over the last `period` values in amortized O(1) per value, with the index of the
 * extremum (a monotonic deque over typed arrays, no allocation after construction).
 *
 * Ties: the most recent of equal extreme values wins (its index is reported). NaN policy: while a `NaN` is inside
 * the window the result is `NaN` (propagate); once it leaves, results resume.
 *
 * @example
 * const m = new RollingExtremum(3, "max");
 * [1, 3, 2, 0].map((x) => m.push(x)); // → [1, 3, 3, 3]   (m.index → 1, the absolute index of the 3)
 * @see https://ta-lib.org/functions/ — MAX / MIN / MAXINDEX / MININDEX
 */
export class RollingExtremum {
  readonly period: number;
  readonly mode: "max" | "min";
  private readonly vals: Float64Array;
  private readonly idxs: Float64Array;
  private front = 0;
  private count = 0;
  private t = -1;
  private lastNan = Number.NEGATIVE_INFINITY;
  private cur = Number.NaN;
  private curIdx = -1;

  /**
   * @param period - window length in values (≥ 1).
   * @param mode - `"max"` or `"min"`.
   */
  constructor(period: number, mode: "max" | "min") {
    this.period = period;
    this.mode = mode;
    this.vals = new Float64Array(period);
    this.idxs = new Float64Array(period);
  }

  /** The current extremum (`NaN` if a NaN is in the window or nothing was pushed). */
  get value(): number {
    return this.cur;
  }

  /** Absolute index (0-based count of pushes) of the current extremum, `-1` when `value` is NaN. */
  get index(): number {
    return this.curIdx;
  }

  /** Number of values pushed since construction or reset. */
  get pushed(): number {
    return this.t + 1;
  }

  /** Pushes `x`, evicts the value that left the window, and returns the extremum of the window. */
  push(x: number): number {
    const p = this.period;
    const t = ++this.t;
    const vals = this.vals;
    const idxs = this.idxs;
    // Drop the front when it left the window.
    if (this.count > 0 && idxs[this.front]! <= t - p) {
      this.front = this.front + 1 === p ? 0 : this.front + 1;
      this.count--;
    }
    if (Number.isNaN(x)) {
      this.lastNan = t;
    } else {
      const isMax = this.mode === "max";
      // Pop from the back while the back is not better than x (ties: newest wins).
      while (this.count > 0) {
        let back = this.front + this.count - 1;
        if (back >= p) back -= p;
        const b = vals[back]!;
        if (isMax ? b <= x : b >= x) this.count--;
        else break;
      }
      let slot = this.front + this.count;
      if (slot >= p) slot -= p;
      vals[slot] = x;
      idxs[slot] = t;
      this.count++;
    }
    if (t - this.lastNan < p || this.count === 0) {
      this.cur = Number.NaN;
      this.curIdx = -1;
    } else {
      this.cur = vals[this.front]!;
      this.curIdx = idxs[this.front]!;
    }
    return this.cur;
  }

  /** The extremum `push(x)` would return, without changing state. */
  peek(x: number): number {
    const p = this.period;
    const t = this.t + 1;
    if (Number.isNaN(x) || t - this.lastNan < p) return Number.NaN;
    let front = this.front;
    let count = this.count;
    if (count > 0 && this.idxs[front]! <= t - p) {
      front = front + 1 === p ? 0 : front + 1;
      count--;
    }
    if (count === 0) return x;
    const f = this.vals[front]!;
    return this.mode === "max" ? Math.max(x, f) : Math.min(x, f);
  }

  /** The index `push(x)` would report, without changing state (`-1` when the result would be NaN). */
  peekIndex(x: number): number {
    const p = this.period;
    const t = this.t + 1;
    if (Number.isNaN(x) || t - this.lastNan < p) return -1;
    let front = this.front;
    let count = this.count;
    if (count > 0 && this.idxs[front]! <= t - p) {
      front = front + 1 === p ? 0 : front + 1;
      count--;
    }
    if (count === 0) return t;
    const f = this.vals[front]!;
    const better = this.mode === "max" ? x >= f : x <= f;
    return better ? t : this.idxs[front]!;
  }

  /** Returns to the freshly-constructed state. */
  reset(): void {
    this.front = 0;
    this.count = 0;
    this.t = -1;
    this.lastNan = Number.NEGATIVE_INFINITY;
    this.cur = Number.NaN;
    this.curIdx = -1;
  }
}
