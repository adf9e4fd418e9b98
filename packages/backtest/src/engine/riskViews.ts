import type { Order } from "../orders/order.js";
import type { RiskOpenOrder, RiskOrderRequest } from "../risk/types.js";

/**
 * The risk engine's view of an order about to be sent (shared by the backtest {@link Engine} and the live kernel).
 *
 * @param order - the order just created (status NEW).
 * @example
 * riskOrderRequest(order) // → { clientOrderId: "O1", symbol: "X", side: "buy", type: "limit", quantity: 10, limitPrice: 99, stopPrice: undefined }
 * @see {@link RiskEngine.check}
 */
export function riskOrderRequest(order: Order): RiskOrderRequest {
  return {
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.qty,
    limitPrice: order.limitPrice,
    stopPrice: order.stopPrice,
  };
}

/**
 * The risk engine's view of our working orders: every open order already sent (status NEW, not yet risk-checked, is
 * left out) with its unfilled quantity, in the order given.
 *
 * @param open - the open orders (e.g. `OrderManager.openOrders()`).
 * @example
 * riskOpenOrders([buy10Filled4]) // → [{ clientOrderId: "O1", symbol: "X", side: "buy", remaining: 6, limitPrice: 99, stopPrice: undefined }]
 * @see {@link RiskStateView.openOrders}
 */
export function riskOpenOrders(open: readonly Order[]): RiskOpenOrder[] {
  const out: RiskOpenOrder[] = [];
  for (const o of open) {
    if (o.status === "NEW") continue;
    out.push({
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      remaining: o.qty - o.filledQty,
      limitPrice: o.limitPrice,
      stopPrice: o.stopPrice,
    });
  }
  return out;
}
