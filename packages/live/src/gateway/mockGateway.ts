import type {
  ExecutionReport,
  MarketDataKind,
  Order,
  OrderType,
  PositionSnapshot,
  ReplaceChanges,
  Side,
} from "@quantkit/backtest";
import { type Clock, QuantkitError, WallClock } from "@quantkit/core";
import type {
  BrokerOrder,
  BrokerOrderStatus,
  BrokerPosition,
  BrokerSnapshot,
  ConnectionEvent,
  LiveGateway,
  MarketEvent,
} from "../paper/liveGateway.js";

/** Options of {@link MockGateway}. */
export interface MockGatewayOptions {
  /** Acknowledge every accepted order at once (default true). */
  readonly autoAck?: boolean;
  /**
   * Match working orders against the scripted market data (default true): market orders fill at the next event's
   * price (a bar's open, a trade's price, the quote's ask/bid), limits when the price reaches them; `maxFillQty`
   * caps each fill (partial fills).
   */
  readonly autoFill?: boolean;
  /** Largest quantity one fill may take (default Infinity). */
  readonly maxFillQty?: number;
  /** Time source for report timestamps (default WallClock). */
  readonly clock?: Clock;
}

/** What an order asks of the broker (our {@link Order} or another process's {@link BrokerOrder}). */
type BrokerOrderTerms = Pick<
  BrokerOrder,
  "clientOrderId" | "symbol" | "side" | "type" | "qty" | "limitPrice" | "stopPrice"
>;

interface MockOrder {
  orderId: string;
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  qty: number;
  limitPrice: number | undefined;
  stopPrice: number | undefined;
  filledQty: number;
  avgFillPrice: number;
  status: BrokerOrderStatus;
}

/**
 * A scripted venue for unit tests, implementing {@link LiveGateway}: the test pushes market data (`push`) and
 * either lets the mock ack and match orders (`autoAck`/`autoFill`, market orders at the next event's price) or
 * drives every response by hand (`ack`, `fill`, `reject`, `cancelAtBroker`). It keeps a broker-side book (orders by
 * client order id, positions) for reconciliation, counts submissions per client order id (a second submission of
 * the same id is rejected like Alpaca's 422), and can drop the connection: reports produced while disconnected are
 * applied broker-side but never delivered, like fills missed during an outage.
 *
 * @example
 * const gw = new MockGateway({ autoFill: true });
 * gw.connect((r) => reports.push(r)); gw.submit(order); gw.push({ kind: "bar", symbol: "X", ts: 0, open: 10, high: 11, low: 9, close: 10, volume: 100 });
 * reports.map((r) => r.kind) // → ["ack", "fill"]
 */
export class MockGateway implements LiveGateway {
  readonly name = "mock";
  private report: ((r: ExecutionReport) => void) | undefined;
  private data: ((e: MarketEvent) => void) | undefined;
  private conn: ((e: ConnectionEvent) => void) | undefined;
  private readonly byCid = new Map<string, MockOrder>();
  /** Open orders only (matching scans these). */
  private readonly open = new Set<MockOrder>();
  private readonly pos = new Map<string, { qty: number; avgPrice: number }>();
  private readonly opts: Required<Omit<MockGatewayOptions, "clock">>;
  private readonly clock: Clock;
  private isConnected = false;
  private venueSeq = 0;
  /** Every `submit` call's client order id, in order (duplicates included). */
  readonly submissions: string[] = [];
  /** Symbols subscribed, as `"kind:symbol"`. */
  readonly subscriptions = new Set<string>();
  /** Reports the mock produced while disconnected (never delivered). */
  readonly dropped: ExecutionReport[] = [];
  /** Cancel requests received (client order ids). */
  readonly cancels: string[] = [];

  /** @param options - see {@link MockGatewayOptions} (auto ack and fill on, unlimited fill size, wall clock). */
  constructor(options: MockGatewayOptions = {}) {
    this.opts = {
      autoAck: options.autoAck ?? true,
      autoFill: options.autoFill ?? true,
      maxFillQty: options.maxFillQty ?? Number.POSITIVE_INFINITY,
    };
    this.clock = options.clock ?? new WallClock();
  }

  get connected(): boolean {
    return this.isConnected;
  }

  async start(): Promise<void> {
    this.isConnected = true;
    this.conn?.({ connected: true, reason: "started", ts: this.clock.now() });
  }

  async stop(): Promise<void> {
    this.isConnected = false;
    this.report = undefined;
    this.data = undefined;
    this.conn = undefined;
  }

  connect(onReport: (report: ExecutionReport) => void): void {
    this.report = onReport;
  }

  onMarketData(handler: (event: MarketEvent) => void): void {
    this.data = handler;
  }

