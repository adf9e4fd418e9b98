import { isoUtc } from "@quantkit/core";
import type { RiskDecision } from "../risk/riskDecision.js";
import type { RiskEngine } from "../risk/riskEngine.js";

/**
 * The rejection reason an order gets when the pre-trade check refuses it (shared by the backtest {@link Engine} and
 * the live kernel): the kill switch's trip (time, trigger, detail), else `validator: reason` with the measured value
 * and the limit when the validator reports them.
 *
 * @param decision - the rejecting decision (read right after `risk.check`, before the next check reuses it).
 * @param risk - the engine that decided (its kill switch's record explains a `"kill-switch"` rejection).
 * @example
 * riskRejectionReason(risk.check(order, state), risk) // → "max-order-size: max-order-size (value 1000, limit 100)"
 * @see {@link RiskDecision}
 */
export function riskRejectionReason(decision: RiskDecision, risk: RiskEngine): string {
  const kill = decision.reason === "kill-switch" ? risk.killSwitch.record : null;
  if (kill) return `kill-switch: tripped at ${isoUtc(kill.time)} on ${kill.reason} (${kill.detail})`;
  return Number.isNaN(decision.value)
    ? `${decision.validator}: ${decision.reason}`
    : `${decision.validator}: ${decision.reason} (value ${decision.value}, limit ${decision.limit})`;
}
