import { type Bars, bucketStart, type Clock, QuantkitError, Rng } from "@quantkit/core";
import type { AlpacaOrder, AlpacaOrderRequest, AlpacaReplaceRequest } from "../schemas/order.js";
import type { AlpacaPosition } from "../schemas/position.js";
import { formatDecimal, formatRfc3339Nanos } from "../schemas/primitives.js";
import type { TradeUpdate, TradeUpdateEvent } from "../schemas/tradeUpdate.js";
import type { ReplayBar, ReplayStep } from "./barReplay.js";

/**
 * An error the fake broker answers with: HTTP status + Alpaca error body.
 *
 * @example
 * new FakeBrokerError(404, 40410000, "order not found").status // → 404
 */
export class FakeBrokerError extends QuantkitError {
  override name = "FakeBrokerError";
  readonly status: number;
  readonly code: number;
  constructor(status: number, code: number, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

type OpenStatus = "accepted" | "new" | "partially_filled";
type Status = OpenStatus | "filled" | "canceled" | "expired" | "replaced" | "rejected";

interface FakeOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: "buy" | "sell";
  readonly type: "market" | "limit" | "stop" | "stop_limit";
  readonly tif: "day" | "gtc" | "opg" | "cls" | "ioc" | "fok";
  readonly qty: number;
  readonly limitPrice: number | undefined;
  readonly stopPrice: number | undefined;
  readonly extendedHours: boolean;
  readonly createdAt: string;
  submittedAt: string;
  updatedAt: string;
  filledAt: string | null;
  canceledAt: string | null;
  expiredAt: string | null;
  replacedAt: string | null;
  failedAt: string | null;
  replacedBy: string | null;
  replaces: string | null;
  status: Status;
  filledQty: number;
  filledNotional: number;
  triggered: boolean;
  /** Day key (New York session day) of the first bar this order was matched against. */
  day: number | undefined;
  /** Buying power held by this order. */
  reserved: number;
}

interface FakePosition {
  qty: number;
  avgEntry: number;
}

interface SymbolState {
  lastPrice: number;
  prevClose: number;
  /** Volume still available at the current bar for fills (participation × bar volume minus what was filled). */
  liquidity: number;
  bar: ReplayBar | undefined;
}

/** Options of the broker engine. */
export interface FakeBrokerOptions {
  /** Starting cash in USD; default 100,000. */
  readonly cash?: number;
  /** Fraction of each bar's volume our orders may fill (volume-limited partial fills); default 0.1. */
  readonly participation?: number;
  /** Seed of the id generator; default 1. */
  readonly seed?: number;
  /** Symbols that can be traded (the replay's). */
  readonly symbols: readonly string[];
  /** Time zone of the trading day, for `day` orders; default America/New_York. */
  readonly timezone?: string;
}

const OPEN: ReadonlySet<Status> = new Set<Status>(["accepted", "new", "partially_filled"]);

const fmt = formatDecimal;

/**
 * The engine behind {@link startFakeAlpaca}: Alpaca's order lifecycle (accepted → new → partially_filled → filled;
 * canceled, expired, replaced, rejected), positions and a cash account, with orders matched against a bar replay.
 * Market orders fill at the latest bar's close on arrival and at the next bar's open after; limit orders at the
 * limit or better when a bar trades through it; stops trigger on the bar's range. Each bar offers
 * `participation × volume` shares per symbol, so large orders fill partially over several bars. `day` orders expire
 * when a later New York session day starts; `ioc`/`fok` are decided on arrival. Every change is reported through
 * the `onUpdate` callback as a `trade_updates` event.
 *
 * @example
 * const b = new FakeBroker({ symbols: ["ORCL"] }, clock, (u) => console.log(u.event));
 * b.publish(step); b.submit({ symbol: "ORCL", qty: "1", side: "buy", type: "market", time_in_force: "day" }); // "new", "fill"
 * @see https://docs.alpaca.markets/docs/orders-at-alpaca (order lifecycle)
 */
export class FakeBroker {
  private readonly orders = new Map<string, FakeOrder>();
  private readonly byClientId = new Map<string, FakeOrder>();
  private readonly open = new Set<FakeOrder>();
  private readonly posBySymbol = new Map<string, FakePosition>();
  private readonly sym = new Map<string, SymbolState>();
  private readonly rng: Rng;
  private readonly participation: number;
  private readonly timezone: string;
  private readonly accountId: string;
  private readonly createdAt: string;
  private cash: number;
  private nanoSeq = 0;
  private readonly clock: Clock;
  private readonly onUpdate: (u: TradeUpdate) => void;

