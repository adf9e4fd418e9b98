import type {
  ExecutionReport,
  Gateway,
  MarketDataKind,
  Order,
  PositionSnapshot,
  ReplaceChanges,
} from "@quantkit/backtest";
import { type Clock, QuantkitError, WallClock } from "@quantkit/core";
import { AlpacaApiError, AlpacaClient, type AlpacaClientOptions } from "./alpacaClient.js";
import { type AlpacaCredentials, alpacaCredentialsFromEnv } from "./credentials.js";
import { type MarketDataEvent, MarketDataStream } from "./marketDataStream.js";
import type { ReconnectingSocketOptions, SocketState } from "./reconnectingSocket.js";
import { type AlpacaOrder, type AlpacaOrderRequest, alpacaOpenStatuses } from "./schemas/order.js";
import { formatDecimal, num } from "./schemas/primitives.js";
import type { TradeUpdate } from "./schemas/tradeUpdate.js";
import { TradeUpdatesStream } from "./tradeUpdatesStream.js";

/** An open order as the broker reports it (for reconciliation). */
export interface BrokerOpenOrder {
  /** Kernel order id, when this gateway tracks the order. */
  readonly orderId: string | undefined;
  readonly venueOrderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: "buy" | "sell";
  readonly qty: number;
  readonly filledQty: number;
  readonly status: string;
  readonly type: string;
  readonly limitPrice: number | undefined;
  readonly stopPrice: number | undefined;
}

/** A broker-side position (signed quantity: short < 0). */
export interface BrokerPosition {
  readonly symbol: string;
  readonly qty: number;
  readonly avgPrice: number;
  readonly lastPrice: number;
}

/** What the broker holds right now, read over REST: the input of reconciliation. */
export interface BrokerSnapshot {
  /** When the snapshot was taken (gateway clock, UTC epoch ms). */
  readonly ts: number;
  readonly positions: readonly BrokerPosition[];
  readonly openOrders: readonly BrokerOpenOrder[];
  readonly cash: number;
  readonly equity: number;
  readonly buyingPower: number;
}

/** Options of {@link AlpacaPaperGateway}. */
export interface AlpacaPaperGatewayOptions {
  /** Trading REST base URL; default `https://paper-api.alpaca.markets`. */
  readonly baseUrl?: string;
  /** Trading stream URL; default `wss://paper-api.alpaca.markets/stream`. */
  readonly streamUrl?: string;
  /** Market-data stream URL; default `wss://stream.data.alpaca.markets/v2/iex`. `null` disables market data. */
  readonly dataUrl?: string | null;
  /** Credentials; default from `APCA_API_KEY_ID` / `APCA_API_SECRET_KEY`. */
  readonly credentials?: AlpacaCredentials;
  /** Time source of report timestamps; default WallClock. */
  readonly clock?: Clock;
  /** Receives bars/trades/quotes of subscribed symbols (feed them to the strategy). */
  readonly onMarketData?: (e: MarketDataEvent) => void;
  /** Receives operational problems (stream validation errors, unknown order states), already redacted. */
  readonly onError?: (message: string) => void;
  /** REST client settings (rate limit, retries, backoff, timeout, rng). */
  readonly client?: Omit<AlpacaClientOptions, "baseUrl" | "credentials">;
  /** Reconnect settings of both streams. */
  readonly reconnect?: ReconnectingSocketOptions;
}

interface Tracked {
  readonly orderId: string;
  readonly symbol: string;
  readonly side: "buy" | "sell";
  /** Client order id of the current venue order (changes on replace). */
  clientOrderId: string;
  venueOrderId: string | undefined;
  acked: boolean;
  open: boolean;
  /** Filled quantity / notional of the current venue order already reported. */
  reportedFilled: number;
  reportedNotional: number;
  pendingReplace: ReplaceChanges | undefined;
  /** Client order id of a replacement in flight. */
  pendingClientId: string | undefined;
  /** A cancel requested while a replace was in flight, sent once it settles. */
  cancelAfterReplace: boolean;
  replaceSeq: number;
}

interface MirrorPosition {
  qty: number;
  avgPrice: number;
  lastPrice: number;
  realized: number;
}

