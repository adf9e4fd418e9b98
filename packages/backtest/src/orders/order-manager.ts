import { QuantkitError } from "@quantkit/core";
import {
  type Fill,
  type Initiator,
  isTerminal,
  ORDER_TRANSITIONS,
  type Order,
  type OrderRequest,
  type OrderStatus,
} from "./order.js";

/**
 * Thrown when something asks an order to move along an edge the state machine does not have (e.g. FILLED →
 * CANCELED). The attempt is also recorded in {@link OrderManager.invalidTransitions}.
 *
 * @example
 * try { om.transition("O1", "CANCELED", {...}); } catch (e) { e instanceof InvalidOrderTransitionError } // → true
 */
export class InvalidOrderTransitionError extends QuantkitError {
  override name = "InvalidOrderTransitionError";
  constructor(
    readonly orderId: string,
    readonly from: OrderStatus,
    readonly to: OrderStatus,
    readonly initiator: Initiator,
  ) {
    super(
      `order ${orderId}: invalid transition ${from} → ${to} (by ${initiator}); allowed from ${from}: ${
        ORDER_TRANSITIONS[from].join(", ") || "none (terminal)"
      }`,
    );
  }
}

/** One row of the audit trail: an order moved from one status to another, when, by whom and why. */
export interface AuditEntry {
  readonly ts: number;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly strategyId: string;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly initiator: Initiator;
  readonly reason: string | undefined;
}

/** Extra facts a transition may carry. */
export interface TransitionInfo {
  readonly ts: number;
  readonly initiator: Initiator;
  readonly reason?: string;
  readonly venueOrderId?: string;
  /** For fills: the fill being applied (updates filledQty / avgFillPrice). */
  readonly fill?: Fill;
  /** For replaces that complete: the new price/quantity fields. */
  readonly changes?: Partial<Pick<OrderRequest, "qty" | "limitPrice" | "stopPrice">>;
}

/** Filter for {@link OrderManager.audit}. */
export interface AuditQuery {
  readonly symbol?: string;
  readonly to?: OrderStatus;
  readonly orderId?: string;
  readonly initiator?: Initiator;
  readonly strategyId?: string;
}

/**
 * Owns every order of a run: creates them, applies state transitions (validated against
 * {@link ORDER_TRANSITIONS}), keeps each order's immutable snapshot and an audit trail of every transition.
 *
 * @example
 * const om = new OrderManager();
 * const o = om.create({ symbol: "SPY", side: "buy", qty: 10, type: "market", tif: "GTC", strategyId: "s" }, 0);
 * om.transition(o.id, "PENDING_NEW", { ts: 0, initiator: "strategy" }).status // → "PENDING_NEW"
 * om.audit({ symbol: "SPY", to: "REJECTED" }) // → every rejection for SPY with its reason
 */
export class OrderManager {
  private readonly orders = new Map<string, Order>();
  private readonly byClientId = new Map<string, string>();
  private readonly open = new Map<string, Order>();
  private readonly trail: AuditEntry[] = [];
  private readonly invalid: InvalidOrderTransitionError[] = [];
  private nextId = 1;
  /** Called after every successful transition (the kernel logs it). */
  onTransition: ((order: Order, entry: AuditEntry) => void) | undefined;

  /** The id the next {@link create} will assign. */
  get nextOrderId(): string {
    return `O${this.nextId}`;
  }

  /** Creates an order in status NEW and records it. Client order ids must be unique. */
  create(request: OrderRequest, ts: number, parentId?: string): Order {
    const id = `O${this.nextId++}`;
    const clientOrderId = request.clientOrderId ?? id;
    if (this.byClientId.has(clientOrderId))
      throw new QuantkitError(`duplicate clientOrderId "${clientOrderId}" (already used by another order)`);
    const order = makeOrder(request, {
      id,
      clientOrderId,
      venueOrderId: undefined,
      filledQty: 0,
      avgFillPrice: Number.NaN,
      createdTs: ts,
      updatedTs: ts,
      reason: undefined,
      parentId,
      status: "NEW",
    });
    this.orders.set(id, order);
    this.byClientId.set(clientOrderId, id);
    this.open.set(id, order);
    this.record(order, null, "NEW", { ts, initiator: "strategy" });
    return order;
  }

  /** The current snapshot of an order, or `undefined`. */
  get(id: string): Order | undefined {
    return this.orders.get(id);
  }

  /** Looks an order up by its client order id. */
  byClientOrderId(clientOrderId: string): Order | undefined {
    const id = this.byClientId.get(clientOrderId);
    return id === undefined ? undefined : this.orders.get(id);
  }

  /** Every order of the run, in creation order. */
  all(): Order[] {
    return [...this.orders.values()];
  }

