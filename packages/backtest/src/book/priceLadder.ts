/**
 * The sorted distinct prices of one side of a book, stored in a growable `Float64Array` with the BEST price at the
 * END (bids ascending, asks descending), each with an optional payload (e.g. the level's FIFO). Best price and best
 * payload are O(1); finding, inserting or removing a price `k` levels from the top costs a binary search (with a
 * top-of-book fast path) plus a shift of `k` elements, which is cheap because activity concentrates near the top.
 * No hashing of floating-point prices and no allocation except when growing.
 *
 * @param isBid - true for the bid side (best = highest), false for asks (best = lowest).
 * @example
 * const l = new PriceLadder<string>(true); l.insert(100, "a"); l.insert(101, "b");
 * l.best(); // → 101
 * l.get(100); // → "a"
 * @see {@link L3Book}, {@link L2Book}
 */
export class PriceLadder<T = undefined> {
  private prices: Float64Array;
  private readonly values: (T | undefined)[] = [];
  private n = 0;
  constructor(
    readonly isBid: boolean,
    capacity = 64,
  ) {
    this.prices = new Float64Array(capacity);
  }

  /** Number of price levels. */
  get length(): number {
    return this.n;
  }

  /** Best price, NaN when empty. O(1). */
  best(): number {
    return this.n > 0 ? this.prices[this.n - 1]! : Number.NaN;
  }

  /** Payload of the best price (undefined when empty). O(1). */
  bestValue(): T | undefined {
    return this.n > 0 ? this.values[this.n - 1] : undefined;
  }

  /** The k-th best price (0 = best), NaN when out of range. */
  at(k: number): number {
    return k >= 0 && k < this.n ? this.prices[this.n - 1 - k]! : Number.NaN;
  }

  /** Payload of the k-th best price. */
  valueAt(k: number): T | undefined {
    return k >= 0 && k < this.n ? this.values[this.n - 1 - k] : undefined;
  }

  /** Index of the first stored element that sorts at or after `price` (storage order: worst → best). */
  private lowerBound(price: number): number {
    const p = this.prices;
    let lo = 0;
    let hi = this.n;
    if (hi > 0) {
      const top = p[hi - 1]!;
      if (this.isBid ? price > top : price < top) return hi;
      if (price === top) return hi - 1;
    }
    if (this.isBid) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p[mid]! < price) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p[mid]! > price) lo = mid + 1;
        else hi = mid;
      }
    }
    return lo;
  }

  /** Storage index of `price`, or −1. */
  private indexOf(price: number): number {
    const i = this.lowerBound(price);
    return i < this.n && this.prices[i] === price ? i : -1;
  }

  /** True when the price is present. */
  has(price: number): boolean {
    return this.indexOf(price) >= 0;
  }

  /** Payload of a price (undefined when absent). */
  get(price: number): T | undefined {
    const i = this.indexOf(price);
    return i >= 0 ? this.values[i] : undefined;
  }

  /** Inserts a price that is not present (the caller guarantees it), with its payload. */
  insert(price: number, value?: T): void {
    if (this.n === this.prices.length) {
      const grown = new Float64Array(this.prices.length * 2);
      grown.set(this.prices);
      this.prices = grown;
    }
    const i = this.lowerBound(price);
    const p = this.prices;
    const v = this.values;
    const n = this.n;
    if (i < n) {
      p.copyWithin(i + 1, i, n);
      for (let j = n; j > i; j--) v[j] = v[j - 1];
    }
    p[i] = price;
    v[i] = value;
    this.n = n + 1;
  }

  /** Removes a price; returns false when absent. */
  remove(price: number): boolean {
    const p = this.prices;
    const v = this.values;
    const n = this.n;
    const i = n > 0 && p[n - 1] === price ? n - 1 : this.indexOf(price);
    if (i < 0) return false;
    if (i < n - 1) {
      p.copyWithin(i, i + 1, n);
      for (let j = i; j < n - 1; j++) v[j] = v[j + 1];
    }
    v[n - 1] = undefined;
    this.n = n - 1;
    return true;
  }

  /** Removes every price. */
  clear(): void {
    this.values.fill(undefined, 0, this.n);
    this.n = 0;
  }
}