const TYPE: Record<Order["type"], AlpacaOrderRequest["type"]> = {
  market: "market",
  limit: "limit",
  stop: "stop",
  "stop-limit": "stop_limit",
  "trailing-stop": "trailing_stop",
  moo: "market",
  moc: "market",
};
const TIF: Partial<Record<Order["tif"], AlpacaOrderRequest["time_in_force"]>> = {
  DAY: "day",
  GTC: "gtc",
  IOC: "ioc",
  FOK: "fok",
};

/**
 * The backtest {@link Gateway} over Alpaca's paper (or the fake) broker: orders go out over REST with the kernel's
 * client order id (so a retry never duplicates), `trade_updates` come back as execution reports (ack, partial/full
 * fills with `leaves`, canceled, replaced, rejected, expired, cancel/replace rejects), market data is passed to
 * `onMarketData`. Positions and open orders are mirrored locally (from fills and REST refreshes) so the synchronous
 * `positions()` / `openOrderIds()` answer without a round trip; {@link AlpacaPaperGateway.reconcileSnapshot} reads
 * the broker's truth. After a stream reconnect every open order is re-read so fills missed while disconnected are
 * reported.
 *
 * @example
 * const gw = await AlpacaPaperGateway.start({ baseUrl: fake.url, streamUrl: fake.streamUrl, dataUrl: fake.dataUrl });
 * gw.connect((r) => console.log(r.kind)); gw.submit(order); // "ack", then "fill"
 * @see https://docs.alpaca.markets/docs/orders-at-alpaca
 */
export class AlpacaPaperGateway implements Gateway {
  readonly name = "alpaca-paper";
  readonly client: AlpacaClient;
  private readonly clock: Clock;
  private readonly trading: TradeUpdatesStream;
  private readonly data: MarketDataStream | undefined;
  private readonly onMarketData: ((e: MarketDataEvent) => void) | undefined;
  private readonly onError: (message: string) => void;
  private readonly credentials: AlpacaCredentials;
  private onReport: ((r: ExecutionReport) => void) | undefined;
  private readonly byClientId = new Map<string, Tracked>();
  private readonly byOrderId = new Map<string, Tracked>();
  private readonly executions = new Set<string>();
  private readonly mirror = new Map<string, MirrorPosition>();
  /** Trade updates received (for diagnostics). */
  updates = 0;

  /** @param options - {@link AlpacaPaperGatewayOptions}. */
  constructor(options: AlpacaPaperGatewayOptions = {}) {
    this.credentials = options.credentials ?? alpacaCredentialsFromEnv();
    this.clock = options.clock ?? new WallClock();
    const sink = options.onError ?? (() => {});
    this.onError = (m) => sink(this.credentials.redact(m));
    this.client = new AlpacaClient({
      ...options.client,
      baseUrl: options.baseUrl,
      credentials: this.credentials,
    });
    this.trading = new TradeUpdatesStream(
      options.streamUrl ?? "wss://paper-api.alpaca.markets/stream",
      this.credentials,
      (u) => this.onUpdate(u),
      this.onError,
      options.reconnect,
    );
    this.trading.onState((s) => {
      if (s === "ready" && this.trading.reconnects > 0) void this.resync();
    });
    this.onMarketData = options.onMarketData;
    const dataUrl =
      options.dataUrl === undefined ? "wss://stream.data.alpaca.markets/v2/iex" : options.dataUrl;
    this.data =
      dataUrl === null
        ? undefined
        : new MarketDataStream(
            dataUrl,
            this.credentials,
            (e) => this.onData(e),
            this.onError,
            options.reconnect,
          );
  }

  /**
   * Creates a gateway, connects both streams (authenticated and listening) and loads positions from REST.
   *
   * @param options - {@link AlpacaPaperGatewayOptions}.
   */
  static async start(options: AlpacaPaperGatewayOptions = {}): Promise<AlpacaPaperGateway> {
    const gw = new AlpacaPaperGateway(options);
    await gw.open();
    return gw;
  }

  /** Connects the streams and loads positions (what {@link AlpacaPaperGateway.start} awaits). */
  async open(): Promise<void> {
    await Promise.all([this.trading.start(), this.data?.start()]);
    await this.refreshPositions();
  }

  /** Stops both streams (no reconnect). */
  close(): void {
    this.trading.stop();
    this.data?.stop();
    this.client.close();
  }

  /** Connection states, for health checks. */
  status(): { trading: SocketState; data: SocketState | "disabled"; reconnects: number } {
    return {
      trading: this.trading.state,
      data: this.data?.state ?? "disabled",
      reconnects: this.trading.reconnects + (this.data?.reconnects ?? 0),
    };
  }

