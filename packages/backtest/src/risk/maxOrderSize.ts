import type { RiskDecision } from "./riskDecision.js";
import { type RiskCheckContext, type RiskValidator, type SymbolLimits, warnIfNear } from "./riskValidator.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

/**
 * Rejects an order whose quantity exceeds the per-symbol maximum (`quantity > limit`; equal passes). Warns at
 * `warnAt` of the limit.
 *
 * @param limits - max quantity per order, in units.
 * @example
 * new MaxOrderSize(new SymbolLimits(10)).check({ ...order, quantity: 11 }, state, d, ctx); // → false, d.reason "max-order-size"
 * @see SEC Rule 15c3-5 (Market Access Rule) pre-trade controls: https://www.sec.gov/rules/final/2010/34-63241.pdf
 */
export class MaxOrderSize implements RiskValidator {
  readonly name = "max-order-size";
  constructor(private readonly limits: SymbolLimits) {}
  check(order: RiskOrderRequest, _state: RiskStateView, d: RiskDecision, ctx: RiskCheckContext): boolean {
    const limit = this.limits.get(order.symbol);
    const q = order.quantity;
    if (q > limit) return d.reject(this.name, "max-order-size", q, limit);
    warnIfNear(ctx, this.name, "max-order-size", q, limit);
    return true;
  }
}
