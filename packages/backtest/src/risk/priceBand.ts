import type { RiskDecision } from "./riskDecision.js";
import { type RiskCheckContext, type RiskValidator, warnIfNear } from "./riskValidator.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

/**
 * Rejects a priced order (limit price, else stop price) more than `bps` basis points away from the symbol's mid:
 * `|price − mid| / mid × 10⁴ > bps` rejects, equal passes. Market orders carry no price and pass. When the mid is
 * unknown (missing, NaN or ≤ 0) the order is rejected with reason `"no-mid"` unless `missingMid` is `"allow"`.
 *
 * @param bps - band half-width in basis points of the mid.
 * @param missingMid - `"reject"` (default) or `"allow"`.
 * @example
 * // mid 100, band 50 bps: a buy limit at 100.6 is 60 bps away → rejected ("price-band")
 * @see https://www.cmegroup.com/trading/price-limits.html (price banding)
 */
export class PriceBand implements RiskValidator {
  readonly name = "price-band";
  constructor(
    private readonly bps: number,
    private readonly missingMid: "reject" | "allow" = "reject",
  ) {}
  check(order: RiskOrderRequest, state: RiskStateView, d: RiskDecision, ctx: RiskCheckContext): boolean {
    const price = order.limitPrice ?? order.stopPrice;
    if (price === undefined) return true;
    const mid = state.mids.get(order.symbol);
    if (mid === undefined || !(mid > 0)) {
      return this.missingMid === "allow" ? true : d.reject(this.name, "no-mid", Number.NaN, this.bps);
    }
    const dev = (Math.abs(price - mid) / mid) * 1e4;
    if (dev > this.bps) return d.reject(this.name, "price-band", dev, this.bps);
    warnIfNear(ctx, this.name, "price-band", dev, this.bps);
    return true;
  }
}