  connect(onReport: (report: ExecutionReport) => void): void {
    this.onReport = onReport;
  }

  subscribe(symbol: string, kind: MarketDataKind): void {
    if (!this.data) throw new QuantkitError("AlpacaPaperGateway: market data is disabled (dataUrl: null)");
    if (kind === "book")
      throw new QuantkitError(`AlpacaPaperGateway: no order-book data for ${symbol} on Alpaca's v2 stream`);
    this.data.subscribe(kind, [symbol]);
  }

  submit(order: Order): void {
    const tif = TIF[order.tif];
    const type = TYPE[order.type];
    const ts = this.clock.now();
    if (tif === undefined) {
      this.emit({
        kind: "reject",
        orderId: order.id,
        reason: `Alpaca has no ${order.tif} time in force`,
        ts,
      });
      return;
    }
    const req: AlpacaOrderRequest = {
      symbol: order.symbol,
      qty: formatDecimal(order.qty),
      side: order.side,
      type,
      time_in_force: order.type === "moo" ? "opg" : order.type === "moc" ? "cls" : tif,
      client_order_id: order.clientOrderId,
      ...(order.limitPrice !== undefined && (type === "limit" || type === "stop_limit")
        ? { limit_price: formatDecimal(order.limitPrice) }
        : {}),
      ...(order.stopPrice !== undefined && (type === "stop" || type === "stop_limit")
        ? { stop_price: formatDecimal(order.stopPrice) }
        : {}),
      ...(type === "trailing_stop" && order.trailAmount !== undefined
        ? { trail_price: formatDecimal(order.trailAmount) }
        : {}),
      ...(type === "trailing_stop" && order.trailPercent !== undefined
        ? { trail_percent: formatDecimal(order.trailPercent) }
        : {}),
    };
    const t = this.track(order, order.clientOrderId);
    this.client.submitOrder(req).then(
      (o) => {
        t.venueOrderId = o.id;
        if (o.status === "rejected") this.finishReject(t, "rejected by broker");
        else {
          this.ack(t, o.id);
          // an idempotent re-submit returns the existing order: report what already happened to it
          if (num(o.filled_qty) > t.reportedFilled || !alpacaOpenStatuses.has(o.status))
            this.applyOrderState(t, o, undefined);
        }
      },
      (e: unknown) => this.submitFailed(t, e),
    );
  }

  /**
   * Tracks an order that was sent before (e.g. by a previous process) without sending it again, so its trade updates
   * become reports; used by crash recovery after reconciliation.
   */
  adopt(order: Order, venue?: AlpacaOrder): void {
    const t = this.track(order, venue?.client_order_id ?? order.clientOrderId);
    // continue the replacement numbering of a chain (`<cid>-r<n>`) so the next replace id is new
    const seq = /-r(\d+)$/.exec(t.clientOrderId);
    if (seq) t.replaceSeq = Number(seq[1]);
    if (venue) {
      t.venueOrderId = venue.id;
      t.acked = true;
      t.reportedFilled = num(venue.filled_qty);
      t.reportedNotional = t.reportedFilled > 0 ? t.reportedFilled * num(venue.filled_avg_price) : 0;
      t.open = alpacaOpenStatuses.has(venue.status);
    }
  }

  cancel(order: Order): void {
    const t = this.byOrderId.get(order.id);
    const ts = this.clock.now();
    if (!t?.venueOrderId) {
      this.emit({
        kind: "cancel-reject",
        orderId: order.id,
        reason: "order not acknowledged by Alpaca yet",
        ts,
      });
      return;
    }
    if (t.pendingClientId !== undefined) {
      // a replace is in flight: the venue id is about to change; cancel whatever order it settles on
      t.cancelAfterReplace = true;
      return;
    }
    this.sendCancel(t);
  }

  private sendCancel(t: Tracked): void {
    const venueOrderId = t.venueOrderId;
    if (venueOrderId === undefined || !t.open) return;
    this.client.cancelOrder(venueOrderId).catch((e: unknown) => {
      this.emit({ kind: "cancel-reject", orderId: t.orderId, reason: this.reason(e), ts: this.clock.now() });
    });
  }

