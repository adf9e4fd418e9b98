import type { Order, OrderRequest } from "../orders/order.js";
import type { PositionSnapshot } from "../portfolio/portfolio.js";

/** Market-data kinds a strategy can subscribe to. */
export type MarketDataKind = "bars" | "trades" | "quotes" | "book";

/** Changes of a cancel-replace request. */
export type ReplaceChanges = Partial<Pick<OrderRequest, "qty" | "limitPrice" | "stopPrice">>;

/**
 * What a venue reports about our orders. Immutable messages, discriminated by `kind`; `ts` is the time the kernel
 * learns of it (UTC epoch ms).
 */
export type ExecutionReport =
  | { readonly kind: "ack"; readonly orderId: string; readonly venueOrderId: string; readonly ts: number }
  | { readonly kind: "reject"; readonly orderId: string; readonly reason: string; readonly ts: number }
  | {
      readonly kind: "fill";
      readonly orderId: string;
      readonly qty: number;
      readonly price: number;
      /** Adverse slippage per unit included in `price`. */
      readonly slippage: number;
      readonly taker: boolean;
      /** Quantity still open after this fill (0 = order complete). */
      readonly leaves: number;
      readonly ts: number;
    }
  | {
      readonly kind: "canceled";
      readonly orderId: string;
      readonly reason: string;
      readonly ts: number;
    }
  | { readonly kind: "expired"; readonly orderId: string; readonly reason: string; readonly ts: number }
  | {
      readonly kind: "replaced";
      readonly orderId: string;
      readonly changes: ReplaceChanges;
      readonly ts: number;
    }
  | { readonly kind: "cancel-reject"; readonly orderId: string; readonly reason: string; readonly ts: number }
  | {
      readonly kind: "replace-reject";
      readonly orderId: string;
      readonly reason: string;
      readonly ts: number;
    };

/**
 * The port between the kernel and a venue: market-data subscriptions, order entry (submit/cancel/replace) and
 * queries. The simulated gateway implements it for backtests; live adapters (paper/real brokers) implement the same
 * interface later, so a strategy runs unchanged. Reports come back through the `onReport` handler given to
 * {@link Gateway.connect}.
 *
 * @see https://nautilustrader.io/docs/latest/concepts/architecture (ports and adapters, one kernel)
 */
export interface Gateway {
  /** Short name for logs (`"sim"`, `"alpaca-paper"`, …). */
  readonly name: string;
  /** Registers the kernel's report handler. Called once before any order is sent. */
  connect(onReport: (report: ExecutionReport) => void): void;
  /** Subscribes to market data for a symbol. */
  subscribe(symbol: string, kind: MarketDataKind): void;
  /** Sends a new order (status PENDING_NEW). */
  submit(order: Order): void;
  /** Requests a cancel (status PENDING_CANCEL). */
  cancel(order: Order): void;
  /** Requests a cancel-replace (status PENDING_REPLACE). */
  replace(order: Order, changes: ReplaceChanges): void;
  /** Positions as the venue sees them. */
  positions(): PositionSnapshot[];
  /** Orders resting at the venue (ids of working orders). */
  openOrderIds(): string[];
}