  onConnection(handler: (event: ConnectionEvent) => void): void {
    this.conn = handler;
  }

  subscribe(symbol: string, kind: MarketDataKind): void {
    this.subscriptions.add(`${kind}:${symbol}`);
  }

  submit(order: Order): void {
    this.submissions.push(order.clientOrderId);
    const ts = this.clock.now();
    if (this.byCid.has(order.clientOrderId)) {
      this.emit({
        kind: "reject",
        orderId: order.id,
        reason: `duplicate client_order_id ${order.clientOrderId}`,
        ts,
      });
      return;
    }
    const m = this.openAtBroker(order.id, order);
    if (this.opts.autoAck) this.emit({ kind: "ack", orderId: m.orderId, venueOrderId: m.venueOrderId, ts });
  }

  cancel(order: Order): void {
    this.cancels.push(order.clientOrderId);
    const m = this.byCid.get(order.clientOrderId);
    const ts = this.clock.now();
    if (m === undefined || m.status !== "open") {
      this.emit({ kind: "cancel-reject", orderId: order.id, reason: "order is not open", ts });
      return;
    }
    m.status = "canceled";
    this.emit({ kind: "canceled", orderId: m.orderId, reason: "canceled by request", ts });
  }

  replace(order: Order, changes: ReplaceChanges): void {
    const m = this.byCid.get(order.clientOrderId);
    const ts = this.clock.now();
    if (m === undefined || m.status !== "open") {
      this.emit({ kind: "replace-reject", orderId: order.id, reason: "order is not open", ts });
      return;
    }
    if (changes.qty !== undefined) m.qty = changes.qty;
    if (changes.limitPrice !== undefined) m.limitPrice = changes.limitPrice;
    if (changes.stopPrice !== undefined) m.stopPrice = changes.stopPrice;
    this.emit({ kind: "replaced", orderId: m.orderId, changes, ts });
  }

  positions(): PositionSnapshot[] {
    const out: PositionSnapshot[] = [];
    for (const [symbol, p] of this.pos)
      if (p.qty !== 0)
        out.push({
          symbol,
          qty: p.qty,
          avgPrice: p.avgPrice,
          lastPrice: Number.NaN,
          realized: 0,
          unrealized: 0,
          commissions: 0,
        });
    return out;
  }

  openOrderIds(): string[] {
    const out: string[] = [];
    for (const m of this.byCid.values()) if (m.status === "open") out.push(m.orderId);
    return out;
  }

  async reconcileSnapshot(): Promise<BrokerSnapshot> {
    const positions: BrokerPosition[] = [];
    for (const [symbol, p] of this.pos) if (p.qty !== 0) positions.push({ symbol, ...p });
    const openOrders: BrokerOrder[] = [];
    for (const m of this.byCid.values()) if (m.status === "open") openOrders.push(brokerOrder(m));
    return { positions, openOrders };
  }

  async lookupOrder(clientOrderId: string): Promise<BrokerOrder | undefined> {
    const m = this.byCid.get(clientOrderId);
    return m === undefined ? undefined : brokerOrder(m);
  }

  track(order: Order): void {
    const m = this.byCid.get(order.clientOrderId);
    if (m !== undefined) m.orderId = order.id;
  }

  // --- scripting API ---

  /** Delivers one market-data event (matching working orders against it first when `autoFill`). */
  push(event: MarketEvent): void {
    if (this.opts.autoFill) this.match(event);
    if (this.isConnected) this.data?.(event);
  }

  /** Acknowledges an order by hand. */
  ack(clientOrderId: string): void {
    const m = this.need(clientOrderId);
    this.emit({ kind: "ack", orderId: m.orderId, venueOrderId: m.venueOrderId, ts: this.clock.now() });
  }

  /** Fills `qty` of an order at `price` (updates the broker's position; reported only while connected). */
  fill(clientOrderId: string, qty: number, price: number): void {
    const m = this.need(clientOrderId);
    if (m.status !== "open") throw new QuantkitError(`mock: order ${clientOrderId} is ${m.status}`);
    const q = Math.min(qty, m.qty - m.filledQty);
    m.avgFillPrice =
      m.filledQty === 0 ? price : (m.avgFillPrice * m.filledQty + price * q) / (m.filledQty + q);
    m.filledQty += q;
    const leaves = m.qty - m.filledQty;
    if (leaves <= 1e-12) m.status = "filled";
    const p = this.pos.get(m.symbol) ?? { qty: 0, avgPrice: 0 };
    const dq = m.side === "buy" ? q : -q;
    const nq = p.qty + dq;
    if (nq === 0) p.avgPrice = 0;
    else if (p.qty === 0 || Math.sign(p.qty) === Math.sign(dq))
      p.avgPrice = (p.avgPrice * p.qty + price * dq) / nq;
    else if (Math.sign(nq) !== Math.sign(p.qty)) p.avgPrice = price;
    p.qty = nq;
    this.pos.set(m.symbol, p);
    this.emit({
      kind: "fill",
      orderId: m.orderId,
      qty: q,
      price,
      slippage: 0,
      taker: m.type === "market",
      leaves: leaves <= 1e-12 ? 0 : leaves,
      ts: this.clock.now(),
    });
  }

