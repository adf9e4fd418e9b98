import type { RiskOrderRequest } from "./types.js";

/** Why an order was accepted or rejected. Constant strings so the hot path allocates nothing. */
export type RiskReason =
  | "accepted"
  | "invalid-order"
  | "max-order-size"
  | "max-position"
  | "price-band"
  | "no-mid"
  | "self-trade"
  | "throttle"
  | "kill-switch";

/** Why the kill switch tripped. */
export type KillReason = "loss" | "drawdown" | "position-breach" | "error" | "manual";

/**
 * The outcome of one pre-trade check. The engine reuses ONE instance for every check (allocation-free hot path):
 * read it inside the callback or right after `check`, and copy it with {@link snapshotDecision} to keep it.
 *
 * @example
 * const d = engine.check(order, state); d.accepted; // → false
 * d.validator; // → "max-order-size"
 * @see {@link RiskEngine.check}
 */
export class RiskDecision {
  /** True when every validator passed. */
  accepted = true;
  /** Name of the validator that rejected the order (`""` when accepted). */
  validator = "";
  /** Reason code (`"accepted"` when accepted). */
  reason: RiskReason = "accepted";
  /** The measured value that broke the limit (units of the limit), NaN when not applicable. */
  value = Number.NaN;
  /** The limit that was broken, NaN when not applicable. */
  limit = Number.NaN;
  /** Number of warnings (≥ `warnAt` of a limit) raised while checking this order. */
  warnings = 0;
  /** Time of the check (state time, UTC epoch ms). */
  time = Number.NaN;
  /** The order checked. */
  order: RiskOrderRequest | null = null;

  /** @internal resets to "accepted" for a new check. */
  reset(order: RiskOrderRequest, time: number): void {
    this.accepted = true;
    this.validator = "";
    this.reason = "accepted";
    this.value = Number.NaN;
    this.limit = Number.NaN;
    this.warnings = 0;
    this.time = time;
    this.order = order;
  }

  /** @internal marks the decision as a rejection. Returns false so validators can `return d.reject(...)`. */
  reject(validator: string, reason: RiskReason, value: number, limit: number): false {
    this.accepted = false;
    this.validator = validator;
    this.reason = reason;
    this.value = value;
    this.limit = limit;
    return false;
  }
}

/** A plain, immutable copy of a {@link RiskDecision} for logs and audit trails. */
export interface RiskDecisionRecord {
  readonly accepted: boolean;
  readonly validator: string;
  readonly reason: RiskReason;
  readonly value: number;
  readonly limit: number;
  readonly warnings: number;
  readonly time: number;
  readonly clientOrderId: string;
  readonly symbol: string;
}

/**
 * Copies the reused decision object into an immutable record (allocates: call it off the hot path).
 *
 * @example
 * snapshotDecision(engine.check(order, state)).reason; // → "accepted"
 * @see {@link RiskDecision}
 */
export function snapshotDecision(d: RiskDecision): RiskDecisionRecord {
  return Object.freeze({
    accepted: d.accepted,
    validator: d.validator,
    reason: d.reason,
    value: d.value,
    limit: d.limit,
    warnings: d.warnings,
    time: d.time,
    clientOrderId: d.order?.clientOrderId ?? "",
    symbol: d.order?.symbol ?? "",
  });
}

/**
 * A warning: a limit is at least `warnAt` (default 90%) used. The engine reuses one instance.
 * @example
 * engine = RiskEngine.fromConfig(cfg, { onWarning: (w) => console.log(w.validator, w.usage) }); // → "max-order-size" 0.9
 * @see {@link RiskEngine}
 */
export class RiskWarning {
  validator = "";
  reason: RiskReason = "accepted";
  value = Number.NaN;
  limit = Number.NaN;
  /** value / limit, in [warnAt, 1]. */
  usage = Number.NaN;
  time = Number.NaN;
  order: RiskOrderRequest | null = null;
}
