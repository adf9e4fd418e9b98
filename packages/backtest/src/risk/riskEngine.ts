import { type KillRecord, KillSwitch } from "./killSwitch.js";
import { MaxOrderSize } from "./maxOrderSize.js";
import { MaxPosition } from "./maxPosition.js";
import { OrderThrottle } from "./orderThrottle.js";
import { PriceBand } from "./priceBand.js";
import type { RiskConfig } from "./riskConfig.js";
import { RiskDecision, type RiskReason, RiskWarning } from "./riskDecision.js";
import { type RiskCheckContext, type RiskValidator, SymbolLimits } from "./riskValidator.js";
import { SelfTradePrevention } from "./selfTradePrevention.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

/** Hooks of the risk engine: decision log, warnings and the kill switch's cancel-all. All optional. */
export interface RiskEngineHooks {
  /** Called for every decision (accepted or rejected). The object is reused: copy with `snapshotDecision`. */
  readonly onDecision?: ((decision: RiskDecision) => void) | undefined;
  /** Called for every warning (a limit ≥ `warnAt` used). The object is reused. */
  readonly onWarning?: ((warning: RiskWarning) => void) | undefined;
  /** Called once when the kill switch trips: cancel every open order here. */
  readonly onKill?: ((record: KillRecord) => void) | undefined;
  /** Equity at start for the kill switch's loss limit (default: first equity seen). */
  readonly startEquity?: number | undefined;
}

/**
 * The pre-trade risk engine: runs its validators in order and stops at the first rejection (fail-fast), logs
 * every decision and every warning through the hooks, and owns a kill switch. `check` allocates nothing and
 * returns the same {@link RiskDecision} instance every time.
 *
 * Default chain built by {@link RiskEngine.fromConfig}: order sanity (always) → kill switch → max order size → max
 * position → price band → self-trade prevention → throttle. The kill switch runs first so a halted engine rejects
 * every order with `"kill-switch"` whatever else is wrong with it; the rest follow the order.
 *
 * @example
 * const engine = RiskEngine.fromConfig(loadRiskConfig("limits.yaml"), { onDecision: (d) => log.push(snapshotDecision(d)) });
 * engine.check({ clientOrderId: "c1", symbol: "X", side: "buy", type: "market", quantity: 1e9 }, state).reason; // → "max-order-size"
 * @see FIA, "Best Practices for Automated Trading Risk Controls and System Safeguards" (2024): https://www.fia.org/fia/articles/fia-publishes-best-practices-automated-trading-risk-controls-and-system-safeguards
 */
export class RiskEngine {
  private readonly decision = new RiskDecision();
  private readonly warning = new RiskWarning();
  private readonly ctx: RiskCheckContext;
  private readonly onDecision: ((d: RiskDecision) => void) | undefined;
  private readonly onWarning: ((w: RiskWarning) => void) | undefined;
  private currentTime = Number.NaN;
  private currentOrder: RiskOrderRequest | null = null;

  /**
   * @param validators - the chain, run in this order.
   * @param killSwitch - the kill switch (also expected somewhere in `validators` to reject orders once tripped).
   * @param warnAt - fraction of a limit that raises a warning (default 0.9).
   */
  constructor(
    readonly validators: readonly RiskValidator[],
    readonly killSwitch: KillSwitch = new KillSwitch(),
    warnAt = 0.9,
    hooks: RiskEngineHooks = {},
  ) {
    this.onDecision = hooks.onDecision;
    this.onWarning = hooks.onWarning;
    const w = this.warning;
    this.ctx = {
      warnAt,
      warn: (validator: string, reason: RiskReason, value: number, limit: number) => {
        if (this.currentOrder !== null) this.decision.warnings++;
        if (this.onWarning === undefined) return;
        w.validator = validator;
        w.reason = reason;
        w.value = value;
        w.limit = limit;
        w.usage = value / limit;
        w.time = this.currentTime;
        w.order = this.currentOrder;
        this.onWarning(w);
      },
    };
  }

  /** Builds the default chain from a validated config (see the class doc for the order). */
  static fromConfig(config: RiskConfig, hooks: RiskEngineHooks = {}): RiskEngine {
    const posLimits = config.maxPosition
      ? new SymbolLimits(config.maxPosition.default, config.maxPosition.symbols)
      : undefined;
    const ks = new KillSwitch({
      maxLoss: config.killSwitch?.maxLoss,
      maxDrawdown: config.killSwitch?.maxDrawdown,
      positionBreachMultiple: config.killSwitch?.positionBreachMultiple,
      maxPosition: posLimits,
      onError: config.killSwitch?.onError ?? true,
      startEquity: hooks.startEquity,
      onKill: hooks.onKill,
    });
    const chain: RiskValidator[] = [ks];
    if (config.maxOrderQty) {
      chain.push(new MaxOrderSize(new SymbolLimits(config.maxOrderQty.default, config.maxOrderQty.symbols)));
    }
    if (posLimits) chain.push(new MaxPosition(posLimits));
    if (config.priceBand) chain.push(new PriceBand(config.priceBand.bps, config.priceBand.missingMid));
    if (config.selfTradePrevention) chain.push(new SelfTradePrevention());
    if (config.throttle) chain.push(new OrderThrottle(config.throttle.maxOrders, config.throttle.windowMs));
    return new RiskEngine(chain, ks, config.warnAt, hooks);
  }

  /**
   * Checks one order against the chain. Returns the engine's reused decision object.
   *
   * @param order - the order request.
   * @param state - the account view at the kernel's current time.
   */
  check(order: RiskOrderRequest, state: RiskStateView): RiskDecision {
    const d = this.decision;
    d.reset(order, state.time);
    this.currentTime = state.time;
    this.currentOrder = order;
    const q = order.quantity;
    const lp = order.limitPrice;
    const sp = order.stopPrice;
    if (
      !(q > 0 && q < Number.POSITIVE_INFINITY) ||
      (lp !== undefined && !(lp > 0 && lp < Number.POSITIVE_INFINITY)) ||
      (sp !== undefined && !(sp > 0 && sp < Number.POSITIVE_INFINITY))
    ) {
      d.reject("order-sanity", "invalid-order", q, Number.NaN);
    } else {
      const vs = this.validators;
      let ok = true;
      for (let i = 0; i < vs.length; i++) {
        if (!vs[i]!.check(order, state, d, this.ctx)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        for (let i = 0; i < vs.length; i++) vs[i]!.commit?.(order, state);
      }
    }
    this.onDecision?.(d);
    return d;
  }

  /**
   * Evaluates the kill switch on a state update (no order): loss, drawdown and every position. Warns (with
   * `order: null`) when a loss or drawdown limit crosses `warnAt` upwards. Returns true if tripped.
   */
  evaluate(state: RiskStateView): boolean {
    this.currentTime = state.time;
    this.currentOrder = null;
    return this.killSwitch.evaluate(state, this.ctx);
  }

  /** Reports an error to the kill switch (trips it unless `onError` is false). */
  reportError(error: unknown, time: number): void {
    this.killSwitch.reportError(error, time);
  }
}
