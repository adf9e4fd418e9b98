import type { Level } from "../types.js";

/**
 * A price-level L2 book (one side per map, price → size): snapshots replace it, diffs set levels, size 0 removes a
 * level. Used by feeds to maintain the book after gap recovery and by tests to compare against the venue's book.
 *
 * @example
 * const book = new OrderBook();
 * book.reset([[100, 1]], [[101, 2]]);
 * book.apply([[100, 0]], [[101.5, 1]]);
 * book.bestAsk() // → 101
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly
 */
export class OrderBook {
  /** Bid levels, price → size (read them freely; change the book only through `reset` and `apply`). */
  readonly bids = new Map<number, number>();
  /** Ask levels, price → size (read-only, as `bids`). */
  readonly asks = new Map<number, number>();
  /** Cached best prices; a side is rescanned only after its best level was deleted. */
  private bb = Number.NaN;
  private ba = Number.NaN;
  private bbStale = false;
  private baStale = false;

  /** Replaces the book with a snapshot. */
  reset(bids: readonly Level[], asks: readonly Level[]): void {
    this.bids.clear();
    this.asks.clear();
    this.bb = Number.NaN;
    this.ba = Number.NaN;
    this.bbStale = false;
    this.baStale = false;
    this.apply(bids, asks);
  }

  /** Applies level changes (size 0 removes the level). */
  apply(bids: readonly Level[], asks: readonly Level[]): void {
    for (const [p, s] of bids) {
      if (s === 0) {
        if (this.bids.delete(p) && p === this.bb) this.bbStale = true;
      } else {
        this.bids.set(p, s);
        if (!this.bbStale && !(p <= this.bb)) this.bb = p;
      }
    }
    for (const [p, s] of asks) {
      if (s === 0) {
        if (this.asks.delete(p) && p === this.ba) this.baStale = true;
      } else {
        this.asks.set(p, s);
        if (!this.baStale && !(p >= this.ba)) this.ba = p;
      }
    }
  }

  /** Highest bid price (NaN when empty). O(1), or O(levels) after the best bid was deleted. */
  bestBid(): number {
    if (this.bbStale) {
      let best = Number.NaN;
      for (const p of this.bids.keys()) if (!(p <= best)) best = p;
      this.bb = best;
      this.bbStale = false;
    }
    return this.bb;
  }

  /** Lowest ask price (NaN when empty). O(1), or O(levels) after the best ask was deleted. */
  bestAsk(): number {
    if (this.baStale) {
      let best = Number.NaN;
      for (const p of this.asks.keys()) if (!(p >= best)) best = p;
      this.ba = best;
      this.baStale = false;
    }
    return this.ba;
  }

  /**
   * True when the best bid is at or above the best ask (a locked or crossed book: impossible on a continuous
   * venue, so a local book in that state missed an update). O(1) except after a best level was deleted.
   * @example
   * book.reset([[101, 1]], [[100, 1]]); book.crossed() // → true
   */
  crossed(): boolean {
    return this.bestBid() >= this.bestAsk();
  }

  /** Sorted levels (bids descending, asks ascending) for comparisons and display. */
  levels(): { bids: [number, number][]; asks: [number, number][] } {
    return {
      bids: [...this.bids].sort((x, y) => y[0] - x[0]),
      asks: [...this.asks].sort((x, y) => x[0] - y[0]),
    };
  }
}
