import { QuantkitError } from "@quantkit/core";
import type { BookSide } from "./types.js";

/**
 * How level-size decreases that are not trades (cancellations) move our estimated place in an L2 queue:
 * - `"pessimistic"`: every cancel is behind us (we only advance through trades; `ahead` is capped by the level size);
 * - `"proportional"`: cancels are spread uniformly over the queue, so the part ahead of us shrinks by
 *   `d × ahead / (level size before)`;
 * - `"optimistic"`: every cancel is ahead of us.
 */
export type QueueModel = "pessimistic" | "proportional" | "optimistic";

interface OwnOrder {
  readonly id: number;
  readonly side: BookSide;
  readonly price: number;
  remaining: number;
  ahead: number;
}

/**
 * Estimates the queue position of our own (simulated) resting orders on L2 data, where individual orders are not
 * visible: an order joins at the back (`ahead` = the level's size when placed); trades at its price consume the
 * queue ahead first and then fill it; a trade through its price fills it completely; size decreases that are not
 * trades move it forward according to the {@link QueueModel}. Level sizes are market sizes, excluding our orders.
 *
 * Call order per market event: `onTrade` for prints, then `onLevelChange` with the level's new size — the tracker
 * subtracts the traded quantity it has already seen at that level, so a trade is not counted twice.
 *
 * @param model - cancel model (default `"proportional"`).
 * @example
 * const q = new L2QueuePosition("pessimistic");
 * q.join(1, "buy", 100, 2, 10); // 10 ahead of us
 * q.onTrade("buy", 100, 11, (id, qty) => fills.push([id, qty])); // → fills [[1, 1]]; q.ahead(1) → 0
 * @see Moallemi & Yuan, "A Model for Queue Position Valuation in a Limit Order Book" (2017)
 */
export class L2QueuePosition {
  private readonly orders: OwnOrder[] = [];
  private readonly traded = new Map<string, number>();
  constructor(readonly model: QueueModel = "proportional") {}

  private static key(side: BookSide, price: number): string {
    return `${side}:${price}`;
  }

  /**
   * Starts tracking one of our orders resting at `price`.
   *
   * @param levelQty - the market's size at that price when the order arrives (everything there is ahead of us).
   */
  join(id: number, side: BookSide, price: number, qty: number, levelQty: number): void {
    if (this.orders.some((o) => o.id === id))
      throw new QuantkitError(`L2QueuePosition.join: order ${id} is already tracked`);
    this.orders.push({ id, side, price, remaining: qty, ahead: Math.max(0, levelQty) });
  }

  /** Stops tracking an order (canceled by us); returns false when unknown. */
  cancel(id: number): boolean {
    const i = this.orders.findIndex((o) => o.id === id);
    if (i < 0) return false;
    this.orders.splice(i, 1);
    return true;
  }

  /** Estimated quantity ahead of our order (NaN when not tracked). */
  ahead(id: number): number {
    return this.orders.find((o) => o.id === id)?.ahead ?? Number.NaN;
  }
  /** Remaining quantity of our order (NaN when not tracked). */
  remaining(id: number): number {
    return this.orders.find((o) => o.id === id)?.remaining ?? Number.NaN;
  }

  /**
   * A trade printed against resting orders on `side` at `price`. Our orders at that price fill after the queue
   * ahead is consumed; our orders at prices the trade went THROUGH (a buy above / a sell below `price`) fill
   * completely. Fully filled orders stop being tracked.
   *
   * @param side - the RESTING side that was hit (`"buy"` = bids were hit by a seller).
   * @param fill - called with (our order id, filled qty).
   */
  onTrade(side: BookSide, price: number, qty: number, fill: (id: number, qty: number) => void): void {
    const k = L2QueuePosition.key(side, price);
    this.traded.set(k, (this.traded.get(k) ?? 0) + qty);
    const marketLeft = qty;
    for (let i = 0; i < this.orders.length; i++) {
      const o = this.orders[i]!;
      if (o.side !== side) continue;
      const through = side === "buy" ? o.price > price : o.price < price;
      if (through) {
        fill(o.id, o.remaining);
        o.remaining = 0;
      } else if (o.price === price) {
        const pastUs = marketLeft - o.ahead;
        o.ahead = Math.max(0, o.ahead - marketLeft);
        if (pastUs > 0) {
          const q = Math.min(pastUs, o.remaining);
          fill(o.id, q);
          o.remaining -= q;
        }
      }
    }
    for (let i = this.orders.length - 1; i >= 0; i--)
      if (this.orders[i]!.remaining <= 0) this.orders.splice(i, 1);
  }

  /**
   * The market size at a level changed from `prevQty` to `newQty` (e.g. an L2 diff). Decreases beyond the trades
   * already reported at that level are cancels and move our orders forward per the model; increases are orders
   * joining behind us.
   */
  onLevelChange(side: BookSide, price: number, prevQty: number, newQty: number): void {
    const k = L2QueuePosition.key(side, price);
    const tradedHere = this.traded.get(k) ?? 0;
    this.traded.delete(k);
    const cancelled = Math.max(0, prevQty - newQty - tradedHere);
    const before = Math.max(0, prevQty - tradedHere); // level size just before the cancels
    for (const o of this.orders) {
      if (o.side !== side || o.price !== price) continue;
      if (cancelled > 0) {
        if (this.model === "optimistic") o.ahead -= cancelled;
        else if (this.model === "proportional" && before > 0)
          o.ahead -= (cancelled * Math.min(o.ahead, before)) / before;
      }
      o.ahead = Math.max(0, Math.min(o.ahead, newQty));
    }
  }
}
