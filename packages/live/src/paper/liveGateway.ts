import type { Gateway, Order, OrderType, Side } from "@quantkit/backtest";

/** A bar from a live venue: `ts` is the bar's OPEN time (UTC epoch ms), delivered when the venue publishes it. */
export interface MarketBarEvent {
  readonly kind: "bar";
  readonly symbol: string;
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A trade print from a live venue (`ts` = venue time, UTC epoch ms). */
export interface MarketTradeEvent {
  readonly kind: "trade";
  readonly symbol: string;
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  /** +1 buyer-initiated, −1 seller-initiated, 0 unknown. */
  readonly side: number;
}

/** A top-of-book quote from a live venue (`ts` = venue time, UTC epoch ms). */
export interface MarketQuoteEvent {
  readonly kind: "quote";
  readonly symbol: string;
  readonly ts: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
}

/**
 * One market-data event from a live venue. `ts` is the venue's event time (UTC epoch ms; for bars the bar's OPEN
 * time, as everywhere in quantkit). Bars are delivered when the venue publishes them (after they close).
 */
export type MarketEvent = MarketBarEvent | MarketTradeEvent | MarketQuoteEvent;

/** A change of the broker connection (order and data channels together). */
export interface ConnectionEvent {
  readonly connected: boolean;
  /** Why (e.g. `"socket closed"`, `"reconnected"`). */
  readonly reason: string;
  /** Kernel time (UTC epoch ms). */
  readonly ts: number;
}

/** Broker-side order statuses, reduced to what reconciliation needs. */
export type BrokerOrderStatus = "open" | "filled" | "canceled" | "rejected" | "expired";

/** An order as the broker reports it (numbers already parsed). */
export interface BrokerOrder {
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: number;
  readonly limitPrice?: number | undefined;
  readonly stopPrice?: number | undefined;
  /** Quantity filled so far. */
  readonly filledQty: number;
  /** Volume-weighted average fill price (NaN before any fill). */
  readonly avgFillPrice: number;
  readonly status: BrokerOrderStatus;
}

/** A position as the broker reports it: signed quantity (short < 0) and average entry price. */
export interface BrokerPosition {
  readonly symbol: string;
  readonly qty: number;
  readonly avgPrice: number;
}

/** The broker's view used by reconciliation: every position and every open order. */
export interface BrokerSnapshot {
  readonly positions: readonly BrokerPosition[];
  readonly openOrders: readonly BrokerOrder[];
}

/**
 * The backtest {@link Gateway} port plus what a live venue adds: an async lifecycle, market data, connection events
 * and the broker queries reconciliation needs. The paper kernel ({@link LiveNode}) drives any implementation: the
 * {@link MockGateway} in unit tests, the Alpaca paper gateway against the fake broker or Alpaca's paper endpoints.
 *
 * @example
 * const gw: LiveGateway = new MockGateway();
 * gw.onMarketData((e) => console.log(e.kind)); await gw.start(); // → "bar", "trade", …
 * @see https://nautilustrader.io/docs/latest/concepts/architecture (live data and execution clients)
 */
export interface LiveGateway extends Gateway {
  /** True while the order and data channels are up. */
  readonly connected: boolean;
  /** Opens the connections (REST check, streams). Resolves once usable. */
  start(): Promise<void>;
  /** Closes every connection; no callback fires afterwards. */
  stop(): Promise<void>;
  /** Registers the market-data handler (one; called in venue order). */
  onMarketData(handler: (event: MarketEvent) => void): void;
  /** Registers the connection handler (disconnects and reconnects). */
  onConnection(handler: (event: ConnectionEvent) => void): void;
  /** Positions and open orders as the broker sees them now. */
  reconcileSnapshot(): Promise<BrokerSnapshot>;
  /** One order by client order id (any status), or undefined when the broker has never seen it. */
  lookupOrder(clientOrderId: string): Promise<BrokerOrder | undefined>;
  /**
   * Tells the gateway about an order it did not submit in this process (recovered from the event log or adopted
   * from the broker), so later reports on it are mapped to `order.id`.
   */
  track(order: Order): void;
}