  /**
   * @param options - {@link FakeBrokerOptions}.
   * @param clock - time of events (the replay clock).
   * @param onUpdate - receives every `trade_updates` event.
   */
  constructor(options: FakeBrokerOptions, clock: Clock, onUpdate: (u: TradeUpdate) => void) {
    this.clock = clock;
    this.onUpdate = onUpdate;
    this.cash = options.cash ?? 100_000;
    this.participation = options.participation ?? 0.1;
    this.timezone = options.timezone ?? "America/New_York";
    this.rng = new Rng(options.seed ?? 1, 0);
    for (const s of options.symbols)
      this.sym.set(s, { lastPrice: Number.NaN, prevClose: Number.NaN, liquidity: 0, bar: undefined });
    this.accountId = this.uuid();
    this.createdAt = this.stamp();
  }

  // ------------------------------------------------------------------ ids and time

  private uuid(): string {
    const h = (n: number) => (this.rng.nextUint32() >>> 0).toString(16).padStart(8, "0").slice(0, n);
    const a = h(8);
    const b = h(4);
    const c = `4${h(3)}`;
    const d = `${((this.rng.nextUint32() & 0x3) | 0x8).toString(16)}${h(3)}`;
    return `${a}-${b}-${c}-${d}-${h(8)}${h(4)}`;
  }

  /** Now as an RFC 3339 timestamp with nanoseconds (a sequence in the sub-µs digits keeps events ordered). */
  private stamp(): string {
    this.nanoSeq = (this.nanoSeq + 1) % 1000;
    return formatRfc3339Nanos(this.clock.now(), this.nanoSeq);
  }

  // ------------------------------------------------------------------ queries

  /** Every order, newest first, optionally filtered (as `GET /v2/orders`). */
  listOrders(
    filter: {
      status?: "open" | "closed" | "all";
      limit?: number;
      symbols?: readonly string[];
      direction?: "asc" | "desc";
    } = {},
  ): AlpacaOrder[] {
    const status = filter.status ?? "open";
    let list = [...this.orders.values()].filter((o) =>
      status === "all" ? true : status === "open" ? OPEN.has(o.status) : !OPEN.has(o.status),
    );
    if (filter.symbols && filter.symbols.length > 0) {
      const want = new Set(filter.symbols);
      list = list.filter((o) => want.has(o.symbol));
    }
    if ((filter.direction ?? "desc") === "desc") list.reverse();
    return list.slice(0, filter.limit ?? 50).map((o) => this.render(o));
  }

  /** One order by id (404 when unknown). */
  getOrder(id: string): AlpacaOrder {
    const o = this.orders.get(id);
    if (!o) throw new FakeBrokerError(404, 40410000, "order not found");
    return this.render(o);
  }

  /** One order by client order id (404 when unknown). */
  getOrderByClientId(clientOrderId: string): AlpacaOrder {
    const o = this.byClientId.get(clientOrderId);
    if (!o) throw new FakeBrokerError(404, 40410000, "order not found");
    return this.render(o);
  }

  /** Open positions (as `GET /v2/positions`). */
  listPositions(): AlpacaPosition[] {
    const out: AlpacaPosition[] = [];
    for (const [symbol, p] of this.posBySymbol) if (p.qty !== 0) out.push(this.renderPosition(symbol, p));
    return out;
  }

