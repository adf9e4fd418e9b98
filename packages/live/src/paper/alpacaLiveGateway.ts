import type {
  ExecutionReport,
  MarketDataKind,
  Order,
  OrderType,
  PositionSnapshot,
  ReplaceChanges,
} from "@quantkit/backtest";
import { type Clock, WallClock } from "@quantkit/core";
import { AlpacaPaperGateway, type AlpacaPaperGatewayOptions } from "../alpaca/alpacaPaperGateway.js";
import { type AlpacaOrder, alpacaOpenStatuses } from "../alpaca/schemas/order.js";
import { num } from "../alpaca/schemas/primitives.js";
import type {
  BrokerOrder,
  BrokerOrderStatus,
  BrokerPosition,
  BrokerSnapshot,
  ConnectionEvent,
  LiveGateway,
  MarketEvent,
} from "./liveGateway.js";

/** Working statuses, plus `replaced` at the end of a chain whose replacement the broker does not name yet. */
const OPEN = new Set([...alpacaOpenStatuses, "replaced"]);

const TYPES: Record<string, OrderType> = {
  market: "market",
  limit: "limit",
  stop: "stop",
  stop_limit: "stop-limit",
  trailing_stop: "trailing-stop",
};

/** Client order id of the original order of a replacement chain (`<cid>-r<n>` → `<cid>`). */
export function baseClientOrderId(cid: string): string {
  return cid.replace(/(-r\d+)+$/, "");
}

/**
 * The {@link LiveGateway} over Engineer D's {@link AlpacaPaperGateway} (Alpaca's paper endpoints or the fake broker):
 * orders, reports and market data pass through; connection events come from the gateway's stream states (polled);
 * reconciliation reads positions and open orders over REST and folds cancel-replace chains (`<cid>-r<n>`) back onto
 * the original client order id, summing the chain's fills, so the kernel compares like with like.
 *
 * @example
 * const gw = new AlpacaLiveGateway({ baseUrl: fake.url, streamUrl: fake.streamUrl, dataUrl: fake.dataUrl });
 * await gw.start(); (await gw.reconcileSnapshot()).positions // → [{ symbol: "ORCL", qty: 10, avgPrice: 37.1 }]
 * @see https://docs.alpaca.markets/reference/getallorders
 */
export class AlpacaLiveGateway implements LiveGateway {
  readonly name = "alpaca-paper";
  readonly inner: AlpacaPaperGateway;
  private readonly clock: Clock;
  private data: ((e: MarketEvent) => void) | undefined;
  private conn: ((e: ConnectionEvent) => void) | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private up = false;
  private readonly lastSeen = new Map<string, AlpacaOrder>();

  /**
   * @param options - D's gateway options (URLs, credentials from env by default, reconnect/backoff); `onMarketData`
   *   is owned by this adapter.
   * @param pollMs - period of the connection-state poll (default 100 ms).
   */
  constructor(
    options: Omit<AlpacaPaperGatewayOptions, "onMarketData">,
    private readonly pollMs = 100,
  ) {
    this.clock = options.clock ?? new WallClock();
    this.inner = new AlpacaPaperGateway({
      ...options,
      onMarketData: (e) => {
        const h = this.data;
        if (h === undefined) return;
        if (e.kind === "trade") h({ ...e, side: 0 });
        else h(e);
      },
    });
  }

  get connected(): boolean {
    const s = this.inner.status();
    return s.trading === "ready" && (s.data === "ready" || s.data === "disabled");
  }

  async start(): Promise<void> {
    await this.inner.open();
    this.up = this.connected;
    this.conn?.({ connected: this.up, reason: "started", ts: this.clock.now() });
    this.poll = setInterval(() => {
      const c = this.connected;
      if (c === this.up) return;
      this.up = c;
      const s = this.inner.status();
      this.conn?.({
        connected: c,
        reason: c
          ? `reconnected (${s.reconnects} reconnects)`
          : `trading stream ${s.trading}, data stream ${s.data}`,
        ts: this.clock.now(),
      });
    }, this.pollMs);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    if (this.poll !== undefined) clearInterval(this.poll);
    this.poll = undefined;
    this.data = undefined;
    this.conn = undefined;
    this.inner.connect(() => {});
    this.inner.close();
  }