  /** Orders not yet in a terminal status, in creation order. */
  openOrders(symbol?: string): Order[] {
    const out: Order[] = [];
    for (const o of this.open.values()) if (symbol === undefined || o.symbol === symbol) out.push(o);
    return out;
  }

  /** Number of non-terminal orders. */
  get openCount(): number {
    return this.open.size;
  }

  /**
   * Moves order `id` to status `to`. Throws {@link InvalidOrderTransitionError} (and records it) when the edge is not
   * in the state machine; throws QuantkitError for an unknown id.
   */
  transition(id: string, to: OrderStatus, info: TransitionInfo): Order {
    const cur = this.orders.get(id);
    if (cur === undefined) throw new QuantkitError(`unknown order id "${id}"`);
    if (!ORDER_TRANSITIONS[cur.status].includes(to)) {
      const err = new InvalidOrderTransitionError(id, cur.status, to, info.initiator);
      this.invalid.push(err);
      throw err;
    }
    let filledQty = cur.filledQty;
    let avg = cur.avgFillPrice;
    if (info.fill !== undefined) {
      const q = info.fill.qty;
      avg = filledQty === 0 ? info.fill.price : (avg * filledQty + info.fill.price * q) / (filledQty + q);
      filledQty += q;
    }
    const ch = info.changes;
    const next = makeOrder(
      ch === undefined
        ? cur
        : {
            ...cur,
            qty: ch.qty ?? cur.qty,
            limitPrice: ch.limitPrice ?? cur.limitPrice,
            stopPrice: ch.stopPrice ?? cur.stopPrice,
          },
      {
        id: cur.id,
        clientOrderId: cur.clientOrderId,
        venueOrderId: info.venueOrderId ?? cur.venueOrderId,
        filledQty,
        avgFillPrice: avg,
        createdTs: cur.createdTs,
        updatedTs: info.ts,
        reason: info.reason ?? (to === cur.status ? cur.reason : undefined),
        parentId: cur.parentId,
        status: to,
      },
    );
    this.orders.set(id, next);
    if (isTerminal(to)) this.open.delete(id);
    else this.open.set(id, next);
    this.record(next, cur.status, to, info);
    return next;
  }

  /** Like {@link transition} but returns the error instead of throwing (the attempt is still recorded). */
  tryTransition(id: string, to: OrderStatus, info: TransitionInfo): Order | InvalidOrderTransitionError {
    try {
      return this.transition(id, to, info);
    } catch (e) {
      if (e instanceof InvalidOrderTransitionError) return e;
      throw e;
    }
  }

  /**
   * The audit trail, optionally filtered, in time order.
   *
   * @example
   * om.audit({ symbol: "AAPL", to: "REJECTED" }).map((e) => e.reason) // → ["max order size 100 exceeded: 250"]
   */
  audit(query: AuditQuery = {}): AuditEntry[] {
    return this.trail.filter(
      (e) =>
        (query.symbol === undefined || e.symbol === query.symbol) &&
        (query.to === undefined || e.to === query.to) &&
        (query.orderId === undefined || e.orderId === query.orderId) &&
        (query.initiator === undefined || e.initiator === query.initiator) &&
        (query.strategyId === undefined || e.strategyId === query.strategyId),
    );
  }

  /** Every invalid transition attempted so far. */
  get invalidTransitions(): readonly InvalidOrderTransitionError[] {
    return this.invalid;
  }

  private record(order: Order, from: OrderStatus | null, to: OrderStatus, info: TransitionInfo): void {
    const entry: AuditEntry = {
      ts: info.ts,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      strategyId: order.strategyId,
      from,
      to,
      initiator: info.initiator,
      reason: info.reason,
    };
    this.trail.push(entry);
    this.onTransition?.(order, entry);
  }
}

type OrderState = Pick<
  Order,
  | "id"
  | "clientOrderId"
  | "venueOrderId"
  | "filledQty"
  | "avgFillPrice"
  | "createdTs"
  | "updatedTs"
  | "reason"
  | "parentId"
  | "status"
>;

/**
 * Builds an order snapshot with an explicit literal (object spread is an order of magnitude slower in V8 and runs
 * several times per order).
 */
function makeOrder(r: OrderRequest, s: OrderState): Order {
  return {
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    type: r.type,
    limitPrice: r.limitPrice,
    stopPrice: r.stopPrice,
    trailAmount: r.trailAmount,
    trailPercent: r.trailPercent,
    tif: r.tif,
    expireAt: r.expireAt,
    strategyId: r.strategyId,
    ocoGroup: r.ocoGroup,
    tag: r.tag,
    id: s.id,
    clientOrderId: s.clientOrderId,
    venueOrderId: s.venueOrderId,
    filledQty: s.filledQty,
    avgFillPrice: s.avgFillPrice,
    createdTs: s.createdTs,
    updatedTs: s.updatedTs,
    reason: s.reason,
    parentId: s.parentId,
    status: s.status,
  } as Order;
}
