import { L3Book } from "../book/l3Book.js";
import type { BookSide } from "../book/types.js";

/** One of our executions against the book. */
export interface BookFill {
  readonly orderId: string;
  readonly qty: number;
  readonly price: number;
  /** True when our order took liquidity (market order or crossing limit), false when it rested and was hit. */
  readonly taker: boolean;
}

/**
 * Fills our orders against order-level (L3) market data using the book's price-time priority: our resting limit
 * joins the back of its price level, so the quantity already queued ahead of it (`queueAhead`) must trade before it
 * fills; our market orders walk the book level by level (price impact) and fill partially when the book runs out.
 * Market data events (`add`, `cancel`, `trade`) replay the venue's feed into the same book.
 *
 * @example
 * const ex = new BookExecution((f) => fills.push(f));
 * ex.add(1, "buy", 100, 5); ex.limit("me", "buy", 100, 4); ex.queueAhead("me"); // → 5
 * ex.trade("sell", 7); // → order 1 fills 5, then we fill 2
 * @see https://www.nasdaqtrader.com/content/technicalsupport/specifications/dataproducts/NQTVITCHspecification.pdf
 */
export class BookExecution {
  readonly book: L3Book;
  private readonly ownIds = new Map<string, number>();
  private readonly ownNames = new Map<number, string>();
  /** Our ids are negative, from −2 (the book reports anonymous takers as −1). */
  private nextOwn = -2;

  constructor(private readonly onFill: (fill: BookFill) => void) {
    this.book = new L3Book({
      onFill: (maker, taker, price, qty) => {
        const m = this.ownNames.get(maker);
        if (m !== undefined) {
          if (!this.book.has(maker)) this.forget(maker);
          this.onFill({ orderId: m, qty, price, taker: false });
        }
        const t = this.ownNames.get(taker);
        if (t !== undefined) this.onFill({ orderId: t, qty, price, taker: true });
      },
    });
  }

  /** Market data: a resting order from someone else (positive numeric id). */
  add(id: number, side: BookSide, price: number, qty: number): void {
    this.book.add(id, side, price, qty);
  }

  /** Market data: someone else's order canceled. */
  cancel(id: number): void {
    this.book.cancel(id);
  }

  /** Market data: an aggressive trade by someone else (`side` is the aggressor's); it trades by priority. */
  trade(side: BookSide, qty: number, limitPrice = Number.NaN): number {
    return this.book.match(side, qty, limitPrice);
  }

  /** Our limit order: trades first if it crosses, the rest joins the back of its level. Returns the entry fill. */
  limit(orderId: string, side: BookSide, price: number, qty: number): number {
    const id = this.nextOwn--;
    this.ownIds.set(orderId, id);
    this.ownNames.set(id, orderId);
    const filled = this.book.add(id, side, price, qty, true);
    if (!this.book.has(id)) this.forget(id);
    return filled;
  }

  /** Our market order: walks the opposite side (price impact). Returns the filled quantity (≤ qty). */
  market(orderId: string, side: BookSide, qty: number): number {
    const id = this.nextOwn--;
    this.ownNames.set(id, orderId);
    const filled = this.book.match(side, qty, Number.NaN, id);
    this.ownNames.delete(id);
    return filled;
  }

  /** Cancels our resting order; false when it is no longer resting. */
  cancelOwn(orderId: string): boolean {
    const id = this.ownIds.get(orderId);
    if (id === undefined) return false;
    this.forget(id);
    return this.book.cancel(id);
  }

  /** Quantity queued ahead of our resting order at its price (NaN when not resting). */
  queueAhead(orderId: string): number {
    const id = this.ownIds.get(orderId);
    return id === undefined ? Number.NaN : this.book.queueAhead(id);
  }

  private forget(id: number): void {
    const name = this.ownNames.get(id);
    if (name !== undefined) this.ownIds.delete(name);
    this.ownNames.delete(id);
  }
}