  /** One position by symbol (404 when flat or unknown). */
  getPosition(symbol: string): AlpacaPosition {
    const p = this.posBySymbol.get(symbol);
    if (!p || p.qty === 0) throw new FakeBrokerError(404, 40410000, "position does not exist");
    return this.renderPosition(symbol, p);
  }

  /** Signed position quantity per symbol (test helper). */
  positionQty(symbol: string): number {
    return this.posBySymbol.get(symbol)?.qty ?? 0;
  }

  /** The account (as `GET /v2/account`). */
  account(): Record<string, unknown> {
    let longValue = 0;
    let shortValue = 0;
    for (const [symbol, p] of this.posBySymbol) {
      const v = p.qty * this.markPrice(symbol, p);
      if (v > 0) longValue += v;
      else shortValue += v;
    }
    const equity = this.cash + longValue + shortValue;
    const bp = this.buyingPower();
    return {
      id: this.accountId,
      account_number: "PA0000FAKE",
      status: "ACTIVE",
      crypto_status: "INACTIVE",
      currency: "USD",
      cash: fmt(this.cash),
      buying_power: fmt(bp),
      regt_buying_power: fmt(bp),
      daytrading_buying_power: "0",
      non_marginable_buying_power: fmt(bp),
      effective_buying_power: fmt(bp),
      portfolio_value: fmt(equity),
      equity: fmt(equity),
      last_equity: fmt(equity),
      long_market_value: fmt(longValue),
      short_market_value: fmt(shortValue),
      position_market_value: fmt(longValue - shortValue),
      initial_margin: fmt(longValue - shortValue),
      maintenance_margin: "0",
      last_maintenance_margin: "0",
      sma: "0",
      multiplier: "1",
      daytrade_count: 0,
      pattern_day_trader: false,
      trading_blocked: false,
      transfers_blocked: false,
      account_blocked: false,
      trade_suspended_by_user: false,
      shorting_enabled: true,
      accrued_fees: "0",
      pending_transfer_in: "0",
      pending_transfer_out: "0",
      created_at: this.createdAt,
      balance_asof: this.createdAt.slice(0, 10),
    };
  }

  private markPrice(symbol: string, p: FakePosition): number {
    const last = this.sym.get(symbol)?.lastPrice ?? Number.NaN;
    return Number.isNaN(last) ? p.avgEntry : last;
  }

  /** Cash-account buying power: equity less gross position value and what open orders hold. */
  private buyingPower(): number {
    let gross = 0;
    let net = 0;
    for (const [symbol, p] of this.posBySymbol) {
      const v = p.qty * this.markPrice(symbol, p);
      gross += Math.abs(v);
      net += v;
    }
    let held = 0;
    for (const o of this.open) held += o.reserved;
    return Math.max(0, this.cash + net - gross - held);
  }

  // ------------------------------------------------------------------ order entry

