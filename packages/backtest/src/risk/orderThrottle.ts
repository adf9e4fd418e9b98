import type { RiskDecision } from "./riskDecision.js";
import { type RiskCheckContext, type RiskValidator, warnIfNear } from "./riskValidator.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

/** @internal Ring buffer of accepted-order times of one symbol. */
class TimeRing {
  readonly times: Float64Array;
  head = 0; // index of the oldest
  count = 0;
  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
  }
}

/**
 * Order-rate throttle per symbol over a sliding window of the injected clock's time (`state.time`, never
 * `Date.now`): an order is rejected when `maxOrders` orders of its symbol were already accepted at times
 * `t > now − windowMs`. Only orders accepted by the whole chain count (`commit`). Warns when the order would use
 * at least `warnAt` of the budget.
 *
 * @param maxOrders - orders allowed per window and symbol.
 * @param windowMs - window length in ms.
 * @example
 * // maxOrders 2 / 1000 ms: accepted at t=0 and t=10 → an order at t=999 is rejected, at t=1000 accepted
 * @see FIA, "Best Practices for Automated Trading Risk Controls and System Safeguards" (2024): https://www.fia.org/fia/articles/fia-publishes-best-practices-automated-trading-risk-controls-and-system-safeguards
 */
export class OrderThrottle implements RiskValidator {
  readonly name = "throttle";
  private readonly rings = new Map<string, TimeRing>();
  constructor(
    private readonly maxOrders: number,
    private readonly windowMs: number,
  ) {}

  private ring(symbol: string): TimeRing {
    let r = this.rings.get(symbol);
    if (r === undefined) {
      r = new TimeRing(this.maxOrders);
      this.rings.set(symbol, r);
    }
    return r;
  }

  check(order: RiskOrderRequest, state: RiskStateView, d: RiskDecision, ctx: RiskCheckContext): boolean {
    const r = this.ring(order.symbol);
    const cutoff = state.time - this.windowMs;
    const cap = this.maxOrders;
    while (r.count > 0 && r.times[r.head]! <= cutoff) {
      r.head = r.head + 1 === cap ? 0 : r.head + 1;
      r.count--;
    }
    if (r.count >= cap) return d.reject(this.name, "throttle", r.count + 1, cap);
    warnIfNear(ctx, this.name, "throttle", r.count + 1, cap);
    return true;
  }

  commit(order: RiskOrderRequest, state: RiskStateView): void {
    const r = this.ring(order.symbol);
    const cap = this.maxOrders;
    let tail = r.head + r.count;
    if (tail >= cap) tail -= cap;
    r.times[tail] = state.time;
    r.count++;
  }

  /** Orders of `symbol` currently counted in the window (as of the last check). */
  inWindow(symbol: string): number {
    return this.rings.get(symbol)?.count ?? 0;
  }
}
