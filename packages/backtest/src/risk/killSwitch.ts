import type { KillReason, RiskDecision } from "./riskDecision.js";
import type { RiskCheckContext, RiskValidator, SymbolLimits } from "./riskValidator.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

/** Why and when the kill switch tripped. */
export interface KillRecord {
  readonly reason: KillReason;
  /** State time (UTC epoch ms) when it tripped. */
  readonly time: number;
  /** Human-readable detail, e.g. `"drawdown 0.21 > limit 0.2"`. */
  readonly detail: string;
}

/** Kill switch triggers; a missing trigger is disabled. */
export interface KillSwitchOptions {
  /** Trip when `startEquity − equity ≥ maxLoss` (account currency). */
  readonly maxLoss?: number | undefined;
  /** Trip when `1 − equity / peakEquity ≥ maxDrawdown` (fraction). */
  readonly maxDrawdown?: number | undefined;
  /** Trip when any symbol has `|position| > maxPosition × positionBreachMultiple` (fills can overshoot limits). */
  readonly positionBreachMultiple?: number | undefined;
  readonly maxPosition?: SymbolLimits | undefined;
  /** Trip on `reportError`. Default true. */
  readonly onError?: boolean | undefined;
  /** Equity at start; when omitted, the equity seen by the first check/evaluate. */
  readonly startEquity?: number | undefined;
  /** Called once when tripping: cancel every open order here. */
  readonly onKill?: ((record: KillRecord) => void) | undefined;
}

/**
 * The kill switch: once tripped (loss, drawdown, position breach, a reported error, or by hand) it calls
 * `onKill` exactly once — the kernel cancels all open orders there — and rejects every later order with reason
 * `"kill-switch"`. The trip is recorded in {@link KillSwitch.record}. It stays tripped until `reset()`.
 *
 * @example
 * const ks = new KillSwitch({ maxDrawdown: 0.2, onKill: () => om.cancelAll() });
 * ks.evaluate({ ...state, equity: 79, peakEquity: 100 }); // → true (tripped: "drawdown")
 * @see FIA, "Best Practices for Automated Trading Risk Controls and System Safeguards" (2024): https://www.fia.org/fia/articles/fia-publishes-best-practices-automated-trading-risk-controls-and-system-safeguards
 */
export class KillSwitch implements RiskValidator {
  readonly name = "kill-switch";
  private rec: KillRecord | null = null;
  private start: number;
  constructor(private readonly opts: KillSwitchOptions = {}) {
    this.start = opts.startEquity ?? Number.NaN;
  }

  /** The trip record, or null while armed. */
  get record(): KillRecord | null {
    return this.rec;
  }
  get tripped(): boolean {
    return this.rec !== null;
  }

  /** Trips the switch (idempotent: the first reason wins). */
  trip(reason: KillReason, time: number, detail: string): void {
    if (this.rec !== null) return;
    this.rec = Object.freeze({ reason, time, detail });
    this.opts.onKill?.(this.rec);
  }

  /** Reports an error; trips the switch unless `onError` is false. */
  reportError(error: unknown, time: number): void {
    if (this.opts.onError === false) return;
    this.trip("error", time, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }

  /** Re-arms the switch (a deliberate human action). */
  reset(): void {
    this.rec = null;
  }

  private scanTime = 0;
  /** Pre-bound position scanner for `positions.forEach` (no allocation per evaluate). */
  private readonly scanPosition = (pos: number, symbol: string): void => {
    if (this.rec !== null) return;
    const mult = this.opts.positionBreachMultiple;
    const lim = this.opts.maxPosition;
    if (mult === undefined || lim === undefined) return;
    const limit = lim.get(symbol) * mult;
    if (Math.abs(pos) > limit)
      this.trip("position-breach", this.scanTime, `${symbol} |position| ${Math.abs(pos)} > ${limit}`);
  };

  /**
   * Evaluates loss, drawdown and (when configured) every symbol's position against the account state — call it on
   * every mark-to-market and after fills. Returns true when tripped (now or before).
   */
  evaluate(state: RiskStateView, ctx?: RiskCheckContext): boolean {
    if (this.rec !== null) return true;
    if (this.opts.positionBreachMultiple !== undefined && this.opts.maxPosition !== undefined) {
      this.scanTime = state.time;
      state.positions.forEach(this.scanPosition);
      if (this.rec !== null) return true;
    }
    return this.evaluateEquity(state, ctx, true);
  }

  private lossWarned = false;
  private ddWarned = false;

  /**
   * Loss and drawdown triggers only. Warnings: per order (`edge` false) every time a limit is ≥ warnAt used; on
   * state updates (`edge` true) only when crossing warnAt upwards, so marks do not flood the log.
   */
  private evaluateEquity(state: RiskStateView, ctx: RiskCheckContext | undefined, edge: boolean): boolean {
    const eq = state.equity;
    if (Number.isNaN(this.start)) this.start = eq;
    const maxLoss = this.opts.maxLoss;
    if (maxLoss !== undefined) {
      const loss = this.start - eq;
      if (loss >= maxLoss) {
        this.trip("loss", state.time, `loss ${loss} >= limit ${maxLoss}`);
        return true;
      }
      if (ctx) {
        const near = loss >= ctx.warnAt * maxLoss;
        if (near && !(edge && this.lossWarned)) ctx.warn(this.name, "kill-switch", loss, maxLoss);
        if (edge) this.lossWarned = near;
      }
    }
    const maxDd = this.opts.maxDrawdown;
    if (maxDd !== undefined && state.peakEquity > 0) {
      const dd = 1 - eq / state.peakEquity;
      if (dd >= maxDd) {
        this.trip("drawdown", state.time, `drawdown ${dd} >= limit ${maxDd}`);
        return true;
      }
      if (ctx) {
        const near = dd >= ctx.warnAt * maxDd;
        if (near && !(edge && this.ddWarned)) ctx.warn(this.name, "kill-switch", dd, maxDd);
        if (edge) this.ddWarned = near;
      }
    }
    return false;
  }

  check(order: RiskOrderRequest, state: RiskStateView, d: RiskDecision, ctx: RiskCheckContext): boolean {
    // per order: equity triggers + the order's own symbol (the full position scan runs in `evaluate`)
    if (this.rec === null && !this.evaluateEquity(state, ctx, false)) {
      const mult = this.opts.positionBreachMultiple;
      const lim = this.opts.maxPosition;
      if (mult !== undefined && lim !== undefined) {
        const pos = Math.abs(state.positions.get(order.symbol) ?? 0);
        const limit = lim.get(order.symbol) * mult;
        if (pos > limit)
          this.trip("position-breach", state.time, `${order.symbol} |position| ${pos} > ${limit}`);
      }
    }
    if (this.rec !== null) return d.reject(this.name, "kill-switch", Number.NaN, Number.NaN);
    return true;
  }
}