  replace(order: Order, changes: ReplaceChanges): void {
    const t = this.byOrderId.get(order.id);
    const ts = this.clock.now();
    if (!t?.venueOrderId) {
      this.emit({
        kind: "replace-reject",
        orderId: order.id,
        reason: "order not acknowledged by Alpaca yet",
        ts,
      });
      return;
    }
    const newQty = changes.qty === undefined ? undefined : changes.qty - order.filledQty;
    if (newQty !== undefined && !(newQty > 0)) {
      this.emit({
        kind: "replace-reject",
        orderId: order.id,
        reason: `new qty ${changes.qty} ≤ filled ${order.filledQty}`,
        ts,
      });
      return;
    }
    const cid = `${order.clientOrderId}-r${++t.replaceSeq}`;
    t.pendingReplace = changes;
    t.pendingClientId = cid;
    const oldVenue = t.venueOrderId;
    this.byClientId.set(cid, t);
    this.client
      .replaceOrder(oldVenue, {
        client_order_id: cid,
        ...(newQty !== undefined ? { qty: formatDecimal(newQty) } : {}),
        ...(changes.limitPrice !== undefined ? { limit_price: formatDecimal(changes.limitPrice) } : {}),
        ...(changes.stopPrice !== undefined ? { stop_price: formatDecimal(changes.stopPrice) } : {}),
      })
      .then(
        (o) => this.replacedBy(t, oldVenue, o.id, o.client_order_id),
        (e: unknown) => {
          this.byClientId.delete(cid);
          t.pendingReplace = undefined;
          t.pendingClientId = undefined;
          this.emit({
            kind: "replace-reject",
            orderId: order.id,
            reason: this.reason(e),
            ts: this.clock.now(),
          });
          this.cancelIfQueued(t);
        },
      );
  }

  positions(): PositionSnapshot[] {
    const out: PositionSnapshot[] = [];
    for (const [symbol, p] of this.mirror) {
      if (p.qty === 0) continue;
      out.push({
        symbol,
        qty: p.qty,
        avgPrice: p.avgPrice,
        lastPrice: p.lastPrice,
        realized: p.realized,
        unrealized: p.qty * (p.lastPrice - p.avgPrice),
        commissions: 0,
      });
    }
    return out;
  }

  openOrderIds(): string[] {
    return [...this.byOrderId.values()].filter((t) => t.open).map((t) => t.orderId);
  }

  /** Reloads the position mirror from `GET /v2/positions` (broker wins). */
  async refreshPositions(): Promise<void> {
    const list = await this.client.listPositions();
    const seen = new Set<string>();
    for (const p of list) {
      const qty = signedQty(p.qty, p.side);
      const m = this.mirror.get(p.symbol) ?? { qty: 0, avgPrice: 0, lastPrice: 0, realized: 0 };
      m.qty = qty;
      m.avgPrice = num(p.avg_entry_price);
      m.lastPrice = num(p.current_price);
      this.mirror.set(p.symbol, m);
      seen.add(p.symbol);
    }
    for (const [s, m] of this.mirror) if (!seen.has(s)) m.qty = 0;
  }

  /**
   * The broker's positions, open orders and account over REST (three requests), mapped to kernel order ids where
   * this gateway knows them; the position mirror is refreshed from it.
   */
  async reconcileSnapshot(): Promise<BrokerSnapshot> {
    const [positions, orders, account] = await Promise.all([
      this.client.listPositions(),
      this.client.listOrders({ status: "open", limit: 500, direction: "asc" }),
      this.client.getAccount(),
    ]);
    const pos = positions.map((p) => ({
      symbol: p.symbol,
      qty: signedQty(p.qty, p.side),
      avgPrice: num(p.avg_entry_price),
      lastPrice: num(p.current_price),
    }));
    for (const p of pos) {
      const m = this.mirror.get(p.symbol) ?? { qty: 0, avgPrice: 0, lastPrice: 0, realized: 0 };
      m.qty = p.qty;
      m.avgPrice = p.avgPrice;
      m.lastPrice = p.lastPrice;
      this.mirror.set(p.symbol, m);
    }
    const held = new Set(pos.map((p) => p.symbol));
    for (const [s, m] of this.mirror) if (!held.has(s)) m.qty = 0;
    return {
      ts: this.clock.now(),
      positions: pos,
      openOrders: orders.map((o) => ({
        orderId: this.byClientId.get(o.client_order_id)?.orderId,
        venueOrderId: o.id,
        clientOrderId: o.client_order_id,
        symbol: o.symbol,
        side: o.side === "sell" ? "sell" : "buy",
        qty: num(o.qty),
        filledQty: num(o.filled_qty),
        status: o.status,
        type: o.type,
        limitPrice: o.limit_price == null ? undefined : num(o.limit_price),
        stopPrice: o.stop_price == null ? undefined : num(o.stop_price),
      })),
      cash: num(account.cash),
      equity: num(account.equity),
      buyingPower: num(account.buying_power),
    };
  }