  /** `POST /v2/orders`: validates, checks buying power, accepts and tries to fill at once. */
  submit(req: AlpacaOrderRequest): AlpacaOrder {
    const s = this.sym.get(req.symbol);
    if (!s) throw new FakeBrokerError(422, 40010001, `asset "${req.symbol}" not found`);
    if (req.notional !== undefined)
      throw new FakeBrokerError(422, 40010001, "notional orders are not supported by the fake broker");
    if (req.qty === undefined) throw new FakeBrokerError(422, 40010001, "qty is required");
    const qty = Number(req.qty);
    if (!(qty > 0)) throw new FakeBrokerError(422, 40010001, "qty must be > 0");
    if (req.time_in_force === "opg" || req.time_in_force === "cls")
      throw new FakeBrokerError(
        422,
        40010001,
        `time_in_force ${req.time_in_force} is not supported by the fake broker`,
      );
    if (req.type === "trailing_stop")
      throw new FakeBrokerError(422, 40010001, "trailing_stop orders are not supported by the fake broker");
    const type = req.type;
    const limitPrice = req.limit_price === undefined ? undefined : Number(req.limit_price);
    const stopPrice = req.stop_price === undefined ? undefined : Number(req.stop_price);
    if ((type === "limit" || type === "stop_limit") && !(limitPrice !== undefined && limitPrice > 0))
      throw new FakeBrokerError(422, 40010001, "limit_price is required for limit orders");
    if ((type === "stop" || type === "stop_limit") && !(stopPrice !== undefined && stopPrice > 0))
      throw new FakeBrokerError(422, 40010001, "stop_price is required for stop orders");
    const clientOrderId = req.client_order_id ?? this.uuid();
    if (this.byClientId.has(clientOrderId))
      throw new FakeBrokerError(422, 40010001, "client_order_id must be unique");
    this.checkAvailable(req.symbol, req.side, qty);
    const reserved = this.reservation(req.symbol, req.side, qty, limitPrice ?? stopPrice);
    if (reserved > this.buyingPower() + 1e-9)
      throw new FakeBrokerError(403, 40310000, "insufficient buying power");
    const now = this.stamp();
    const o: FakeOrder = {
      id: this.uuid(),
      clientOrderId,
      symbol: req.symbol,
      side: req.side,
      type,
      tif: req.time_in_force,
      qty,
      limitPrice,
      stopPrice,
      extendedHours: req.extended_hours ?? false,
      createdAt: now,
      submittedAt: now,
      updatedAt: now,
      filledAt: null,
      canceledAt: null,
      expiredAt: null,
      replacedAt: null,
      failedAt: null,
      replacedBy: null,
      replaces: null,
      status: "accepted",
      filledQty: 0,
      filledNotional: 0,
      triggered: false,
      day: undefined,
      reserved,
    };
    this.orders.set(o.id, o);
    this.byClientId.set(clientOrderId, o);
    this.open.add(o);
    const accepted = this.render(o);
    queueMicrotask(() => this.afterAccept(o));
    return accepted;
  }

  /** Sends `new`, then the immediate matching against the latest bar (and the IOC/FOK decision). */
  private afterAccept(o: FakeOrder): void {
    if (o.status !== "accepted") return;
    o.status = "new";
    o.updatedAt = this.stamp();
    this.emit("new", o);
    this.matchNow(o);
  }

  /**
   * An order against an open position may only close it (as on Alpaca, which refuses to flip long → short or
   * short → long in one order): its quantity must not exceed the position less what other open orders on that side
   * already hold.
   */
  private checkAvailable(symbol: string, side: "buy" | "sell", qty: number, except?: FakeOrder): void {
    const pos = this.posBySymbol.get(symbol)?.qty ?? 0;
    if (pos === 0 || (side === "sell") === pos < 0) return;
    let held = 0;
    for (const o of this.open)
      if (o !== except && o.symbol === symbol && o.side === side) held += o.qty - o.filledQty;
    const available = Math.max(0, Math.abs(pos) - held);
    if (qty > available + 1e-9)
      throw new FakeBrokerError(
        403,
        40310000,
        `insufficient qty available for order (requested: ${fmt(qty)}, available: ${fmt(available)})`,
      );
  }

  /** Buying power an order holds: its notional when it opens or extends a position, nothing when it closes one. */
  private reservation(symbol: string, side: "buy" | "sell", qty: number, price: number | undefined): number {
    const s = this.sym.get(symbol);
    const p = price ?? s?.lastPrice ?? Number.NaN;
    const est = Number.isNaN(p) ? 0 : p;
    const pos = this.posBySymbol.get(symbol)?.qty ?? 0;
    const closes = side === "buy" ? pos < 0 : pos > 0;
    return closes ? 0 : qty * est;
  }

