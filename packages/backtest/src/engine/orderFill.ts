import type { Fill, Order } from "../orders/order.js";
import type { Portfolio } from "../portfolio/portfolio.js";

/**
 * The {@link Fill} a venue's fill report makes of one of our orders, with the commission the portfolio's model charges
 * and the slippage in account currency; shared by the backtest {@link Engine} and the live kernel (one object, no
 * other allocation).
 *
 * @param order - the order that traded (id, client id, strategy, symbol, side are copied).
 * @param qty - quantity traded (> 0).
 * @param price - execution price, slippage included.
 * @param slippagePerUnit - adverse slippage per unit in `price` (the fill's `slippage` is `slippagePerUnit × qty`).
 * @param taker - true when the fill took liquidity.
 * @param ts - time of the fill (UTC epoch ms).
 * @param portfolio - the account whose commission model prices the fill.
 * @example
 * orderFill(buy10X, 10, 100.5, 0.5, true, 60_000, portfolio) // → { qty: 10, price: 100.5, slippage: 5, commission: …, … }
 * @see https://www.onixs.biz/fix-dictionary/4.2/msgType_8_8.html (FIX ExecutionReport LastShares/LastPx)
 */
export function orderFill(
  order: Order,
  qty: number,
  price: number,
  slippagePerUnit: number,
  taker: boolean,
  ts: number,
  portfolio: Portfolio,
): Fill {
  return {
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    symbol: order.symbol,
    side: order.side,
    qty,
    price,
    commission: portfolio.commissionFor(qty, price),
    slippage: slippagePerUnit * qty,
    ts,
    liquidityTaker: taker,
  };
}
