/**
 * Private monotonic deque over typed arrays: the maximum (or minimum) of the last `window` values in amortized
 * O(1) per value, with its absolute index, allocating nothing after construction.
 *
 * `ties: "newest"` drops equal values from the back, so the newest of equal extremes is at the front;
 * `ties: "oldest"` keeps them, so the oldest is at the front (and the newest is reachable). NaN values are not
 * stored; {@link WindowExtremum.nanInWindow} says whether one is inside the window (callers then output NaN).
 */
export class WindowExtremum {
  readonly window: number;
  private readonly isMax: boolean;
  private readonly keepTies: boolean;
  private readonly vals: Float64Array;
  private readonly idxs: Float64Array;
  private front = 0;
  private count = 0;
  /** Absolute index of the latest pushed value (−1 before the first). */
  t = -1;
  private lastNan = Number.NEGATIVE_INFINITY;

  constructor(window: number, mode: "max" | "min", ties: "newest" | "oldest") {
    this.window = window;
    this.isMax = mode === "max";
    this.keepTies = ties === "oldest";
    this.vals = new Float64Array(window);
    this.idxs = new Float64Array(window);
  }

  push(x: number): void {
    const w = this.window;
    const t = ++this.t;
    if (this.count > 0 && this.idxs[this.front]! <= t - w) {
      this.front = this.front + 1 === w ? 0 : this.front + 1;
      this.count--;
    }
    if (Number.isNaN(x)) {
      this.lastNan = t;
      return;
    }
    const vals = this.vals;
    while (this.count > 0) {
      let back = this.front + this.count - 1;
      if (back >= w) back -= w;
      const b = vals[back]!;
      const drop = this.isMax ? (this.keepTies ? b < x : b <= x) : this.keepTies ? b > x : b >= x;
      if (!drop) break;
      this.count--;
    }
    let slot = this.front + this.count;
    if (slot >= w) slot -= w;
    vals[slot] = x;
    this.idxs[slot] = t;
    this.count++;
  }

  /** True when a NaN was pushed within the last `window` values. */
  get nanInWindow(): boolean {
    return this.t - this.lastNan < this.window;
  }

  /** The extreme value of the window (NaN when empty). */
  get value(): number {
    return this.count > 0 ? this.vals[this.front]! : Number.NaN;
  }

  /** Absolute index of the front extreme (−1 when empty). */
  get index(): number {
    return this.count > 0 ? this.idxs[this.front]! : -1;
  }

  reset(): void {
    this.front = 0;
    this.count = 0;
    this.t = -1;
    this.lastNan = Number.NEGATIVE_INFINITY;
    this.vals.fill(0);
    this.idxs.fill(0);
  }
}
