/**
 * A fixed-capacity FIFO window over a `Float64Array`: O(1) `push` that returns the value it evicts, no allocation
 * after construction. The building block of streaming windows (SMA, WMA, rolling sums).
 *
 * @example
 * const r = new RingBuffer(2); r.push(1); r.push(2); r.push(3); // → 1 (evicted); r.get(0) → 2, r.get(1) → 3
 */
export class RingBuffer {
  readonly capacity: number;
  private readonly buf: Float64Array;
  private head = 0;
  private size = 0;

  /** @param capacity - number of values held (≥ 1). */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.buf = new Float64Array(capacity);
  }

  /** Number of values currently held (≤ capacity). */
  get length(): number {
    return this.size;
  }

  /** True once `capacity` values have been pushed. */
  get isFull(): boolean {
    return this.size === this.capacity;
  }

  /** Appends `x`; returns the evicted oldest value when full, otherwise `NaN`. */
  push(x: number): number {
    const buf = this.buf;
    const old = this.size === this.capacity ? buf[this.head]! : Number.NaN;
    buf[this.head] = x;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.size < this.capacity) this.size++;
    return old;
  }

  /** The value that the next `push` would evict (`NaN` when not full). */
  peekOldest(): number {
    return this.size === this.capacity ? this.buf[this.head]! : Number.NaN;
  }

  /** The `i`-th value, 0 = oldest held. */
  get(i: number): number {
    let j = this.head - this.size + i;
    if (j < 0) j += this.capacity;
    return this.buf[j]!;
  }

  /** The most recent value (`NaN` when empty). */
  last(): number {
    return this.size === 0 ? Number.NaN : this.get(this.size - 1);
  }

  /** Empties the window. */
  reset(): void {
    this.head = 0;
    this.size = 0;
  }
}
