import { type Order, type OrderRequest, orderRequestSchema } from "../orders/order.js";
import type { BracketRequest } from "./strategy.js";

/**
 * The bracket requests waiting on their entry orders, shared by the backtest {@link Engine} and the live kernel: when
 * an entry fills it submits the exits for the filled quantity (a take-profit limit and a stop-loss stop on the other
 * side, one-cancels-other in group `bracket:<entry id>`); an entry that ends (canceled, expired) partly filled protects
 * the filled part the same way, one that ends unfilled or is rejected is forgotten.
 *
 * @param submit - submits one exit order as a child of the entry `parentId` (the kernel's own order path: risk
 *   checks, logging, gateway).
 * @example
 * const brackets = new BracketOrders((request, parentId) => kernel.submit(request, parentId));
 * brackets.register("O1", { entry: { symbol: "X", side: "buy", qty: 10 }, takeProfit: 110, stopLoss: 95 });
 * brackets.entryFilled(filledO1); // → submits sell limit 10 @ 110 and sell stop 10 @ 95, ocoGroup "bracket:O1"
 * @see https://docs.alpaca.markets/docs/orders-at-alpaca#bracket-orders
 */
export class BracketOrders {
  private readonly waiting = new Map<string, BracketRequest>();

  constructor(private readonly submit: (request: OrderRequest, parentId: string) => void) {}

  /** Remembers the bracket of entry order `entryId` (before submitting the entry, so an immediate fill finds it). */
  register(entryId: string, bracket: BracketRequest): void {
    this.waiting.set(entryId, bracket);
  }

  /** Forgets the bracket of an entry that will never fill (rejected). */
  forget(entryId: string): void {
    this.waiting.delete(entryId);
  }

  /** The entry filled completely: submits its exits (once). */
  entryFilled(entry: Order): void {
    const b = this.waiting.get(entry.id);
    if (b === undefined) return;
    this.waiting.delete(entry.id);
    const side = entry.side === "buy" ? "sell" : "buy";
    const base = {
      symbol: entry.symbol,
      side,
      qty: entry.filledQty,
      strategyId: entry.strategyId,
      ocoGroup: `bracket:${entry.id}`,
    };
    if (b.takeProfit !== undefined)
      this.submit(orderRequestSchema.parse({ ...base, type: "limit", limitPrice: b.takeProfit }), entry.id);
    if (b.stopLoss !== undefined)
      this.submit(orderRequestSchema.parse({ ...base, type: "stop", stopPrice: b.stopLoss }), entry.id);
  }

  /** The entry ended (canceled, expired): protects the part that filled; otherwise forgets the bracket. */
  entryEnded(entry: Order): void {
    if (entry.filledQty > 0) this.entryFilled(entry);
    else this.waiting.delete(entry.id);
  }
}
