import type { Bars, Quote, Trade } from "@quantkit/core";
import type * as Indicators from "@quantkit/indicators";
import type { ReplaceChanges } from "../gateway/gateway.js";
import type { Fill, Order, OrderRequestInput } from "../orders/order.js";
import type { Portfolio } from "../portfolio/portfolio.js";

/**
 * The bar a strategy sees in `onBar`. It is a flyweight reused for every bar of its feed (no per-bar allocation):
 * read its fields inside the callback; copy what you need to keep. `closeTs` (= the delivery time) is `ts +
 * duration`; `index` is the bar's row in `bars`.
 */
export interface BarView {
  readonly symbol: string;
  readonly index: number;
  /** Bar open time (UTC epoch ms). */
  readonly ts: number;
  /** Bar close time = delivery time (UTC epoch ms). */
  readonly closeTs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Bracket order: an entry plus optional take-profit (limit) and stop-loss (stop) exits, OCO with each other. */
export interface BracketRequest {
  readonly entry: OrderRequestInput;
  readonly takeProfit?: number;
  readonly stopLoss?: number;
}

/**
 * What a strategy can see and do. Everything goes through the kernel, so the same strategy runs against the
 * simulated gateway and, later, a live one.
 */
export interface StrategyContext {
  /** Current sim (or wall) time, UTC epoch ms. */
  readonly now: number;
  /** The account (read it; never mutate it). */
  readonly portfolio: Portfolio;
  /** Signed net position in `symbol`. */
  position(symbol: string): number;
  /** Submits an order; returns its snapshot (status PENDING_NEW, or REJECTED by pre-trade risk). */
  submit(request: OrderRequestInput): Order;
  /** Submits a bracket: the exits are placed (OCO) once the entry is filled. Returns the entry. */
  submitBracket(request: BracketRequest): Order;
  /** Requests a cancel. Returns false (and records the invalid transition) if the order cannot be canceled now. */
  cancel(orderId: string): boolean;
  /** Requests a cancel-replace of quantity and/or prices. Returns false if not allowed now. */
  replace(orderId: string, changes: ReplaceChanges): boolean;
  /** Non-terminal orders (optionally for one symbol). */
  openOrders(symbol?: string): Order[];
  /** Schedules `onTimer(name)` at sim time `ts` (≥ now). */
  setTimer(name: string, ts: number): void;
  /** Records a named signal value in the event log (for audit and replay). */
  signal(name: string, value: number): void;
  /** Bars of `symbol` up to and including the current one (a zero-copy view; never future bars). */
  history(symbol: string): Bars;
  /**
   * The streaming indicators of @quantkit/indicators (`new ctx.indicators.Sma({ period: 20 })`, `Rsi`, `Ema`, …):
   * O(1) per update, identical to their vectorized forms.
   */
  readonly indicators: typeof Indicators;
}

/**
 * A trading strategy: callbacks the kernel calls in event order. All optional.
 *
 * @example
 * const buyAndHold: Strategy = { onBar(bar, ctx) { if (ctx.position(bar.symbol) === 0) ctx.submit({ symbol: bar.symbol, side: "buy", qty: 1 }); } };
 */
export interface Strategy {
  /** Strategy id used for attribution and on its orders (default `"default"`). */
  readonly id?: string;
  onStart?(ctx: StrategyContext): void;
  onBar?(bar: BarView, ctx: StrategyContext): void;
  onTrade?(symbol: string, trade: Trade, ctx: StrategyContext): void;
  onQuote?(symbol: string, quote: Quote, ctx: StrategyContext): void;
  onBook?(symbol: string, book: unknown, ctx: StrategyContext): void;
  onOrderUpdate?(order: Order, ctx: StrategyContext): void;
  onFill?(fill: Fill, ctx: StrategyContext): void;
  onTimer?(name: string, ts: number, ctx: StrategyContext): void;
  onEnd?(ctx: StrategyContext): void;
}