  /** Rejects a pending order by hand. */
  reject(clientOrderId: string, reason: string): void {
    const m = this.need(clientOrderId);
    m.status = "rejected";
    this.emit({ kind: "reject", orderId: m.orderId, reason, ts: this.clock.now() });
  }

  /** Cancels an order on the broker's side (unsolicited, e.g. end of day). */
  cancelAtBroker(clientOrderId: string, reason = "canceled by broker"): void {
    const m = this.need(clientOrderId);
    m.status = "canceled";
    this.emit({ kind: "canceled", orderId: m.orderId, reason, ts: this.clock.now() });
  }

  /** Places an order directly at the broker (as if sent by another process), for adoption tests. */
  placeAtBroker(order: Omit<BrokerOrder, "venueOrderId" | "filledQty" | "avgFillPrice" | "status">): void {
    this.openAtBroker(order.clientOrderId, order);
  }

  /** Sets the broker's position directly (for reconciliation tests). */
  setBrokerPosition(symbol: string, qty: number, avgPrice: number): void {
    this.pos.set(symbol, { qty, avgPrice });
  }

  /** Drops the connection: reports and market data are no longer delivered. */
  disconnect(reason = "socket closed"): void {
    this.isConnected = false;
    this.conn?.({ connected: false, reason, ts: this.clock.now() });
  }

  /** Restores the connection. */
  reconnect(reason = "reconnected"): void {
    this.isConnected = true;
    this.conn?.({ connected: true, reason, ts: this.clock.now() });
  }

  /** The broker's order record for a client order id. */
  brokerOrder(clientOrderId: string): BrokerOrder | undefined {
    const m = this.byCid.get(clientOrderId);
    return m === undefined ? undefined : brokerOrder(m);
  }

  /** Books a new open order at the broker under the next venue id; reports on it name `orderId`. */
  private openAtBroker(orderId: string, order: BrokerOrderTerms): MockOrder {
    const m: MockOrder = {
      orderId,
      clientOrderId: order.clientOrderId,
      venueOrderId: `V${++this.venueSeq}`,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      qty: order.qty,
      limitPrice: order.limitPrice,
      stopPrice: order.stopPrice,
      filledQty: 0,
      avgFillPrice: Number.NaN,
      status: "open",
    };
    this.byCid.set(m.clientOrderId, m);
    this.open.add(m);
    return m;
  }

  private need(cid: string): MockOrder {
    const m = this.byCid.get(cid);
    if (m === undefined) throw new QuantkitError(`mock: unknown client order id ${cid}`);
    return m;
  }

  private emit(r: ExecutionReport): void {
    if (this.isConnected && this.report !== undefined) this.report(r);
    else this.dropped.push(r);
  }

  private match(e: MarketEvent): void {
    if (this.open.size === 0) return;
    for (const m of this.open) {
      if (m.status !== "open") {
        this.open.delete(m);
        continue;
      }
      if (m.symbol !== e.symbol) continue;
      let px: number;
      let lo: number;
      let hi: number;
      if (e.kind === "bar") {
        px = e.open;
        lo = e.low;
        hi = e.high;
      } else if (e.kind === "trade") {
        px = lo = hi = e.price;
      } else {
        px = m.side === "buy" ? e.ask : e.bid;
        lo = hi = px;
      }
      let fillPx = Number.NaN;
      if (m.type === "market") fillPx = px;
      else if (m.type === "limit" && m.limitPrice !== undefined) {
        if (m.side === "buy" && lo <= m.limitPrice) fillPx = Math.min(px, m.limitPrice);
        if (m.side === "sell" && hi >= m.limitPrice) fillPx = Math.max(px, m.limitPrice);
      }
      if (Number.isNaN(fillPx)) continue;
      this.fill(m.clientOrderId, Math.min(this.opts.maxFillQty, m.qty - m.filledQty), fillPx);
    }
  }
}

function brokerOrder(m: MockOrder): BrokerOrder {
  return {
    clientOrderId: m.clientOrderId,
    venueOrderId: m.venueOrderId,
    symbol: m.symbol,
    side: m.side,
    type: m.type,
    qty: m.qty,
    limitPrice: m.limitPrice,
    stopPrice: m.stopPrice,
    filledQty: m.filledQty,
    avgFillPrice: m.avgFillPrice,
    status: m.status,
  };
}