  /** `DELETE /v2/orders/{id}`: cancels an open order (404 unknown, 422 when no longer cancelable). */
  cancel(id: string): void {
    const o = this.orders.get(id);
    if (!o) throw new FakeBrokerError(404, 40410000, "order not found");
    if (!OPEN.has(o.status))
      throw new FakeBrokerError(422, 42210000, `order is already in "${o.status}" state`);
    this.finish(o, "canceled");
  }

  /** `DELETE /v2/orders`: cancels every open order; returns the 207 multi-status body. */
  cancelAll(): { id: string; status: number }[] {
    const out: { id: string; status: number }[] = [];
    for (const o of [...this.open]) {
      this.finish(o, "canceled");
      out.push({ id: o.id, status: 200 });
    }
    return out;
  }

  /** `PATCH /v2/orders/{id}`: replaces an open order by a new one (the old becomes `replaced`). */
  replace(id: string, req: AlpacaReplaceRequest): AlpacaOrder {
    const old = this.orders.get(id);
    if (!old) throw new FakeBrokerError(404, 40410000, "order not found");
    if (!OPEN.has(old.status))
      throw new FakeBrokerError(422, 42210000, `order is already in "${old.status}" state`);
    const qty = req.qty === undefined ? old.qty - old.filledQty : Number(req.qty);
    if (!(qty > 0)) throw new FakeBrokerError(422, 40010001, "qty must be > 0");
    const clientOrderId = req.client_order_id ?? this.uuid();
    if (this.byClientId.has(clientOrderId))
      throw new FakeBrokerError(422, 40010001, "client_order_id must be unique");
    this.checkAvailable(old.symbol, old.side, qty, old);
    const limitPrice = req.limit_price === undefined ? old.limitPrice : Number(req.limit_price);
    const stopPrice = req.stop_price === undefined ? old.stopPrice : Number(req.stop_price);
    if (req.limit_price !== undefined && old.type !== "limit" && old.type !== "stop_limit")
      throw new FakeBrokerError(422, 40010001, "limit_price is only valid for limit and stop_limit orders");
    const now = this.stamp();
    const neu: FakeOrder = {
      ...old,
      id: this.uuid(),
      clientOrderId,
      qty,
      limitPrice,
      stopPrice,
      tif: req.time_in_force ?? old.tif,
      createdAt: now,
      submittedAt: now,
      updatedAt: now,
      filledAt: null,
      replacedBy: null,
      replaces: old.id,
      status: "accepted",
      filledQty: 0,
      filledNotional: 0,
      reserved: this.reservation(old.symbol, old.side, qty, limitPrice ?? stopPrice),
    };
    old.status = "replaced";
    old.replacedAt = now;
    old.replacedBy = neu.id;
    old.updatedAt = now;
    old.reserved = 0;
    this.open.delete(old);
    this.orders.set(neu.id, neu);
    this.byClientId.set(clientOrderId, neu);
    this.open.add(neu);
    const rendered = this.render(neu);
    queueMicrotask(() => {
      this.emit("replaced", old);
      this.afterAccept(neu);
    });
    return rendered;
  }

  // ------------------------------------------------------------------ matching

  /** Publishes a replay step: expires `day` orders of earlier sessions, then matches open orders bar by bar. */
  publish(step: ReplayStep): void {
    for (const b of step.bars) {
      const s = this.sym.get(b.symbol);
      if (!s) continue;
      const bars = b.bars;
      s.prevClose = s.lastPrice;
      s.bar = b;
      s.liquidity = this.participation * (bars.volume[b.row] as number);
      const day = bucketStart(bars.ts[b.row] as number, "1d", { timezone: this.timezone });
      for (const o of [...this.open]) {
        if (o.symbol !== b.symbol) continue;
        if (o.tif === "day" && o.day !== undefined && day > o.day) {
          this.finish(o, "expired");
          continue;
        }
        if (o.day === undefined) o.day = day;
        this.matchBar(o, s, bars, b.row);
      }
      s.lastPrice = bars.close[b.row] as number;
    }
  }

