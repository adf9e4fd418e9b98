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
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();

  /** Replaces the book with a snapshot. */
  reset(bids: readonly Level[], asks: readonly Level[]): void {
    this.bids.clear();
    this.asks.clear();
    this.apply(bids, asks);
  }

  /** Applies level changes (size 0 removes the level). */
  apply(bids: readonly Level[], asks: readonly Level[]): void {
    for (const [p, s] of bids) s === 0 ? this.bids.delete(p) : this.bids.set(p, s);
    for (const [p, s] of asks) s === 0 ? this.asks.delete(p) : this.asks.set(p, s);
  }

  /** Highest bid price (NaN when empty). */
  bestBid(): number {
    let best = Number.NaN;
    for (const p of this.bids.keys()) if (!(p <= best)) best = p;
    return best;
  }

  /** Lowest ask price (NaN when empty). */
  bestAsk(): number {
    let best = Number.NaN;
    for (const p of this.asks.keys()) if (!(p >= best)) best = p;
    return best;
  }

  /**
   * True when the best bid is at or above the best ask (a locked or crossed book: impossible on a continuous
   * venue, so a local book in that state missed an update). O(levels).
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