  connect(onReport: (report: ExecutionReport) => void): void {
    this.inner.connect(onReport);
  }

  onMarketData(handler: (event: MarketEvent) => void): void {
    this.data = handler;
  }

  onConnection(handler: (event: ConnectionEvent) => void): void {
    this.conn = handler;
  }

  subscribe(symbol: string, kind: MarketDataKind): void {
    this.inner.subscribe(symbol, kind);
  }

  submit(order: Order): void {
    this.inner.submit(order);
  }

  cancel(order: Order): void {
    this.inner.cancel(order);
  }

  replace(order: Order, changes: ReplaceChanges): void {
    this.inner.replace(order, changes);
  }

  positions(): PositionSnapshot[] {
    return this.inner.positions();
  }

  openOrderIds(): string[] {
    return this.inner.openOrderIds();
  }

  async reconcileSnapshot(): Promise<BrokerSnapshot> {
    const client = this.inner.client;
    const [positions, orders] = await Promise.all([
      client.listPositions(),
      client.listOrders({ status: "open", limit: 500, direction: "asc" }),
    ]);
    const pos: BrokerPosition[] = positions.map((p) => ({
      symbol: p.symbol,
      qty: p.side === "short" && num(p.qty) > 0 ? -num(p.qty) : num(p.qty),
      avgPrice: num(p.avg_entry_price),
    }));
    const open: BrokerOrder[] = [];
    for (const o of orders) open.push(await this.fold(o));
    return { positions: pos, openOrders: open };
  }

  async lookupOrder(clientOrderId: string): Promise<BrokerOrder | undefined> {
    let o = await this.inner.client.getOrderByClientId(clientOrderId);
    if (o === undefined) return undefined;
    // follow the replacement chain to its live end
    for (let i = 0; i < 100 && o.status === "replaced" && o.replaced_by != null; i++)
      o = await this.inner.client.getOrder(o.replaced_by);
    return this.fold(o);
  }

  track(order: Order): void {
    this.inner.adopt(order, this.lastSeen.get(order.clientOrderId));
  }

  /** Maps an Alpaca order to a {@link BrokerOrder} under its original client id, with the chain's fills summed. */
  private async fold(o: AlpacaOrder): Promise<BrokerOrder> {
    const base = baseClientOrderId(o.client_order_id);
    this.lastSeen.set(base, o);
    let filled = num(o.filled_qty);
    let notional = filled > 0 ? filled * num(o.filled_avg_price) : 0;
    let prev = o.replaces;
    for (let i = 0; i < 100 && prev != null; i++) {
      const p = await this.inner.client.getOrder(prev);
      const f = num(p.filled_qty);
      if (f > 0) {
        filled += f;
        notional += f * num(p.filled_avg_price);
      }
      prev = p.replaces;
    }
    const earlier = filled - num(o.filled_qty);
    const status: BrokerOrderStatus = OPEN.has(o.status)
      ? "open"
      : o.status === "filled"
        ? "filled"
        : o.status === "rejected"
          ? "rejected"
          : o.status === "expired" || o.status === "done_for_day"
            ? "expired"
            : "canceled";
    return {
      clientOrderId: base,
      venueOrderId: o.id,
      symbol: o.symbol,
      side: o.side === "sell" ? "sell" : "buy",
      type: TYPES[o.type ?? "market"] ?? "market",
      qty: num(o.qty) + earlier,
      limitPrice: o.limit_price == null ? undefined : num(o.limit_price),
      stopPrice: o.stop_price == null ? undefined : num(o.stop_price),
      filledQty: filled,
      avgFillPrice: filled > 0 ? notional / filled : Number.NaN,
      status,
    };
  }
}