  /** Immediate matching on arrival against the latest bar's close and remaining liquidity. */
  private matchNow(o: FakeOrder): void {
    const s = this.sym.get(o.symbol) as SymbolState;
    if (s.bar !== undefined && !Number.isNaN(s.lastPrice)) {
      const px = s.lastPrice;
      let price = Number.NaN;
      if (o.type === "market") price = px;
      else if (o.type === "limit" && this.limitOk(o, px)) price = px;
      if (!Number.isNaN(price)) {
        const want = o.qty - o.filledQty;
        if (o.tif === "fok" && s.liquidity + 1e-9 < want) {
          this.finish(o, "canceled");
          return;
        }
        this.fill(o, s, price);
      }
    }
    if ((o.tif === "ioc" || o.tif === "fok") && OPEN.has(o.status)) this.finish(o, "canceled");
  }

  private limitOk(o: FakeOrder, px: number): boolean {
    const lp = o.limitPrice as number;
    return o.side === "buy" ? px <= lp : px >= lp;
  }

  private matchBar(o: FakeOrder, s: SymbolState, bars: Bars, row: number): void {
    const open = bars.open[row] as number;
    const high = bars.high[row] as number;
    const low = bars.low[row] as number;
    const buy = o.side === "buy";
    let type = o.type;
    let triggerPrice = open;
    if ((type === "stop" || type === "stop_limit") && !o.triggered) {
      const sp = o.stopPrice as number;
      if (buy ? high >= sp : low <= sp) {
        o.triggered = true;
        triggerPrice = buy ? Math.max(open, sp) : Math.min(open, sp);
      } else return;
    }
    if (type === "stop") type = "market";
    if (type === "stop_limit") type = "limit";
    let price: number;
    if (type === "market") price = triggerPrice;
    else {
      const lp = o.limitPrice as number;
      if (buy ? low > lp : high < lp) return;
      price = buy ? Math.min(lp, Math.max(triggerPrice, low)) : Math.max(lp, Math.min(triggerPrice, high));
    }
    this.fill(o, s, price);
  }

  private fill(o: FakeOrder, s: SymbolState, price: number): void {
    const want = o.qty - o.filledQty;
    const q = Math.min(want, Math.floor(s.liquidity * 1e6) / 1e6);
    if (!(q > 0)) return;
    s.liquidity -= q;
    o.filledQty += q;
    o.filledNotional += q * price;
    if (o.reserved > 0)
      o.reserved = Math.max(0, o.reserved * ((o.qty - o.filledQty) / Math.max(want, 1e-12)));
    this.applyPosition(o.symbol, o.side === "buy" ? q : -q, price);
    const now = this.stamp();
    o.updatedAt = now;
    const complete = o.qty - o.filledQty <= 1e-9;
    if (complete) {
      o.status = "filled";
      o.filledAt = now;
      o.reserved = 0;
      this.open.delete(o);
    } else o.status = "partially_filled";
    const pos = this.posBySymbol.get(o.symbol)?.qty ?? 0;
    this.emit(complete ? "fill" : "partial_fill", o, {
      execution_id: this.uuid(),
      price: fmt(price),
      qty: fmt(q),
      position_qty: fmt(pos),
      timestamp: now,
    });
  }

  private applyPosition(symbol: string, signed: number, price: number): void {
    const p = this.posBySymbol.get(symbol) ?? { qty: 0, avgEntry: 0 };
    this.cash -= signed * price;
    if (p.qty === 0 || Math.sign(p.qty) === Math.sign(signed)) {
      p.avgEntry =
        (p.avgEntry * Math.abs(p.qty) + price * Math.abs(signed)) / (Math.abs(p.qty) + Math.abs(signed));
      p.qty += signed;
    } else {
      const before = p.qty;
      p.qty += signed;
      if (Math.abs(p.qty) < 1e-12) {
        p.qty = 0;
        p.avgEntry = 0;
      } else if (Math.sign(p.qty) !== Math.sign(before)) p.avgEntry = price;
    }
    this.posBySymbol.set(symbol, p);
  }

