/**
 * Minimal, engine-independent input types of the pre-trade risk engine. They are plain readonly interfaces so the
 * order manager and portfolio can hand their own objects over without copying (structural typing).
 */

/** Order side as the risk engine sees it. */
export type RiskSide = "buy" | "sell";

/**
 * An order request checked before it leaves the strategy. `type` is free text (`"market"`, `"limit"`, `"stop"`,
 * `"stop-limit"`, ...): the risk engine only looks at which prices are present. An order with neither `limitPrice`
 * nor `stopPrice` is treated as a market order; an order with a `stopPrice` and no `limitPrice` is not marketable
 * until triggered.
 *
 * @example
 * const req: RiskOrderRequest = { clientOrderId: "c1", symbol: "BTCUSDT", side: "buy", type: "limit", quantity: 2, limitPrice: 20_000 };
 */
export interface RiskOrderRequest {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: RiskSide;
  readonly type: string;
  /** Quantity in units of the instrument, > 0. */
  readonly quantity: number;
  readonly limitPrice?: number | undefined;
  readonly stopPrice?: number | undefined;
}

/** One of our open (resting or pending) orders, as seen by the risk engine. */
export interface RiskOpenOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: RiskSide;
  /** Quantity still open (not yet filled), > 0. */
  readonly remaining: number;
  readonly limitPrice?: number | undefined;
  readonly stopPrice?: number | undefined;
}

/**
 * The read-only view of account state a risk check needs. Maps are read with `get` only (no iteration on the hot
 * path), so the engine can pass its live maps.
 *
 * @example
 * const state: RiskStateView = { time: 0, positions: new Map([["BTCUSDT", 1]]), openOrders: [], mids: new Map([["BTCUSDT", 20_000]]), equity: 1e6, peakEquity: 1e6 };
 */
export interface RiskStateView {
  /** Current (simulated or wall) time in UTC epoch ms, from the kernel's `Clock`. */
  readonly time: number;
  /** Net position per symbol in units (long > 0, short < 0); a missing symbol means flat. */
  readonly positions: ReadonlyMap<string, number>;
  /** Our open orders (all symbols). */
  readonly openOrders: readonly RiskOpenOrder[];
  /** Mid price per symbol; missing or NaN means unknown. */
  readonly mids: ReadonlyMap<string, number>;
  /** Current account equity in account currency. */
  readonly equity: number;
  /** Highest equity seen so far (for drawdown). */
  readonly peakEquity: number;
}
