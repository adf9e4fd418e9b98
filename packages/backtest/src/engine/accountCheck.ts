import type { Order } from "../orders/order.js";
import type { OrderManager } from "../orders/order-manager.js";
import type { Portfolio } from "../portfolio/portfolio.js";

/** Why the account refuses an order: a short sale while shorting is off, or not enough buying power. */
export type AccountRejection =
  | {
      readonly kind: "short-not-allowed";
      readonly symbol: string;
      /** The position the order would leave (< 0). */
      readonly position: number;
    }
  | {
      readonly kind: "buying-power";
      /** Gross exposure the order adds at its limit/stop price, else the last price (account currency). */
      readonly added: number;
      /** What our other working orders may still add (account currency). */
      readonly reserved: number;
      /** Buying power: equity × maxLeverage − gross exposure (account currency). */
      readonly available: number;
    };

/**
 * The account checks a broker makes before taking an order, shared by the backtest {@link Engine} and the live
 * kernel: no short position when the portfolio does not allow shorting, and the order's added gross exposure (at its
 * limit/stop price, else the last price) plus what our other working orders may still add, within the buying power.
 * Orders that reduce exposure, or whose symbol has no price yet, pass.
 *
 * @param order - the order to check (it may already be among the open orders; it is not counted twice).
 * @param portfolio - the account (positions, last prices, `allowShort`, `buyingPower`).
 * @param orders - our orders; open ones reserve buying power except those in status NEW (not yet sent). They are
 *   listed only when the order adds exposure.
 * @returns the rejection, or undefined when the account takes the order.
 * @example
 * accountCheck(buy1000At100, cashAccountWith10k, orderManager) // → { kind: "buying-power", added: 100000, reserved: 0, available: 10000 }
 * @see https://docs.alpaca.markets/docs/margin-and-short-selling (buying power)
 */
export function accountCheck(
  order: Order,
  portfolio: Portfolio,
  orders: Pick<OrderManager, "openOrders">,
): AccountRejection | undefined {
  const cur = portfolio.qty(order.symbol);
  const next = cur + (order.side === "buy" ? order.qty : -order.qty);
  if (!portfolio.allowShort && next < -1e-9)
    return { kind: "short-not-allowed", symbol: order.symbol, position: next };
  const px = order.limitPrice ?? order.stopPrice ?? portfolio.lastPrice(order.symbol);
  if (!(px > 0)) return undefined; // no price yet: nothing to check against
  const added = (Math.abs(next) - Math.abs(cur)) * px;
  if (added <= 0) return undefined; // reduces exposure
  let reserved = 0;
  for (const w of orders.openOrders()) {
    if (w.id === order.id || w.status === "NEW") continue;
    const wp = w.limitPrice ?? w.stopPrice ?? portfolio.lastPrice(w.symbol);
    if (wp > 0) reserved += (w.qty - w.filledQty) * wp;
  }
  const available = portfolio.buyingPower;
  if (added + reserved > available + 1e-9) return { kind: "buying-power", added, reserved, available };
  return undefined;
}
