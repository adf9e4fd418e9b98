import type { OrderStatus, OrderType, Side } from "@quantkit/backtest";
import type { BrokerOrder, BrokerSnapshot } from "./liveGateway.js";

/** The local (event-log) view of one non-terminal order. */
export interface LocalOrderView {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: number;
  readonly status: OrderStatus;
  readonly filledQty: number;
  /** NaN before the first fill. */
  readonly avgFillPrice: number;
}

/**
 * One resolved discrepancy between local state and the broker, with the rule that resolved it:
 * - `adopted`: the broker has an order we intended (our client order id) → take the broker's state (ack, or a
 *   whole local order created from the broker's record when the log does not have it).
 * - `missed-fill`: the broker filled more than we know (fills while disconnected or down) → apply the difference
 *   at the price that makes our average equal the broker's.
 * - `missed-cancel` / `missed-expiry` / `missed-reject`: the broker ended the order while we were not listening.
 * - `unknown-to-broker`: a locally open order the broker does not know → marked canceled (also when it never left
 *   PENDING_NEW: the send was lost in a crash), never re-sent.
 * - `foreign-order`: an open broker order that is not ours (another client id prefix) → logged, left alone.
 * - `broker-position-wins`: after the order actions, a position still differs → set ours to the broker's.
 */
export type ReconcileAction =
  | {
      readonly kind: "ack";
      readonly rule: "adopted";
      readonly clientOrderId: string;
      readonly venueOrderId: string;
    }
  | {
      readonly kind: "fill";
      readonly rule: "missed-fill";
      readonly clientOrderId: string;
      readonly qty: number;
      readonly price: number;
      /** Quantity still open at the broker after this fill (0 = complete). */
      readonly leaves: number;
    }
  | {
      readonly kind: "close";
      readonly rule: "missed-cancel" | "missed-expiry" | "missed-reject" | "unknown-to-broker";
      readonly clientOrderId: string;
      readonly to: "CANCELED" | "EXPIRED" | "REJECTED";
      readonly reason: string;
    }
  | { readonly kind: "adopt"; readonly rule: "adopted"; readonly order: BrokerOrder }
  | { readonly kind: "foreign"; readonly rule: "foreign-order"; readonly order: BrokerOrder }
  | {
      readonly kind: "position";
      readonly rule: "broker-position-wins";
      readonly symbol: string;
      readonly localQty: number;
      readonly brokerQty: number;
      /** Price of the adjusting booking: the broker's average entry price (or `fallbackPrice` when flat). */
      readonly price: number;
    };

/** Inputs of {@link planReconciliation}. */
export interface ReconcileInput {
  /** Local non-terminal orders (from the event log and this session). */
  readonly orders: readonly LocalOrderView[];
  /** Local signed positions by symbol. */
  readonly positions: ReadonlyMap<string, number>;
  readonly broker: BrokerSnapshot;
  /** Broker lookups by client order id for local open orders missing from `broker.openOrders` (undefined = unknown). */
  readonly lookups: ReadonlyMap<string, BrokerOrder | undefined>;
  /** Our client order id prefix (`"<runId>-"`): broker orders with it are ours. */
  readonly prefix: string;
  /** Price for a position adjustment when the broker is flat (the last mark); NaN → 0. */
  readonly fallbackPrice?: (symbol: string) => number;
}

const EPS = 1e-9;

/**
 * Plans a reconciliation: compares local orders and positions with the broker's and returns the actions that make
 * them agree, each tagged with its rule (see {@link ReconcileAction}). Pure; the kernel applies and logs them. Order
 * actions come first; position actions are computed after them (a missed fill explains a position difference, so
 * it is not booked twice).
 *
 * @example
 * planReconciliation({ orders: [], positions: new Map([["X", 5]]), broker: { positions: [{ symbol: "X", qty: 7, avgPrice: 10 }], openOrders: [] }, lookups: new Map(), prefix: "r-" })
 * // → [{ kind: "position", rule: "broker-position-wins", symbol: "X", localQty: 5, brokerQty: 7, price: 10 }]
 * @see https://docs.alpaca.markets/docs/working-with-orders (client_order_id, order statuses)
 */