  /**
   * Re-reads every open tracked order over REST and reports what the stream missed (fills, cancels, expiries) while
   * disconnected. Runs automatically after each trading-stream reconnect.
   */
  async resync(): Promise<void> {
    for (const t of [...this.byOrderId.values()]) {
      if (!t.open) continue;
      let o: AlpacaOrder | undefined;
      try {
        o = await this.client.getOrderByClientId(t.clientOrderId);
      } catch (e) {
        this.onError(`resync of ${t.orderId} failed: ${this.reason(e)}`);
        continue;
      }
      if (!o) continue;
      if (!t.acked) this.ack(t, o.id);
      this.applyOrderState(t, o, undefined);
    }
    await this.refreshPositions().catch((e: unknown) =>
      this.onError(`position refresh failed: ${this.reason(e)}`),
    );
  }

  // ------------------------------------------------------------------ internals

  private track(order: Order, clientOrderId: string): Tracked {
    const t: Tracked = {
      orderId: order.id,
      symbol: order.symbol,
      side: order.side,
      clientOrderId,
      venueOrderId: undefined,
      acked: false,
      open: true,
      reportedFilled: 0,
      reportedNotional: 0,
      pendingReplace: undefined,
      pendingClientId: undefined,
      cancelAfterReplace: false,
      replaceSeq: 0,
    };
    this.byClientId.set(clientOrderId, t);
    this.byOrderId.set(order.id, t);
    return t;
  }

  private emit(r: ExecutionReport): void {
    this.onReport?.(r);
  }

  private reason(e: unknown): string {
    return this.credentials.redact(e instanceof Error ? e.message : String(e));
  }

  private ack(t: Tracked, venueOrderId: string): void {
    t.venueOrderId = venueOrderId;
    if (t.acked) return;
    t.acked = true;
    this.emit({ kind: "ack", orderId: t.orderId, venueOrderId, ts: this.clock.now() });
  }

  private finishReject(t: Tracked, reason: string): void {
    if (!t.open) return;
    t.open = false;
    this.emit({ kind: "reject", orderId: t.orderId, reason, ts: this.clock.now() });
  }

  private submitFailed(t: Tracked, e: unknown): void {
    if (e instanceof AlpacaApiError && e.status >= 400 && e.status < 500) {
      this.finishReject(t, this.reason(e));
      return;
    }
    // Unknown outcome (network/5xx after retries): keep it open; resync/reconciliation settles it.
    this.onError(`order ${t.orderId} (${t.clientOrderId}) state unknown after submit: ${this.reason(e)}`);
  }

  private replacedBy(t: Tracked, oldVenue: string, newVenue: string, newClientId: string): void {
    if (t.venueOrderId !== oldVenue) return;
    const changes = t.pendingReplace ?? {};
    t.pendingReplace = undefined;
    t.pendingClientId = undefined;
    t.venueOrderId = newVenue;
    t.clientOrderId = newClientId;
    this.byClientId.set(newClientId, t);
    t.reportedFilled = 0;
    t.reportedNotional = 0;
    this.emit({ kind: "replaced", orderId: t.orderId, changes, ts: this.clock.now() });
    this.cancelIfQueued(t);
  }

  private cancelIfQueued(t: Tracked): void {
    if (!t.cancelAfterReplace) return;
    t.cancelAfterReplace = false;
    this.sendCancel(t);
  }

