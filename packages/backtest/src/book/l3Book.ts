import { QuantkitError } from "@quantkit/core";
import { bookImbalance, microprice } from "./bookMath.js";
import { PriceLadder } from "./priceLadder.js";
import type { BookSide, FillListener } from "./types.js";

const NIL = -1;
/** Integer ids below this use a direct-indexed table (≤ 32 MB); larger or fractional ids use a Map. */
const DENSE_LIMIT = 1 << 23;

/** @internal One price level: a FIFO (doubly linked through the order pool) and its aggregate quantity. */
interface Level {
  price: number;
  qty: number;
  count: number;
  head: number;
  tail: number;
}

/**
 * An L3 (order-by-order) limit order book with price-time priority. Orders live in a struct-of-arrays pool (typed
 * arrays, free list) linked into one FIFO per price level; a direct table (integer ids < 2²³) or a `Map` finds an order by id and a {@link PriceLadder}
 * per side keeps prices sorted, so best bid/ask are O(1) and add/cancel/reduce are O(1) plus the ladder update
 * when a level appears or disappears. Matching walks the opposite side from the best price, oldest order first.
 *
 * Priority rules (as on CME/Nasdaq): reducing an order's quantity keeps its place; increasing it or changing its
 * price sends it to the back of the (new) level. An incoming order that crosses the book trades first (as the
 * aggressor) and rests any remainder.
 *
 * @param onFill - called for each execution (must not mutate the book).
 * @example
 * const b = new L3Book();
 * b.add(1, "sell", 101, 5); b.add(2, "sell", 101, 3); // 2 queues behind 1
 * b.queueAhead(2); // → 5
 * b.match("buy", 6); // → 6 filled: order 1 fully, order 2 for 1
 * b.bestAskQty(); // → 2
 * @see https://www.nasdaqtrader.com/content/technicalsupport/specifications/dataproducts/NQTVITCHspecification.pdf (ITCH add/cancel/execute semantics)
 */
export class L3Book {
  private cap: number;
  private oid: Float64Array;
  private oprice: Float64Array;
  private oqty: Float64Array;
  private oprev: Int32Array;
  private onext: Int32Array;
  private oside: Uint8Array;
  private oown: Uint8Array;
  private used = 0;
  private freeHead = NIL;
  /** id → slot + 1 for integer ids in [0, DENSE_LIMIT) (no hashing, no boxing); 0 = absent. */
  private dense = new Int32Array(1024);
  /** id → slot for any other id. */
  private readonly sparse = new Map<number, number>();
  private count = 0;
  private readonly bidLadder = new PriceLadder<Level>(true);
  private readonly askLadder = new PriceLadder<Level>(false);
  private readonly levelPool: Level[] = [];
  /** Level of each occupied slot (saves a Map lookup by price on cancel/modify). */
  private levelOf: (Level | null)[] = [];
  private readonly onFill: FillListener | undefined;

  /**
   * @param options.capacity - initial order capacity (grows by doubling). Default 1024.
   * @param options.onFill - execution listener.
   */
  constructor(options: { capacity?: number; onFill?: FillListener } = {}) {
    const cap = Math.max(16, options.capacity ?? 1024);
    this.cap = cap;
    this.oid = new Float64Array(cap);
    this.oprice = new Float64Array(cap);
    this.oqty = new Float64Array(cap);
    this.oprev = new Int32Array(cap);
    this.onext = new Int32Array(cap);
    this.oside = new Uint8Array(cap);
    this.oown = new Uint8Array(cap);
    this.onFill = options.onFill;
  }

  /** Number of resting orders. */
  get size(): number {
    return this.count;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const f = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const u = (a: Uint8Array) => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    this.oid = f(this.oid);
    this.oprice = f(this.oprice);
    this.oqty = f(this.oqty);
    this.oprev = i(this.oprev);
    this.onext = i(this.onext);
    this.oside = u(this.oside);
    this.oown = u(this.oown);
    this.cap = cap;
  }

  private slotOf(id: number): number {
    if ((id | 0) === id && id >= 0) {
      if (id < this.dense.length) return this.dense[id]! - 1;
      if (id < DENSE_LIMIT) return -1;
    }
    return this.sparse.get(id) ?? -1;
  }

