import { bookImbalance, microprice } from "./bookMath.js";
import { PriceLadder } from "./priceLadder.js";
import type { BookSide } from "./types.js";

/**
 * An L2 (aggregated price levels) order book: each price holds one total quantity, set absolutely
 * (`set(side, price, qty)`, qty 0 deletes — the Binance diff-depth and ITCH "level" semantics). Best bid/ask are
 * O(1); `depth(n)` copies the top n levels into caller-owned arrays (no allocation).
 *
 * @example
 * const b = new L2Book(); b.set("buy", 100, 2); b.set("sell", 101, 1);
 * b.spread(); // → 1
 * b.microprice(); // → 100.666…
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
 */
export class L2Book {
  private readonly bidLadder = new PriceLadder(true);
  private readonly askLadder = new PriceLadder(false);
  private readonly bidQty = new Map<number, number>();
  private readonly askQty = new Map<number, number>();

  /**
   * Sets the total quantity at a price level; `qty = 0` deletes the level (deleting an absent level is a no-op).
   * Returns the previous quantity (0 when the level did not exist).
   *
   * @param side - `"buy"` (bid) or `"sell"` (ask).
   * @param price - level price.
   * @param qty - new absolute quantity, ≥ 0.
   */
  set(side: BookSide, price: number, qty: number): number {
    const ladder = side === "buy" ? this.bidLadder : this.askLadder;
    const map = side === "buy" ? this.bidQty : this.askQty;
    const prev = map.get(price);
    if (qty > 0) {
      map.set(price, qty);
      if (prev === undefined) ladder.insert(price);
      return prev ?? 0;
    }
    if (prev === undefined) return 0;
    map.delete(price);
    ladder.remove(price);
    return prev;
  }

  /** Quantity at a price (0 when absent). */
  qtyAt(side: BookSide, price: number): number {
    return (side === "buy" ? this.bidQty : this.askQty).get(price) ?? 0;
  }

  /** Number of price levels on a side. */
  levels(side: BookSide): number {
    return (side === "buy" ? this.bidLadder : this.askLadder).length;
  }

  /** The k-th best price of a side (0 = best), NaN when there are fewer levels. */
  priceAt(side: BookSide, k: number): number {
    return (side === "buy" ? this.bidLadder : this.askLadder).at(k);
  }

  /** Best bid price, NaN when the bid side is empty. O(1). */
  bestBid(): number {
    return this.bidLadder.best();
  }
  /** Best ask price, NaN when the ask side is empty. O(1). */
  bestAsk(): number {
    return this.askLadder.best();
  }
  /** Quantity at the best bid (0 when empty). */
  bestBidQty(): number {
    return this.bidQty.get(this.bidLadder.best()) ?? 0;
  }
  /** Quantity at the best ask (0 when empty). */
  bestAskQty(): number {
    return this.askQty.get(this.askLadder.best()) ?? 0;
  }
  /** Best ask − best bid (NaN when a side is empty; negative means a crossed book). */
  spread(): number {
    return this.askLadder.best() - this.bidLadder.best();
  }
  /** (best bid + best ask) / 2, NaN when a side is empty. */
  mid(): number {
    return (this.askLadder.best() + this.bidLadder.best()) / 2;
  }

  /**
   * Copies the top `n` levels of a side into `outPrices`/`outQtys` (best first) and returns how many were written.
   *
   * @param side - `"buy"` or `"sell"`.
   * @param n - max levels; also capped by the output arrays' length.
   */
  depth(side: BookSide, n: number, outPrices: Float64Array, outQtys: Float64Array): number {
    const ladder = side === "buy" ? this.bidLadder : this.askLadder;
    const map = side === "buy" ? this.bidQty : this.askQty;
    const m = Math.min(n, ladder.length, outPrices.length, outQtys.length);
    for (let k = 0; k < m; k++) {
      const p = ladder.at(k);
      outPrices[k] = p;
      outQtys[k] = map.get(p) ?? 0;
    }
    return m;
  }

  /** Total quantity of the top `n` levels of a side. */
  sideQty(side: BookSide, n: number): number {
    const ladder = side === "buy" ? this.bidLadder : this.askLadder;
    const map = side === "buy" ? this.bidQty : this.askQty;
    const m = Math.min(n, ladder.length);
    let s = 0;
    for (let k = 0; k < m; k++) s += map.get(ladder.at(k)) ?? 0;
    return s;
  }

  /** Volume imbalance of the top `n` levels (default 1), see {@link bookImbalance}. */
  imbalance(n = 1): number {
    return bookImbalance(this.sideQty("buy", n), this.sideQty("sell", n));
  }

  /** Microprice of the top of book, see {@link microprice}. */
  microprice(): number {
    return microprice(this.bestBid(), this.bestBidQty(), this.bestAsk(), this.bestAskQty());
  }

  /** Removes every level. */
  clear(): void {
    this.bidLadder.clear();
    this.askLadder.clear();
    this.bidQty.clear();
    this.askQty.clear();
  }
}