  private finish(o: FakeOrder, status: "canceled" | "expired"): void {
    const now = this.stamp();
    o.status = status;
    o.updatedAt = now;
    o.reserved = 0;
    if (status === "canceled") o.canceledAt = now;
    else o.expiredAt = now;
    this.open.delete(o);
    this.emit(status, o, { timestamp: now });
  }

  private emit(event: TradeUpdateEvent, o: FakeOrder, extra: Partial<TradeUpdate> = {}): void {
    this.onUpdate({ event, order: this.render(o), timestamp: extra.timestamp ?? o.updatedAt, ...extra });
  }

  // ------------------------------------------------------------------ rendering

  private render(o: FakeOrder): AlpacaOrder {
    return {
      id: o.id,
      client_order_id: o.clientOrderId,
      created_at: o.createdAt,
      updated_at: o.updatedAt,
      submitted_at: o.submittedAt,
      filled_at: o.filledAt,
      expired_at: o.expiredAt,
      canceled_at: o.canceledAt,
      failed_at: o.failedAt,
      replaced_at: o.replacedAt,
      replaced_by: o.replacedBy,
      replaces: o.replaces,
      asset_id: this.assetId(o.symbol),
      symbol: o.symbol,
      asset_class: "us_equity",
      notional: null,
      qty: fmt(o.qty),
      filled_qty: fmt(o.filledQty),
      filled_avg_price: o.filledQty > 0 ? fmt(o.filledNotional / o.filledQty) : null,
      order_class: "",
      order_type: o.type,
      type: o.type,
      side: o.side,
      time_in_force: o.tif,
      limit_price: o.limitPrice === undefined ? null : fmt(o.limitPrice),
      stop_price: o.stopPrice === undefined ? null : fmt(o.stopPrice),
      status: o.status,
      extended_hours: o.extendedHours,
      legs: null,
      trail_percent: null,
      trail_price: null,
      hwm: null,
      position_intent: o.side === "buy" ? "buy_to_open" : "sell_to_close",
    };
  }

  private readonly assetIds = new Map<string, string>();
  private assetId(symbol: string): string {
    let id = this.assetIds.get(symbol);
    if (id === undefined) {
      id = this.uuid();
      this.assetIds.set(symbol, id);
    }
    return id;
  }

  private renderPosition(symbol: string, p: FakePosition): AlpacaPosition {
    const s = this.sym.get(symbol);
    const price = this.markPrice(symbol, p);
    const prev = s === undefined || Number.isNaN(s.prevClose) ? price : s.prevClose;
    const mv = p.qty * price;
    const cost = p.qty * p.avgEntry;
    const upl = mv - cost;
    let heldForSale = 0;
    for (const o of this.open)
      if (o.symbol === symbol && o.side === "sell") heldForSale += o.qty - o.filledQty;
    return {
      asset_id: this.assetId(symbol),
      symbol,
      exchange: "NASDAQ",
      asset_class: "us_equity",
      asset_marginable: true,
      avg_entry_price: fmt(p.avgEntry),
      qty: fmt(p.qty),
      qty_available: fmt(p.qty > 0 ? Math.max(0, p.qty - heldForSale) : p.qty),
      side: p.qty >= 0 ? "long" : "short",
      market_value: fmt(mv),
      cost_basis: fmt(cost),
      unrealized_pl: fmt(upl),
      unrealized_plpc: fmt(cost === 0 ? 0 : upl / Math.abs(cost)),
      unrealized_intraday_pl: fmt(p.qty * (price - prev)),
      unrealized_intraday_plpc: fmt(prev === 0 ? 0 : (price - prev) / prev),
      current_price: fmt(price),
      lastday_price: fmt(prev),
      change_today: fmt(prev === 0 ? 0 : (price - prev) / prev),
    };
  }
}
