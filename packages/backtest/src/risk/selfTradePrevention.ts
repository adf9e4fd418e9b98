import type { RiskDecision } from "./riskDecision.js";
import type { RiskValidator } from "./riskValidator.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

/**
 * Self-trade prevention ("cancel newest"): rejects an order that could execute against one of our own resting
 * orders in the same symbol. A buy limit at L crosses our resting sell limits priced ≤ L; a market buy crosses any
 * resting sell limit (and symmetrically for sells). Stop orders without a limit are not resting and are ignored on
 * both sides; a new stop order is not marketable until triggered and passes. `value` is the crossed order's price.
 *
 * @example
 * // we rest a sell at 101; a new buy limit at 101 → rejected ("self-trade"); at 100.9 → accepted
 * @see https://www.cmegroup.com/globex/trade-on-cme-globex/self-match-prevention.html
 */
export class SelfTradePrevention implements RiskValidator {
  readonly name = "self-trade";
  check(order: RiskOrderRequest, state: RiskStateView, d: RiskDecision): boolean {
    const limit = order.limitPrice;
    if (limit === undefined && order.stopPrice !== undefined) return true;
    const isBuy = order.side === "buy";
    const oo = state.openOrders;
    for (let i = 0; i < oo.length; i++) {
      const o = oo[i]!;
      if (o.symbol !== order.symbol || o.side === order.side) continue;
      const p = o.limitPrice;
      if (p === undefined) continue;
      if (limit === undefined || (isBuy ? p <= limit : p >= limit)) {
        return d.reject(this.name, "self-trade", p, limit ?? Number.NaN);
      }
    }
    return true;
  }
}
