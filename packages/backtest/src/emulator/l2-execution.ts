import { L2Book } from "../book/l2Book.js";
import { L2QueuePosition, type QueueModel } from "../book/l2QueuePosition.js";
import type { BookSide } from "../book/types.js";
import type { BookFill } from "./book-execution.js";

/**
 * Fills our orders against aggregated (L2) market data, where individual orders are invisible: a resting limit
 * joins the back of its level (everything shown there is ahead of it) and bt-book's {@link L2QueuePosition}
 * advances it on prints and, per the named {@link QueueModel}, on cancels; market orders (and the marketable part
 * of a limit) walk the visible levels. Liquidity we take is remembered per level until the feed updates that level,
 * so two of our orders never fill from the same displayed size.
 *
 * @example
 * const ex = new L2Execution((f) => fills.push(f), "pessimistic");
 * ex.level("buy", 100, 10); ex.limit("me", "buy", 100, 2); // 10 ahead of us
 * ex.trade("sell", 100, 11); // prints 11 at 100: we fill 1
 * @see Moallemi & Yuan, "A Model for Queue Position Valuation in a Limit Order Book" (2017)
 */
export class L2Execution {
  readonly book = new L2Book();
  private readonly queue: L2QueuePosition;
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<number, string>();
  private readonly prices = new Map<number, number>();
  private readonly used = new Map<string, number>();
  private next = 1;

  constructor(
    private readonly onFill: (fill: BookFill) => void,
    model: QueueModel = "proportional",
  ) {
    this.queue = new L2QueuePosition(model);
  }

  /** Market data: the size shown at a level is now `qty` (0 removes it). */
  level(side: BookSide, price: number, qty: number): void {
    const prev = this.book.qtyAt(side, price);
    this.book.set(side, price, qty);
    this.used.delete(`${side}:${price}`);
    this.queue.onLevelChange(side, price, Number.isNaN(prev) ? 0 : prev, qty);
  }

  /** Market data: a print of `qty` at `price` by an aggressor on `aggressor` side (a seller hits the bids). */
  trade(aggressor: BookSide, price: number, qty: number): void {
    const resting: BookSide = aggressor === "buy" ? "sell" : "buy";
    this.queue.onTrade(resting, price, qty, (id, q) => {
      const name = this.names.get(id)!;
      if (!(this.queue.remaining(id) > 0)) this.forget(id);
      this.onFill({ orderId: name, qty: q, price: this.prices.get(id) ?? price, taker: false });
    });
  }

  /** Our market order: walks the opposite side's visible levels. Returns the filled quantity. */
  market(orderId: string, side: BookSide, qty: number): number {
    return this.take(orderId, side, qty, Number.NaN);
  }

  /** Our limit order: takes what crosses, the rest joins the back of its level. Returns the filled quantity. */
  limit(orderId: string, side: BookSide, price: number, qty: number): number {
    const filled = this.take(orderId, side, qty, price);
    const rest = qty - filled;
    if (rest > 1e-12) {
      const id = this.next++;
      this.ids.set(orderId, id);
      this.names.set(id, orderId);
      this.prices.set(id, price);
      const shown = this.book.qtyAt(side, price);
      this.queue.join(id, side, price, rest, Number.isNaN(shown) ? 0 : shown);
    }
    return filled;
  }

  /** Cancels our resting order; false when it is not resting. */
  cancelOwn(orderId: string): boolean {
    const id = this.ids.get(orderId);
    if (id === undefined) return false;
    this.forget(id);
    return this.queue.cancel(id);
  }

  /** Estimated quantity ahead of our resting order (NaN when not resting). */
  queueAhead(orderId: string): number {
    const id = this.ids.get(orderId);
    return id === undefined ? Number.NaN : this.queue.ahead(id);
  }

  private take(orderId: string, side: BookSide, qty: number, limit: number): number {
    const opp: BookSide = side === "buy" ? "sell" : "buy";
    let left = qty;
    const n = this.book.levels(opp);
    for (let k = 0; k < n && left > 1e-12; k++) {
      const p = this.book.priceAt(opp, k);
      if (!Number.isNaN(limit) && (side === "buy" ? p > limit : p < limit)) break;
      const key = `${opp}:${p}`;
      const avail = this.book.qtyAt(opp, p) - (this.used.get(key) ?? 0);
      if (avail <= 0) continue;
      const q = Math.min(avail, left);
      this.used.set(key, (this.used.get(key) ?? 0) + q);
      left -= q;
      this.onFill({ orderId, qty: q, price: p, taker: true });
    }
    return qty - left;
  }

  private forget(id: number): void {
    const name = this.names.get(id);
    if (name !== undefined) this.ids.delete(name);
    this.names.delete(id);
    this.prices.delete(id);
  }
}
