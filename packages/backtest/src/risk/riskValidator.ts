import type { RiskDecision, RiskReason } from "./riskDecision.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

/** What a validator may call while checking: the warning threshold and the warning sink. */
export interface RiskCheckContext {
  /** Fraction of a limit at which to warn (e.g. 0.9). */
  readonly warnAt: number;
  /** Records a warning: `value` has reached at least `warnAt` × `limit`. Allocation-free. */
  warn(validator: string, reason: RiskReason, value: number, limit: number): void;
}

/**
 * One composable pre-trade check. `check` returns true to pass the order on, or calls `decision.reject(...)` and
 * returns false to stop the chain (fail-fast). `commit` runs only when the whole chain accepted the order (e.g. the
 * throttle counts accepted orders only). Implementations must not allocate in `check`.
 *
 * @example
 * const noShorts: RiskValidator = {
 *   name: "no-shorts",
 *   check: (o, s, d) => o.side === "buy" || (s.positions.get(o.symbol) ?? 0) >= o.quantity || d.reject("no-shorts", "max-position", o.quantity, 0),
 * };
 */
export interface RiskValidator {
  readonly name: string;
  check(
    order: RiskOrderRequest,
    state: RiskStateView,
    decision: RiskDecision,
    ctx: RiskCheckContext,
  ): boolean;
  commit?(order: RiskOrderRequest, state: RiskStateView): void;
}

/**
 * Per-symbol limit lookup: an override map with a default. Converted once to a `Map` so lookups allocate nothing.
 *
 * @example
 * new SymbolLimits(10, { BTCUSDT: 2 }).get("BTCUSDT"); // → 2
 * @see {@link MaxOrderSize}, {@link MaxPosition}
 */
export class SymbolLimits {
  private readonly overrides: Map<string, number>;
  constructor(
    readonly defaultLimit: number,
    overrides: Readonly<Record<string, number>> = {},
  ) {
    this.overrides = new Map(Object.entries(overrides));
  }
  /** The limit for `symbol` (its override, else the default). */
  get(symbol: string): number {
    const v = this.overrides.get(symbol);
    return v === undefined ? this.defaultLimit : v;
  }
}

/**
 * @internal Warns when value/limit is in [warnAt, 1].
 * @example
 * warnIfNear(ctx, "max-order-size", "max-order-size", 9, 10); // → ctx.warn(...) when warnAt ≤ 0.9
 * @see {@link RiskCheckContext}
 */
export function warnIfNear(
  ctx: RiskCheckContext,
  validator: string,
  reason: RiskReason,
  value: number,
  limit: number,
): void {
  if (value >= ctx.warnAt * limit) ctx.warn(validator, reason, value, limit);
}