  private onUpdate(u: TradeUpdate): void {
    this.updates++;
    const o = u.order;
    const t = this.byClientId.get(o.client_order_id);
    if (!t) return;
    if (o.replaces != null && o.replaces === t.venueOrderId)
      this.replacedBy(t, o.replaces, o.id, o.client_order_id);
    if (u.event === "replaced") {
      if (o.replaced_by != null && o.id === t.venueOrderId && t.pendingClientId !== undefined)
        this.replacedBy(t, o.id, o.replaced_by, t.pendingClientId);
      return;
    }
    if (t.venueOrderId !== undefined && o.id !== t.venueOrderId) return;
    switch (u.event) {
      case "new":
      case "pending_new":
        this.ack(t, o.id);
        return;
      case "order_cancel_rejected":
        this.emit({
          kind: "cancel-reject",
          orderId: t.orderId,
          reason: "cancel rejected by Alpaca",
          ts: this.clock.now(),
        });
        return;
      case "order_replace_rejected":
        t.pendingReplace = undefined;
        t.pendingClientId = undefined;
        this.emit({
          kind: "replace-reject",
          orderId: t.orderId,
          reason: "replace rejected by Alpaca",
          ts: this.clock.now(),
        });
        this.cancelIfQueued(t);
        return;
      default:
        if (!t.acked) this.ack(t, o.id);
        this.applyOrderState(t, o, u);
    }
  }

  /** Reports the difference between what was reported and the order's state (a fill event, or a REST read). */
  private applyOrderState(t: Tracked, o: AlpacaOrder, u: TradeUpdate | undefined): void {
    if (o.id !== t.venueOrderId) return;
    const filled = num(o.filled_qty);
    const ts = this.clock.now();
    if (filled > t.reportedFilled + 1e-12) {
      if (u?.execution_id !== undefined) {
        if (this.executions.has(u.execution_id)) return;
        this.executions.add(u.execution_id);
      }
      const qty = filled - t.reportedFilled;
      const notional = filled * num(o.filled_avg_price);
      const price =
        u &&
        (u.event === "fill" || u.event === "partial_fill") &&
        u.price != null &&
        u.qty != null &&
        Math.abs(num(u.qty) - qty) < 1e-9
          ? num(u.price)
          : (notional - t.reportedNotional) / qty;
      t.reportedFilled = filled;
      t.reportedNotional = notional;
      const leaves = Math.max(0, num(o.qty) - filled);
      if (o.status === "filled") t.open = false;
      this.applyFill(t.symbol, t.side === "buy" ? qty : -qty, price, u?.position_qty);
      this.emit({
        kind: "fill",
        orderId: t.orderId,
        qty,
        price,
        slippage: 0,
        taker: true,
        leaves: o.status === "filled" ? 0 : leaves,
        ts,
      });
    }
    if (!t.open && o.status === "filled") return;
    switch (o.status) {
      case "canceled":
        if (t.open) {
          t.open = false;
          this.emit({ kind: "canceled", orderId: t.orderId, reason: "canceled", ts });
        }
        return;
      case "expired":
      case "done_for_day":
        if (t.open) {
          t.open = false;
          this.emit({ kind: "expired", orderId: t.orderId, reason: o.status, ts });
        }
        return;
      case "rejected":
        this.finishReject(t, "rejected by Alpaca");
        return;
      default:
    }
  }

  private applyFill(
    symbol: string,
    signed: number,
    price: number,
    positionQty: string | null | undefined,
  ): void {
    const p = this.mirror.get(symbol) ?? { qty: 0, avgPrice: 0, lastPrice: price, realized: 0 };
    p.lastPrice = price;
    if (p.qty === 0 || Math.sign(p.qty) === Math.sign(signed)) {
      p.avgPrice =
        (p.avgPrice * Math.abs(p.qty) + price * Math.abs(signed)) / (Math.abs(p.qty) + Math.abs(signed));
      p.qty += signed;
    } else {
      const closed = Math.min(Math.abs(signed), Math.abs(p.qty));
      p.realized += closed * (price - p.avgPrice) * Math.sign(p.qty);
      p.qty += signed;
      if (p.qty !== 0 && Math.sign(p.qty) === Math.sign(signed)) p.avgPrice = price;
      if (p.qty === 0) p.avgPrice = 0;
    }
    // the broker's position after the fill wins over local arithmetic
    if (positionQty != null) p.qty = num(positionQty);
    this.mirror.set(symbol, p);
  }

  private onData(e: MarketDataEvent): void {
    const p = this.mirror.get(e.symbol);
    if (p) p.lastPrice = e.kind === "bar" ? e.close : e.kind === "trade" ? e.price : (e.bid + e.ask) / 2;
    this.onMarketData?.(e);
  }
}

function signedQty(qty: string, side: "long" | "short"): number {
  const q = num(qty);
  return side === "short" && q > 0 ? -q : q;
}