export function planReconciliation(input: ReconcileInput): ReconcileAction[] {
  const actions: ReconcileAction[] = [];
  const pos = new Map(input.positions);
  const bump = (symbol: string, side: Side, qty: number) =>
    pos.set(symbol, (pos.get(symbol) ?? 0) + (side === "buy" ? qty : -qty));
  const brokerOpen = new Map<string, BrokerOrder>();
  for (const b of input.broker.openOrders) brokerOpen.set(b.clientOrderId, b);
  const localByCid = new Map<string, LocalOrderView>();
  for (const l of input.orders) localByCid.set(l.clientOrderId, l);

  for (const l of input.orders) {
    if (l.status === "NEW") continue;
    const b = brokerOpen.get(l.clientOrderId) ?? input.lookups.get(l.clientOrderId);
    const cid = l.clientOrderId;
    if (b === undefined) {
      actions.push({
        kind: "close",
        rule: "unknown-to-broker",
        clientOrderId: cid,
        to: "CANCELED",
        reason: "reconcile: the broker does not know this order (marked canceled)",
      });
      continue;
    }
    if (l.status === "PENDING_NEW" && b.status !== "rejected")
      actions.push({ kind: "ack", rule: "adopted", clientOrderId: cid, venueOrderId: b.venueOrderId });
    const missing = b.filledQty - l.filledQty;
    if (missing > EPS) {
      const lAvg = l.filledQty > 0 ? l.avgFillPrice : 0;
      const price = (b.avgFillPrice * b.filledQty - lAvg * l.filledQty) / missing;
      const leaves = b.status === "filled" ? 0 : Math.max(0, b.qty - b.filledQty);
      actions.push({ kind: "fill", rule: "missed-fill", clientOrderId: cid, qty: missing, price, leaves });
      bump(l.symbol, l.side, missing);
    }
    if (b.status === "canceled")
      actions.push({
        kind: "close",
        rule: "missed-cancel",
        clientOrderId: cid,
        to: "CANCELED",
        reason: "reconcile: canceled at the broker",
      });
    else if (b.status === "expired")
      actions.push({
        kind: "close",
        rule: "missed-expiry",
        clientOrderId: cid,
        to: "EXPIRED",
        reason: "reconcile: expired at the broker",
      });
    else if (b.status === "rejected" && l.status === "PENDING_NEW")
      actions.push({
        kind: "close",
        rule: "missed-reject",
        clientOrderId: cid,
        to: "REJECTED",
        reason: "reconcile: rejected by the broker",
      });
  }

  for (const b of input.broker.openOrders) {
    if (localByCid.has(b.clientOrderId)) continue;
    if (b.clientOrderId.startsWith(input.prefix)) {
      actions.push({ kind: "adopt", rule: "adopted", order: b });
      if (b.filledQty > EPS) bump(b.symbol, b.side, b.filledQty);
    } else actions.push({ kind: "foreign", rule: "foreign-order", order: b });
  }

  const brokerPos = new Map<string, { qty: number; avgPrice: number }>();
  for (const p of input.broker.positions) brokerPos.set(p.symbol, p);
  const symbols = new Set([...pos.keys(), ...brokerPos.keys()]);
  for (const s of [...symbols].sort()) {
    const local = pos.get(s) ?? 0;
    const bp = brokerPos.get(s);
    const bq = bp?.qty ?? 0;
    if (Math.abs(local - bq) <= EPS) continue;
    let price = bp !== undefined && bq !== 0 ? bp.avgPrice : (input.fallbackPrice?.(s) ?? Number.NaN);
    if (!Number.isFinite(price)) price = 0;
    actions.push({
      kind: "position",
      rule: "broker-position-wins",
      symbol: s,
      localQty: local,
      brokerQty: bq,
      price,
    });
  }
  return actions;
}
