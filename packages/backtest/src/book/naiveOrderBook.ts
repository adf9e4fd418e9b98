import type { BookSide, FillListener } from "./types.js";

interface NaiveOrder {
  id: number;
  side: BookSide;
  price: number;
  qty: number;
  key: number;
}

/**
 * A deliberately simple L3 book — one sorted array of order objects per side (`splice` to insert and cancel,
 * best at the end) — used as the benchmark peer and as the test oracle of {@link L3Book}. Same API subset and
 * same price-time priority rules.
 *
 * @example
 * const b = new NaiveOrderBook(); b.add(1, "buy", 100, 1); b.bestBid(); // → 100
 * @see {@link L3Book}
 */
export class NaiveOrderBook {
  private readonly bids: NaiveOrder[] = [];
  private readonly asks: NaiveOrder[] = [];
  private readonly byId = new Map<number, NaiveOrder>();
  constructor(private readonly onFill?: FillListener) {}

  get size(): number {
    return this.byId.size;
  }

  private insert(o: NaiveOrder): void {
    const arr = o.side === "buy" ? this.bids : this.asks;
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (arr[mid]!.key < o.key) lo = mid + 1;
      else hi = mid;
    }
    arr.splice(lo, 0, o);
    this.byId.set(o.id, o);
  }

  private take(arr: NaiveOrder[], rem: number, crosses: (p: number) => boolean, takerId: number): number {
    while (rem > 0 && arr.length > 0) {
      const best = arr[arr.length - 1]!;
      if (!crosses(best.price)) break;
      const q = Math.min(rem, best.qty);
      best.qty -= q;
      rem -= q;
      this.onFill?.(best.id, takerId, best.price, q);
      if (best.qty <= 0) {
        arr.pop();
        this.byId.delete(best.id);
      }
    }
    return rem;
  }

  add(id: number, side: BookSide, price: number, qty: number): number {
    const rem =
      side === "buy"
        ? this.take(this.asks, qty, (p) => p <= price, id)
        : this.take(this.bids, qty, (p) => p >= price, id);
    if (rem > 0) this.insert({ id, side, price, qty: rem, key: side === "buy" ? price : -price });
    return qty - rem;
  }

  match(side: BookSide, qty: number, limitPrice = Number.NaN, takerId = -1): number {
    const rem =
      side === "buy"
        ? this.take(this.asks, qty, (p) => Number.isNaN(limitPrice) || p <= limitPrice, takerId)
        : this.take(this.bids, qty, (p) => Number.isNaN(limitPrice) || p >= limitPrice, takerId);
    return qty - rem;
  }

  cancel(id: number): boolean {
    const o = this.byId.get(id);
    if (o === undefined) return false;
    const arr = o.side === "buy" ? this.bids : this.asks;
    arr.splice(arr.indexOf(o), 1);
    this.byId.delete(id);
    return true;
  }

  modify(id: number, qty: number, price?: number): boolean {
    const o = this.byId.get(id);
    if (o === undefined) return false;
    if (qty <= 0) return this.cancel(id);
    if ((price === undefined || price === o.price) && qty <= o.qty) {
      o.qty = qty;
      return true;
    }
    this.cancel(id);
    this.add(id, o.side, price ?? o.price, qty);
    return true;
  }

  bestBid(): number {
    return this.bids.at(-1)?.price ?? Number.NaN;
  }
  bestAsk(): number {
    return this.asks.at(-1)?.price ?? Number.NaN;
  }
  orderQty(id: number): number {
    return this.byId.get(id)?.qty ?? Number.NaN;
  }
  /** Quantity ahead of an order at its price (time priority). */
  queueAhead(id: number): number {
    const o = this.byId.get(id);
    if (o === undefined) return Number.NaN;
    const arr = o.side === "buy" ? this.bids : this.asks;
    let q = 0;
    for (let i = arr.indexOf(o) + 1; i < arr.length && arr[i]!.price === o.price; i++) q += arr[i]!.qty;
    return q;
  }
  /** Aggregated levels, best first: [price, qty][]. */
  levels(side: BookSide): [number, number][] {
    const arr = side === "buy" ? this.bids : this.asks;
    const out: [number, number][] = [];
    for (let i = arr.length - 1; i >= 0; i--) {
      const o = arr[i]!;
      const last = out.at(-1);
      if (last && last[0] === o.price) last[1] += o.qty;
      else out.push([o.price, o.qty]);
    }
    return out;
  }
  /** Order ids at a price in time priority. */
  idsAt(side: BookSide, price: number): number[] {
    const arr = side === "buy" ? this.bids : this.asks;
    const out: number[] = [];
    for (let i = arr.length - 1; i >= 0; i--) if (arr[i]!.price === price) out.push(arr[i]!.id);
    return out;
  }
}