  private setSlot(id: number, s: number): void {
    if ((id | 0) === id && id >= 0 && id < DENSE_LIMIT) {
      if (id >= this.dense.length) {
        let len = this.dense.length * 2;
        while (len <= id) len *= 2;
        const grown = new Int32Array(Math.min(len, DENSE_LIMIT));
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[id] = s + 1;
    } else this.sparse.set(id, s);
    this.count++;
  }

  private clearSlot(id: number): void {
    if ((id | 0) === id && id >= 0 && id < DENSE_LIMIT) this.dense[id] = 0;
    else this.sparse.delete(id);
    this.count--;
  }

  private allocSlot(): number {
    const s = this.freeHead;
    if (s !== NIL) {
      this.freeHead = this.onext[s]!;
      return s;
    }
    if (this.used === this.cap) this.grow();
    return this.used++;
  }

  private freeSlot(s: number): void {
    this.onext[s] = this.freeHead;
    this.freeHead = s;
  }

  /**
   * Adds a limit order. If it crosses the opposite side it trades first (price-time priority, at the makers'
   * prices) and only the remainder rests. Returns the quantity filled on entry.
   *
   * @param id - unique order id (a number; reusing a resting order's id throws).
   * @param side - `"buy"` or `"sell"`.
   * @param price - limit price.
   * @param qty - quantity, > 0.
   * @param own - marks one of our own orders (for queue-position queries).
   */
  add(id: number, side: BookSide, price: number, qty: number, own = false): number {
    if (this.slotOf(id) >= 0) throw new QuantkitError(`L3Book.add: order id ${id} is already resting`);
    let rem = qty;
    if (side === "buy") {
      while (rem > 0 && this.askLadder.length > 0 && this.askLadder.best() <= price) {
        rem = this.matchBest(this.askLadder, rem, id);
      }
    } else {
      while (rem > 0 && this.bidLadder.length > 0 && this.bidLadder.best() >= price) {
        rem = this.matchBest(this.bidLadder, rem, id);
      }
    }
    if (rem > 0) this.rest(id, side, price, rem, own);
    return qty - rem;
  }

  private rest(id: number, side: BookSide, price: number, qty: number, own: boolean): void {
    const s = this.allocSlot();
    this.oid[s] = id;
    this.oprice[s] = price;
    this.oqty[s] = qty;
    this.oside[s] = side === "buy" ? 0 : 1;
    this.oown[s] = own ? 1 : 0;
    this.onext[s] = NIL;
    const ladder = side === "buy" ? this.bidLadder : this.askLadder;
    let lvl = ladder.get(price);
    if (lvl === undefined) {
      lvl = this.levelPool.pop() ?? { price: 0, qty: 0, count: 0, head: NIL, tail: NIL };
      lvl.price = price;
      lvl.qty = 0;
      lvl.count = 0;
      lvl.head = NIL;
      lvl.tail = NIL;
      ladder.insert(price, lvl);
    }
    this.oprev[s] = lvl.tail;
    if (lvl.tail !== NIL) this.onext[lvl.tail] = s;
    else lvl.head = s;
    lvl.tail = s;
    lvl.qty += qty;
    lvl.count++;
    this.levelOf[s] = lvl;
    this.setSlot(id, s);
  }

  private dropLevel(ladder: PriceLadder<Level>, lvl: Level): void {
    ladder.remove(lvl.price);
    this.levelPool.push(lvl);
  }

  /** Trades `rem` against the best level of a side; returns what is left. */
  private matchBest(ladder: PriceLadder<Level>, rem: number, takerId: number): number {
    const price = ladder.best();
    const lvl = ladder.bestValue()!;
    const oqty = this.oqty;
    let s = lvl.head;
    while (s !== NIL && rem > 0) {
      const q = oqty[s]!;
      if (q <= rem) {
        rem -= q;
        const next = this.onext[s]!;
        const mid = this.oid[s]!;
        this.clearSlot(mid);
        this.levelOf[s] = null;
        this.freeSlot(s);
        lvl.count--;
        lvl.qty -= q;
        this.onFill?.(mid, takerId, price, q);
        s = next;
      } else {
        oqty[s] = q - rem;
        lvl.qty -= rem;
        this.onFill?.(this.oid[s]!, takerId, price, rem);
        rem = 0;
      }
    }
    lvl.head = s;
    if (s !== NIL) this.oprev[s] = NIL;
    else this.dropLevel(ladder, lvl);
    return rem;
  }

  /**
   * Executes an aggressive order of `qty` against the opposite side (a market order when `limitPrice` is omitted;
   * otherwise it stops at the limit and nothing rests). Returns the filled quantity.
   *
   * @param side - the aggressor's side: `"buy"` lifts asks, `"sell"` hits bids.
   * @param qty - quantity to trade, > 0.
   * @param limitPrice - worst acceptable price (default: none).
   * @param takerId - id reported to the fill listener (default -1).
   */
  match(side: BookSide, qty: number, limitPrice = Number.NaN, takerId = -1): number {
    let rem = qty;
    if (side === "buy") {
      const lim = Number.isNaN(limitPrice) ? Number.POSITIVE_INFINITY : limitPrice;
      while (rem > 0 && this.askLadder.length > 0 && this.askLadder.best() <= lim) {
        rem = this.matchBest(this.askLadder, rem, takerId);
      }
    } else {
      const lim = Number.isNaN(limitPrice) ? Number.NEGATIVE_INFINITY : limitPrice;
      while (rem > 0 && this.bidLadder.length > 0 && this.bidLadder.best() >= lim) {
        rem = this.matchBest(this.bidLadder, rem, takerId);
      }
    }
    return qty - rem;
  }

  private unlink(s: number): void {
    const buy = this.oside[s] === 0;
    const lvl = this.levelOf[s]!;
    this.levelOf[s] = null;
    const p = this.oprev[s]!;
    const n = this.onext[s]!;
    if (p !== NIL) this.onext[p] = n;
    else lvl.head = n;
    if (n !== NIL) this.oprev[n] = p;
    else lvl.tail = p;
    lvl.count--;
    lvl.qty -= this.oqty[s]!;
    if (lvl.count === 0) this.dropLevel(buy ? this.bidLadder : this.askLadder, lvl);
  }

  /** Cancels a resting order; returns false when the id is not resting (already filled or unknown). */
  cancel(id: number): boolean {
    const s = this.slotOf(id);
    if (s < 0) return false;
    this.unlink(s);
    this.clearSlot(id);
    this.freeSlot(s);
    return true;
  }

  /**
   * Modifies a resting order. Reducing the quantity at the same price keeps time priority; a larger quantity or a
   * new price cancels and re-adds it at the back of the queue (and it may trade if the new price crosses).
   * `qty ≤ 0` cancels. Returns false when the id is not resting.
   *
   * @param id - resting order id.
   * @param qty - new total open quantity.
   * @param price - new price (default: unchanged).
   */
  modify(id: number, qty: number, price?: number): boolean {
    const s = this.slotOf(id);
    if (s < 0) return false;
    if (qty <= 0) return this.cancel(id);
    const old = this.oqty[s]!;
    const oldPrice = this.oprice[s]!;
    if ((price === undefined || price === oldPrice) && qty <= old) {
      this.levelOf[s]!.qty -= old - qty;
      this.oqty[s] = qty;
      return true;
    }
    const side: BookSide = this.oside[s] === 0 ? "buy" : "sell";
    const own = this.oown[s] === 1;
    this.cancel(id);
    this.add(id, side, price ?? oldPrice, qty, own);
    return true;
  }

  /** True when the order is resting. */
  has(id: number): boolean {
    return this.slotOf(id) >= 0;
  }
  /** Open quantity of a resting order (NaN when not resting). */
  orderQty(id: number): number {
    const s = this.slotOf(id);
    return s < 0 ? Number.NaN : this.oqty[s]!;
  }
  /** Price of a resting order (NaN when not resting). */
  orderPrice(id: number): number {
    const s = this.slotOf(id);
    return s < 0 ? Number.NaN : this.oprice[s]!;
  }
  /** True when the resting order was added with `own = true`. */
  isOwn(id: number): boolean {
    const s = this.slotOf(id);
    return s >= 0 && this.oown[s] === 1;
  }

  /**
   * Queue position of a resting order: the quantity resting ahead of it at its price level (orders that must trade
   * first). NaN when the order is not resting. O(orders ahead).
   */
  queueAhead(id: number): number {
    const s = this.slotOf(id);
    if (s < 0) return Number.NaN;
    let q = 0;
    for (let p = this.oprev[s]!; p !== NIL; p = this.oprev[p]!) q += this.oqty[p]!;
    return q;
  }

  /** Number of orders ahead of a resting order at its level (NaN when not resting). */
  ordersAhead(id: number): number {
    const s = this.slotOf(id);
    if (s < 0) return Number.NaN;
    let k = 0;
    for (let p = this.oprev[s]!; p !== NIL; p = this.oprev[p]!) k++;
    return k;
  }

  /** Calls `fn(id, qty)` for each order at a level, in time priority. */
  forEachAtLevel(side: BookSide, price: number, fn: (id: number, qty: number) => void): void {
    const lvl = (side === "buy" ? this.bidLadder : this.askLadder).get(price);
    if (lvl === undefined) return;
    for (let s = lvl.head; s !== NIL; s = this.onext[s]!) fn(this.oid[s]!, this.oqty[s]!);
  }

  /** Number of price levels on a side. */
  levels(side: BookSide): number {
    return (side === "buy" ? this.bidLadder : this.askLadder).length;
  }
  /** Total resting quantity at a price (0 when absent). */
  qtyAt(side: BookSide, price: number): number {
    return (side === "buy" ? this.bidLadder : this.askLadder).get(price)?.qty ?? 0;
  }
  /** Number of orders at a price. */
  countAt(side: BookSide, price: number): number {
    return (side === "buy" ? this.bidLadder : this.askLadder).get(price)?.count ?? 0;
  }
  /** Best bid price, NaN when empty. O(1). */
  bestBid(): number {
    return this.bidLadder.best();
  }
  /** Best ask price, NaN when empty. O(1). */
  bestAsk(): number {
    return this.askLadder.best();
  }
  /** Total quantity at the best bid (0 when empty). */
  bestBidQty(): number {
    return this.bidLadder.bestValue()?.qty ?? 0;
  }
  /** Total quantity at the best ask (0 when empty). */
  bestAskQty(): number {
    return this.askLadder.bestValue()?.qty ?? 0;
  }
  /** Best ask − best bid (NaN when a side is empty). */
  spread(): number {
    return this.askLadder.best() - this.bidLadder.best();
  }
  /** (best bid + best ask) / 2. */
  mid(): number {
    return (this.askLadder.best() + this.bidLadder.best()) / 2;
  }

  /** Copies the top `n` aggregated levels of a side (best first) into the output arrays; returns the count. */
  depth(side: BookSide, n: number, outPrices: Float64Array, outQtys: Float64Array): number {
    const ladder = side === "buy" ? this.bidLadder : this.askLadder;
    const m = Math.min(n, ladder.length, outPrices.length, outQtys.length);
    for (let k = 0; k < m; k++) {
      outPrices[k] = ladder.at(k);
      outQtys[k] = ladder.valueAt(k)!.qty;
    }
    return m;
  }

  /** Total quantity of the top `n` levels of a side. */
  sideQty(side: BookSide, n: number): number {
    const ladder = side === "buy" ? this.bidLadder : this.askLadder;
    const m = Math.min(n, ladder.length);
    let q = 0;
    for (let k = 0; k < m; k++) q += ladder.valueAt(k)!.qty;
    return q;
  }

  /** Volume imbalance of the top `n` levels (default 1), see {@link bookImbalance}. */
  imbalance(n = 1): number {
    return bookImbalance(this.sideQty("buy", n), this.sideQty("sell", n));
  }

  /** Microprice of the top of book, see {@link microprice}. */
  microprice(): number {
    return microprice(this.bestBid(), this.bestBidQty(), this.bestAsk(), this.bestAskQty());
  }
}
