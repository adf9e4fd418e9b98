import type { RiskDecision } from "./riskDecision.js";
import { type RiskCheckContext, type RiskValidator, type SymbolLimits, warnIfNear } from "./riskValidator.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

/**
 * Rejects an order that could take the absolute net position in its symbol above the limit. The projection is the
 * worst case: current position + this order + every open order on the same side of the same symbol
 * (`|pos ± (qty + openSameSide)| > limit` rejects; equal passes). An order that reduces the absolute position
 * (`|pos ± qty| ≤ |pos|`) is always accepted, so a breached position can always be worked down.
 *
 * @param limits - max absolute net position per symbol, in units.
 * @example
 * // position +8, limit 10: buying 3 → worst case 11 → rejected; selling 20 (flip to −12)... → rejected too
 * new MaxPosition(new SymbolLimits(10)).check({ ...buy, quantity: 3 }, state, d, ctx); // → false
 * @see SEC Rule 15c3-5 (Market Access Rule) pre-trade controls: https://www.sec.gov/rules/final/2010/34-63241.pdf
 */
export class MaxPosition implements RiskValidator {
  readonly name = "max-position";
  constructor(private readonly limits: SymbolLimits) {}
  check(order: RiskOrderRequest, state: RiskStateView, d: RiskDecision, ctx: RiskCheckContext): boolean {
    const symbol = order.symbol;
    const pos = state.positions.get(symbol) ?? 0;
    const sign = order.side === "buy" ? 1 : -1;
    const after = pos + sign * order.quantity;
    if (Math.abs(after) <= Math.abs(pos)) return true; // reducing
    let open = 0;
    const oo = state.openOrders;
    for (let i = 0; i < oo.length; i++) {
      const o = oo[i]!;
      if (o.symbol === symbol && o.side === order.side) open += o.remaining;
    }
    const worst = Math.abs(after + sign * open);
    const limit = this.limits.get(symbol);
    if (worst > limit) return d.reject(this.name, "max-position", worst, limit);
    warnIfNear(ctx, this.name, "max-position", worst, limit);
    return true;
  }
}
