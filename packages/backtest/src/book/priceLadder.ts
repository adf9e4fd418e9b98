/**
 * The sorted distinct prices of one side of a book, stored in a growable `Float64Array` with the BEST price at the
 * END (bids ascending, asks descending). Best price is O(1); inserting or removing a price `k` levels from the top
 * costs a binary search plus a `copyWithin` of `k` elements, which is cheap because activity concentrates near the
 * top of the book.
 *
 * @param isBid - true for the bid side (best = highest), false for asks (best = lowest).
 * @example
 * const l = new PriceLadder(true); l.insert(100); l.insert(101); l.best(); // → 101
 * l.at(1); // → 100
 * @see {@link L3Book}, {@link L2Book}
 */
export class PriceLadder {
  private prices: Float64Array;
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

  /** The k-th best price (0 = best), NaN when out of range. */
  at(k: number): number {
    return k >= 0 && k < this.n ? this.prices[this.n - 1 - k]! : Number.NaN;
  }

  /** True when `a` is strictly better than `b` on this side. */
  better(a: number, b: number): boolean {
    return this.isBid ? a > b : a < b;
  }

  /** Index of the first stored element that sorts after or at `price` (storage order: worst → best). */
  private lowerBound(price: number): number {
    const p = this.prices;
    let lo = 0;
    let hi = this.n;
    // fast path: at or beyond the top
    if (hi > 0) {
      const top = p[hi - 1]!;
      if (this.isBid ? price > top : price < top) return hi;
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

  /** Inserts a price that is not present (caller guarantees it). */
  insert(price: number): void {
    if (this.n === this.prices.length) {
      const grown = new Float64Array(this.prices.length * 2);
      grown.set(this.prices);
      this.prices = grown;
    }
    const i = this.lowerBound(price);
    const p = this.prices;
    if (i < this.n) p.copyWithin(i + 1, i, this.n);
    p[i] = price;
    this.n++;
  }

  /** Removes a price; returns false when absent. */
  remove(price: number): boolean {
    const p = this.prices;
    const n = this.n;
    let i: number;
    if (n > 0 && p[n - 1] === price) i = n - 1;
    else {
      i = this.lowerBound(price);
      if (i >= n || p[i] !== price) return false;
    }
    if (i < n - 1) p.copyWithin(i, i + 1, n);
    this.n = n - 1;
    return true;
  }

  /** Removes every price. */
  clear(): void {
    this.n = 0;
  }
}
