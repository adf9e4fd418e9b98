import {
  type Bars,
  barCloseTime,
  QuantkitError,
  type Quote,
  type QuoteColumns,
  SimulatedClock,
  sliceBars,
  type Trade,
  type TradeColumns,
} from "@quantkit/core";
import * as indicators from "@quantkit/indicators";
import type { QueueModel } from "../book/l2QueuePosition.js";
import type { BookExecution } from "../emulator/book-execution.js";
import type { FillModelOptions } from "../emulator/fill-model.js";
import type { L2Execution } from "../emulator/l2-execution.js";
import { LatencyModel, type LatencyOptions } from "../emulator/latency.js";
import { EventQueue } from "../events/event-queue.js";
import type { ExecutionReport, ReplaceChanges } from "../gateway/gateway.js";
import { SimulatedGateway, type VenueAction } from "../gateway/simulated-gateway.js";
import { EventLog, type LogSink, num, str } from "../log/event-log.js";
import type { BacktestMetrics } from "../metrics/backtestMetrics.js";
import {
  type Fill,
  isTerminal,
  type Order,
  type OrderRequest,
  type OrderRequestInput,
  type OrderStatus,
  parseOrderRequest,
} from "../orders/order.js";
import { OrderManager, type TransitionInfo } from "../orders/order-manager.js";
import { Portfolio, type PortfolioOptions } from "../portfolio/portfolio.js";
import type { Position } from "../portfolio/position.js";
import { parseRiskConfig, type RiskConfigInput } from "../risk/riskConfig.js";
import { RiskEngine } from "../risk/riskEngine.js";
import type { RiskOpenOrder, RiskStateView } from "../risk/types.js";
import { type AccountRejection, accountCheck } from "./accountCheck.js";
import { BracketOrders } from "./bracketOrders.js";
import { applyCancelReplaceReport, type CancelReplaceKernel } from "./cancelReplaceReport.js";
import { orderFill } from "./orderFill.js";
import { riskRejectionReason } from "./riskRejectionReason.js";
import { riskOpenOrders, riskOrderRequest } from "./riskViews.js";
import type { BracketRequest, Strategy, StrategyContext } from "./strategy.js";

/** Options of one engine run. */
export interface EngineOptions {
  /** Bar feeds (one per symbol/timeframe). Each bar is delivered at its close time `ts + duration`. */
  readonly bars?: readonly Bars[];
  /** Trade prints per symbol, delivered at their `ts`; orders match against them like one-price bars. */
  readonly trades?: readonly TradeColumns[];
  /** Top-of-book quotes per symbol, delivered at their `ts`; buys match at the ask, sells at the bid. */
  readonly quotes?: readonly QuoteColumns[];
  /**
   * Order-level (L3) book events per symbol, delivered at their `ts`. Orders in such a symbol execute against the
   * book: limits by queue position, market orders by walking the book. `onBook(symbol, book)` follows each event.
   */
  readonly books?: readonly BookEventColumns[];
  /**
   * Aggregated (L2) level updates and prints per symbol, delivered at their `ts`. Orders in such a symbol execute
   * against the levels: limits with an estimated queue position (`l2QueueModel`), market orders walking the levels.
   */
  readonly l2?: readonly L2EventColumns[];
  /** How cancels on L2 data move our queue position: `"pessimistic"`, `"proportional"` (default), `"optimistic"`. */
  readonly l2QueueModel?: QueueModel;
  readonly strategy: Strategy;
  readonly portfolio?: PortfolioOptions;
  readonly fill?: FillModelOptions;
  readonly latency?: LatencyOptions;
  /**
   * Pre-trade risk: a RiskEngine, or its config (validated). Off when omitted. With a config, the engine wires the
   * kill switch's `onKill` to cancel every working order and log a `kill-switch` record; a RiskEngine you build
   * yourself keeps the hooks you gave it.
   */
  readonly risk?: RiskEngine | RiskConfigInput;
  /** Event log sink (default `"memory"`). */
  readonly log?: LogSink;
  /** Run seed (latency jitter). Default 0. */
  readonly seed?: number;
  /** Prometheus metrics to update (orders submitted/filled/rejected by reason, events processed by type). */
  readonly metrics?: BacktestMetrics;
  /**
   * A wall-clock timer in seconds (e.g. `() => performance.now() / 1000`) used only to observe the risk-check
   * latency histogram of `metrics`. Simulation logic never reads it.
   */
  readonly metricsTimer?: () => number;
}

/** What an engine run produced. Columns are trimmed views of preallocated arrays. */
export interface EngineResult {
  /** Sample times of the equity curve (UTC epoch ms; one per distinct bar close time). */
  readonly equityTs: Float64Array;
  /** Account equity after every event at that time. */
  readonly equity: Float64Array;
  readonly orders: Order[];
  readonly fills: Fill[];
  readonly portfolio: Portfolio;
  readonly orderManager: OrderManager;
  /** Bars delivered, over all feeds. */
  readonly barsProcessed: number;
  /** Events popped from the queue (data + timers + venue actions). */
  readonly eventsProcessed: number;
  readonly logRecords: number;
}

const K_BARS = 0;
const K_TRADES = 1;
const K_QUOTES = 2;
const K_BOOK = 3;
const K_L2 = 4;

/**
 * L2 market-data events in columns: `kind` 0 = level update (the size shown at `price` on `side` is now `qty`; 0
 * removes it), 1 = print (`qty` traded at `price`, `side` = the aggressor). `side`: +1 buy/bid, −1 sell/ask.
 */
export interface L2EventColumns {
  readonly symbol: string;
  readonly length: number;
  readonly ts: Float64Array;
  readonly kind: Float64Array;
  readonly side: Float64Array;
  readonly price: Float64Array;
  readonly qty: Float64Array;
}

/**
 * L3 market-data events in columns: `action` 0 = add (a resting order `id` on `side` at `price` for `qty`),
 * 1 = cancel (order `id`), 2 = trade (an aggressive order on `side` for `qty`, limited at `price` or NaN).
 * `side`: +1 buy, −1 sell.
 */
export interface BookEventColumns {
  readonly symbol: string;
  readonly length: number;
  readonly ts: Float64Array;
  readonly action: Float64Array;
  readonly id: Float64Array;
  readonly side: Float64Array;
  readonly price: Float64Array;
  readonly qty: Float64Array;
}

class BarFeed {
  readonly kind = K_BARS;
  next = 0;
  readonly dur: number;
  pos!: Position;
  /** The emulator's live list of working orders for this symbol (checked before calling it). */
  working!: readonly unknown[];
  readonly view: {
    symbol: string;
    index: number;
    ts: number;
    closeTs: number;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
  };
  constructor(readonly bars: Bars) {
    this.dur = barCloseTime(0, bars.timeframe);
    this.view = {
      symbol: bars.symbol,
      index: 0,
      ts: 0,
      closeTs: 0,
      open: 0,
      high: 0,
      low: 0,
      close: 0,
      volume: 0,
    };
  }
}

class TickFeed {
  next = 0;
  pos!: Position;
  book: BookExecution | undefined;
  l2: L2Execution | undefined;
  constructor(
    readonly kind: typeof K_TRADES | typeof K_QUOTES | typeof K_BOOK | typeof K_L2,
    readonly cols: TradeColumns | QuoteColumns | BookEventColumns | L2EventColumns,
  ) {}
}

/**
 * The risk engine's mid-price view, read straight from the portfolio's marks (mark-to-market happens on every
 * price event), so the kernel does not copy a price into a Map per bar.
 */
class LiveMarks extends Map<string, number> {
  constructor(private readonly pf: Portfolio) {
    super();
  }
  override get(symbol: string): number | undefined {
    const p = this.pf.lastPrice(symbol);
    return Number.isNaN(p) ? undefined : p;
  }
  override has(symbol: string): boolean {
    return !Number.isNaN(this.pf.lastPrice(symbol));
  }
}

type TimerItem = { readonly kind: "timer"; readonly name: string };
type QueueItem = BarFeed | TickFeed | TimerItem | VenueAction;

/**
 * The kernel: one event queue ordered by (ts, seq), a simulated clock, the order manager, the portfolio, the
 * pre-trade risk engine, the event log and a {@link SimulatedGateway}; it calls the strategy in event order.
 *
 * Look-ahead is impossible by construction: a bar is delivered at its close time and an order decided on it can
 * fill only on data that opens at or after its arrival at the venue. The hot path (bar delivery) allocates nothing.
 *
 * @example
 * const result = new Engine({ bars: [spy], strategy: new SmaCross({ fast: 10, slow: 30 }) }).run();
 * result.equity.at(-1) // → final equity
 * @see https://nautilustrader.io/docs/latest/concepts/architecture
 */
export class Engine {
  readonly clock = new SimulatedClock(Number.NEGATIVE_INFINITY);
  readonly queue = new EventQueue<QueueItem>(256);
  readonly orders = new OrderManager();
  readonly portfolio: Portfolio;
  readonly gateway: SimulatedGateway;
  readonly log: EventLog;
  readonly risk: RiskEngine | undefined;
  private readonly strategy: Strategy;
  private readonly strategyId: string;
  private readonly barFeeds: BarFeed[];
  private readonly tickFeeds: TickFeed[];
  private readonly fills: Fill[] = [];
  private readonly brackets = new BracketOrders((req, parentId) => this.submitRequest(req, parentId));
  /** How cancel/expire/replace reports reach the kernel (built once: applying a report allocates nothing). */
  private readonly cancelReplace: CancelReplaceKernel = {
    transition: (id, to, info) => this.transition(id, to, info),
    brackets: this.brackets,
    strayReject: (o, r) => this.log.append(r.ts, r.kind, { id: o.id, reason: r.reason, status: o.status }),
  };
  private readonly ctx: StrategyContext;
  private readonly eqTs: Float64Array;
  private readonly eq: Float64Array;
  private nEq = 0;
  /** Time of the last equity sample. */
  private sampleTs = Number.NaN;
  /** Time of the equity sample that same-time events may still change (NaN when closed). */
  private openTs = Number.NaN;
  /** A fill changed equity since the open sample was written. */
  private eqDirty = false;
  private barsProcessed = 0;
  private events = 0;
  // risk state view (maintained incrementally)
  private readonly riskPositions = new Map<string, number>();
  private readonly mids: ReadonlyMap<string, number>;
  private riskOpen: RiskOpenOrder[] = [];
  private riskOpenDirty = false;
  private readonly riskState: {
    time: number;
    positions: ReadonlyMap<string, number>;
    openOrders: readonly RiskOpenOrder[];
    mids: ReadonlyMap<string, number>;
    equity: number;
    peakEquity: number;
  };
  private readonly trade = { ts: 0, price: 0, size: 0, side: 0 };
  private readonly quote = { ts: 0, bid: 0, ask: 0, bidSize: 0, askSize: 0 };
  private ran = false;
  private readonly metrics: BacktestMetrics | undefined;
  private readonly metricsTimer: (() => number) | undefined;
  private readonly eventCounts = { bar: 0, trade: 0, quote: 0, book: 0, l2: 0, timer: 0, venue: 0 };

  constructor(options: EngineOptions) {
    this.strategy = options.strategy;
    this.metrics = options.metrics;
    this.metricsTimer = options.metricsTimer;
    this.strategyId = options.strategy.id ?? "default";
    this.portfolio = new Portfolio(options.portfolio);
    this.log = new EventLog(options.log ?? "memory");
    const seed = options.seed ?? 0;
    const host = {
      now: () => this.clock.now(),
      schedule: (ts: number, a: VenueAction) => {
        this.queue.push(ts, a);
      },
      lastPrice: (s: string) => this.portfolio.lastPrice(s),
    };
    this.gateway = new SimulatedGateway(
      options.fill ?? {},
      new LatencyModel(options.latency ?? {}, seed),
      host,
      this.portfolio,
    );
    this.gateway.connect((r) => this.apply(r));
    if (options.risk !== undefined) {
      this.risk =
        options.risk instanceof RiskEngine
          ? options.risk
          : RiskEngine.fromConfig(parseRiskConfig(options.risk), {
              onKill: (rec) => {
                this.log.append(this.clock.now(), "kill-switch", rec);
                for (const o of this.orders.openOrders())
                  if (o.status === "ACKNOWLEDGED" || o.status === "PARTIAL_FILL") this.ctx.cancel(o.id);
              },
            });
    }
    this.mids = new LiveMarks(this.portfolio);
    this.riskState = {
      time: 0,
      positions: this.riskPositions,
      openOrders: this.riskOpen,
      mids: this.mids,
      equity: this.portfolio.initialCash,
      peakEquity: this.portfolio.initialCash,
    };
    this.barFeeds = (options.bars ?? []).map((b) => new BarFeed(b));
    this.tickFeeds = [
      ...(options.trades ?? []).map((t) => new TickFeed(K_TRADES, t)),
      ...(options.quotes ?? []).map((q) => new TickFeed(K_QUOTES, q)),
      ...(options.books ?? []).map((b) => new TickFeed(K_BOOK, b)),
      ...(options.l2 ?? []).map((b) => new TickFeed(K_L2, b)),
    ];
    let total = 0;
    for (const f of this.barFeeds) {
      total += f.bars.length;
      f.pos = this.portfolio.position(f.bars.symbol);
      f.working = this.gateway.emulator.listFor(f.bars.symbol);
    }
    for (const f of this.tickFeeds) {
      total += f.cols.length;
      f.pos = this.portfolio.position(f.cols.symbol);
      if (f.kind === K_BOOK) f.book = this.gateway.attachBook(f.cols.symbol);
      if (f.kind === K_L2) f.l2 = this.gateway.attachL2(f.cols.symbol, options.l2QueueModel);
    }
    this.eqTs = new Float64Array(total + 1);
    this.eq = new Float64Array(total + 1);
    this.ctx = this.makeContext();
  }

  /** Runs the whole simulation (once) and returns the result. */
  run(): EngineResult {
    if (this.ran) throw new QuantkitError("Engine.run() can be called once; create a new Engine");
    this.ran = true;
    const q = this.queue;
    for (const f of this.barFeeds) if (f.bars.length > 0) q.push(f.bars.ts[0]! + f.dur, f);
    for (const f of this.tickFeeds) if (f.cols.length > 0) q.push(f.cols.ts[0]!, f);
    this.strategy.onStart?.(this.ctx);
    const clock = this.clock;
    while (q.size > 0) {
      const item = q.pop()!;
      const ts = q.poppedTs;
      if (ts !== this.openTs) {
        // the open equity sample (time openTs) is final once time moves on
        if (this.eqDirty && !Number.isNaN(this.openTs)) this.sample();
        this.openTs = Number.NaN;
        this.eqDirty = false;
      }
      clock.advanceTo(ts);
      this.events++;
      if (item instanceof BarFeed) this.deliverBar(item, ts);
      else if (item instanceof TickFeed) {
        if (item.kind === K_TRADES) this.eventCounts.trade++;
        else if (item.kind === K_QUOTES) this.eventCounts.quote++;
        else if (item.kind === K_BOOK) this.eventCounts.book++;
        else this.eventCounts.l2++;
        this.deliverTick(item, ts);
      } else if (item.kind === "timer") {
        this.eventCounts.timer++;
        this.log.append(ts, "timer", { name: item.name });
        this.strategy.onTimer?.(item.name, ts, this.ctx);
      } else {
        this.eventCounts.venue++;
        this.gateway.onVenueAction(item);
      }
    }
    const m = this.metrics;
    if (m !== undefined) {
      const c = this.eventCounts;
      c.bar = this.barsProcessed;
      for (const [type, v] of Object.entries(c)) if (v > 0) m.eventsProcessed.labels(type).inc(v);
    }
    if (this.eqDirty && !Number.isNaN(this.openTs)) this.sample();
    this.strategy.onEnd?.(this.ctx);
    this.log.append(clock.now(), "end", {
      equity: this.portfolio.equity,
      cash: this.portfolio.cash,
      positions: this.portfolio.positions(),
    });
    this.log.close();
    return {
      equityTs: this.eqTs.subarray(0, this.nEq),
      equity: this.eq.subarray(0, this.nEq),
      orders: this.orders.all(),
      fills: this.fills,
      portfolio: this.portfolio,
      orderManager: this.orders,
      barsProcessed: this.barsProcessed,
      eventsProcessed: this.events,
      logRecords: this.log.count,
    };
  }

  /** Writes (or overwrites) the equity sample at the current sample time. */
  private sample(): void {
    this.eqDirty = false;
    if (this.nEq > 0) this.eq[this.nEq - 1] = this.portfolio.equity;
  }

  private deliverBar(f: BarFeed, closeTs: number): void {
    const b = f.bars;
    const i = f.next++;
    const o = b.open[i]!;
    const h = b.high[i]!;
    const l = b.low[i]!;
    const c = b.close[i]!;
    const v = b.volume[i]!;
    const ts = b.ts[i]!;
    const pos = f.pos;
    // 1. the venue matches working orders against the complete bar (fills stamped closeTs)
    if (f.working.length > 0) this.gateway.emulator.onBar(b.symbol, ts, o, h, l, c, v, closeTs, pos.qty);
    // 2. mark to market, sample equity
    pos.lastPrice = c;
    if (closeTs !== this.sampleTs) {
      this.sampleTs = closeTs;
      this.eqTs[this.nEq++] = closeTs;
    }
    const equity = this.portfolio.equity;
    this.eq[this.nEq - 1] = equity;
    this.openTs = closeTs;
    this.eqDirty = false;
    const risk = this.risk;
    if (risk !== undefined) {
      const rs = this.riskState;
      rs.time = closeTs;
      rs.equity = equity;
      if (equity > rs.peakEquity) rs.peakEquity = equity;
      risk.evaluate(rs);
    }
    this.barsProcessed++;
    // 3. strategy
    const s = this.strategy;
    if (s.onBar !== undefined) {
      const view = f.view;
      view.index = i;
      view.ts = ts;
      view.closeTs = closeTs;
      view.open = o;
      view.high = h;
      view.low = l;
      view.close = c;
      view.volume = v;
      s.onBar(view, this.ctx);
    }
    if (f.next < b.length) this.queue.push(b.ts[f.next]! + f.dur, f);
  }

  private deliverTick(f: TickFeed, ts: number): void {
    const i = f.next++;
    const sym = f.cols.symbol;
    const em = this.gateway.emulator;
    if (f.kind === K_TRADES) {
      const t = f.cols as TradeColumns;
      const p = t.price[i]!;
      em.onBar(sym, ts, p, p, p, p, t.size[i]!, ts, f.pos.qty, 0, true);
      f.pos.lastPrice = p;
      const tr = this.trade;
      tr.ts = ts;
      tr.price = p;
      tr.size = t.size[i]!;
      tr.side = t.side[i]!;
      this.strategy.onTrade?.(sym, tr as Trade, this.ctx);
    } else if (f.kind === K_BOOK) {
      const e = f.cols as BookEventColumns;
      const ex = f.book!;
      const side = e.side[i]! > 0 ? "buy" : "sell";
      const act = e.action[i]!;
      if (act === 0) ex.add(e.id[i]!, side, e.price[i]!, e.qty[i]!);
      else if (act === 1) ex.cancel(e.id[i]!);
      else ex.trade(side, e.qty[i]!, e.price[i]!);
      const mid = ex.book.mid();
      if (!Number.isNaN(mid)) f.pos.lastPrice = mid;
      this.strategy.onBook?.(sym, ex.book, this.ctx);
    } else if (f.kind === K_L2) {
      const e = f.cols as L2EventColumns;
      const ex = f.l2!;
      const side = e.side[i]! > 0 ? "buy" : "sell";
      if (e.kind[i] === 0) ex.level(side, e.price[i]!, e.qty[i]!);
      else ex.trade(side, e.price[i]!, e.qty[i]!);
      const mid = ex.book.mid();
      if (!Number.isNaN(mid)) f.pos.lastPrice = mid;
      this.strategy.onBook?.(sym, ex.book, this.ctx);
    } else {
      const qc = f.cols as QuoteColumns;
      const bid = qc.bid[i]!;
      const ask = qc.ask[i]!;
      em.onBar(sym, ts, ask, ask, ask, ask, qc.askSize[i]!, ts, f.pos.qty, 1, true);
      em.onBar(sym, ts, bid, bid, bid, bid, qc.bidSize[i]!, ts, f.pos.qty, -1, true);
      f.pos.lastPrice = (bid + ask) / 2;
      const qu = this.quote;
      qu.ts = ts;
      qu.bid = bid;
      qu.ask = ask;
      qu.bidSize = qc.bidSize[i]!;
      qu.askSize = qc.askSize[i]!;
      this.strategy.onQuote?.(sym, qu as Quote, this.ctx);
    }
    if (ts !== this.sampleTs) {
      this.sampleTs = ts;
      this.eqTs[this.nEq++] = ts;
    }
    this.eq[this.nEq - 1] = this.portfolio.equity;
    this.openTs = ts;
    this.eqDirty = false;
    if (f.next < f.cols.length) this.queue.push(f.cols.ts[f.next]!, f);
  }

  /** Applies a state transition, logs it and tells the strategy. */
  private transition(id: string, to: OrderStatus, info: TransitionInfo, fillSeq?: number): Order {
    const from = this.orders.get(id)!.status;
    const o = this.orders.transition(id, to, info);
    this.riskOpenDirty = true;
    if (this.log.enabled) {
      let j = `{"id":${str(id)},"from":${str(from)},"to":"${to}","initiator":"${info.initiator}"`;
      if (info.reason !== undefined) j += `,"reason":${str(info.reason)}`;
      if (info.venueOrderId !== undefined) j += `,"venueOrderId":${str(info.venueOrderId)}`;
      if (info.changes !== undefined) j += `,"changes":${JSON.stringify(info.changes)}`;
      if (fillSeq !== undefined) j += `,"fillSeq":${fillSeq}`;
      this.log.appendRaw(info.ts, "order", `${j}}`);
    }
    this.strategy.onOrderUpdate?.(o, this.ctx);
    return o;
  }

  private submitRequest(req: OrderRequest, parentId?: string): Order {
    const ts = this.clock.now();
    const order = this.orders.create(req, ts, parentId);
    this.riskOpenDirty = true;
    this.log.append(ts, "order", { id: order.id, from: null, to: "NEW", request: req, parentId });
    this.metrics?.ordersSubmitted.labels(order.symbol).inc();
    const risk = this.risk;
    if (risk !== undefined) {
      const rr = riskOrderRequest(order);
      const rs = this.riskState;
      rs.time = ts;
      if (this.riskOpenDirty) this.rebuildRiskOpen();
      const timer = this.metrics !== undefined ? this.metricsTimer : undefined;
      const t0 = timer !== undefined ? timer() : 0;
      const d = risk.check(rr, rs as RiskStateView);
      if (timer !== undefined) this.metrics!.riskCheckSeconds.observe(timer() - t0);
      if (this.log.enabled)
        this.log.appendRaw(
          ts,
          "risk",
          `{"orderId":${str(order.id)},"accepted":${d.accepted},"validator":${str(d.validator)},"reason":"${d.reason}","value":${num(d.value)},"limit":${num(d.limit)},"warnings":${d.warnings}}`,
        );
      if (!d.accepted) {
        const reason = riskRejectionReason(d, risk);
        this.brackets.forget(order.id);
        this.metrics?.ordersRejected.labels("risk", d.reason).inc();
        return this.transition(order.id, "REJECTED", { ts, initiator: "risk", reason });
      }
    }
    const why = accountCheck(order, this.portfolio, this.orders);
    if (why !== undefined) {
      this.brackets.forget(order.id);
      this.metrics?.ordersRejected.labels("system", why.kind).inc();
      return this.transition(order.id, "REJECTED", {
        ts,
        initiator: "system",
        reason: this.accountRejectionReason(why),
      });
    }
    const sent = this.transition(order.id, "PENDING_NEW", { ts, initiator: "strategy" });
    this.gateway.submit(sent);
    return sent;
  }

  /** Words an account rejection: the short sale's resulting position, or the exposure, reserve and buying power. */
  private accountRejectionReason(r: AccountRejection): string {
    if (r.kind === "short-not-allowed")
      return `short selling not allowed: ${r.symbol} position would be ${r.position}`;
    return `insufficient buying power: order adds ${r.added.toFixed(2)}${r.reserved > 0 ? ` (+ ${r.reserved.toFixed(2)} open)` : ""}, available ${r.available.toFixed(2)} at max leverage ${this.portfolio.maxLeverage}`;
  }

  private rebuildRiskOpen(): void {
    const out = riskOpenOrders(this.orders.openOrders());
    this.riskOpen = out;
    this.riskState.openOrders = out;
    this.riskOpenDirty = false;
  }

  /** Applies a venue report: order transitions, fills to the portfolio, bracket children. */
  private apply(r: ExecutionReport): void {
    const o = this.orders.get(r.orderId);
    if (o === undefined) throw new QuantkitError(`venue reported on unknown order ${r.orderId}`);
    const ts = r.ts;
    switch (r.kind) {
      case "ack":
        this.transition(o.id, "ACKNOWLEDGED", { ts, initiator: "venue", venueOrderId: r.venueOrderId });
        return;
      case "reject":
        this.brackets.forget(o.id);
        this.metrics?.ordersRejected
          .labels("venue", r.reason.startsWith("price") ? "price-band" : r.reason)
          .inc();
        this.transition(o.id, "REJECTED", { ts, initiator: "venue", reason: r.reason });
        return;
      case "fill": {
        const fill = orderFill(o, r.qty, r.price, r.slippage, r.taker, ts, this.portfolio);
        this.fills.push(fill);
        this.portfolio.applyFill(fill);
        this.eqDirty = true;
        this.riskPositions.set(o.symbol, this.portfolio.qty(o.symbol));
        const seq = this.log.count;
        if (this.log.enabled)
          this.log.appendRaw(
            ts,
            "fill",
            `{"orderId":${str(fill.orderId)},"clientOrderId":${str(fill.clientOrderId)},"strategyId":${str(fill.strategyId)},"symbol":${str(fill.symbol)},"side":"${fill.side}","qty":${num(fill.qty)},"price":${num(fill.price)},"commission":${num(fill.commission)},"slippage":${num(fill.slippage)},"ts":${num(ts)},"liquidityTaker":${fill.liquidityTaker}}`,
          );
        const done = r.leaves === 0;
        const next = this.transition(
          o.id,
          done ? "FILLED" : "PARTIAL_FILL",
          { ts, initiator: "venue", fill },
          seq,
        );
        this.strategy.onFill?.(fill, this.ctx);
        if (done) {
          this.metrics?.ordersFilled.labels(o.symbol).inc();
          this.brackets.entryFilled(next);
        }
        return;
      }
      default:
        applyCancelReplaceReport(o, r, this.cancelReplace);
    }
  }

  /**
   * Moves an order to PENDING_CANCEL or PENDING_REPLACE at the strategy's request before it goes to the venue: logs
   * it and tells the strategy. An invalid transition is logged as `invalid-transition` and returns undefined.
   */
  private requestAmend(o: Order, to: "PENDING_CANCEL" | "PENDING_REPLACE"): Order | undefined {
    const ts = this.clock.now();
    const r = this.orders.tryTransition(o.id, to, { ts, initiator: "strategy" });
    if (!("status" in r)) {
      this.log.append(ts, "invalid-transition", { id: o.id, from: o.status, to });
      return undefined;
    }
    this.riskOpenDirty = true;
    this.log.append(ts, "order", { id: o.id, from: o.status, to, initiator: "strategy" });
    this.strategy.onOrderUpdate?.(r, this.ctx);
    return r;
  }

  private makeContext(): StrategyContext {
    const self = this;
    const pf = this.portfolio;
    return {
      get now() {
        return self.clock.now();
      },
      portfolio: pf,
      position: (symbol) => pf.qty(symbol),
      submit: (request: OrderRequestInput) => self.submitRequest(parseOrderRequest(request, self.strategyId)),
      submitBracket: (b: BracketRequest) => {
        const req = parseOrderRequest(b.entry, self.strategyId);
        const ts = self.clock.now();
        // register before submitting so an immediate fill finds it
        const id = self.orders.nextOrderId;
        self.brackets.register(id, b);
        const o = self.submitRequest(req);
        if (o.id !== id) throw new QuantkitError(`bracket id mismatch at ${ts}`);
        return o;
      },
      cancel: (id: string) => {
        const o = self.orders.get(id);
        if (o === undefined) return false;
        const r = self.requestAmend(o, "PENDING_CANCEL");
        if (r === undefined) return false;
        self.gateway.cancel(r);
        return true;
      },
      replace: (id: string, changes: ReplaceChanges) => {
        const o = self.orders.get(id);
        if (o === undefined || isTerminal(o.status)) return false;
        const r = self.requestAmend(o, "PENDING_REPLACE");
        if (r === undefined) return false;
        self.gateway.replace(r, changes);
        return true;
      },
      openOrders: (symbol?: string) => self.orders.openOrders(symbol),
      setTimer: (name: string, ts: number) => {
        if (!(ts >= self.clock.now()))
          throw new QuantkitError(`timer "${name}" at ${ts} is in the past (now ${self.clock.now()})`);
        self.queue.push(ts, { kind: "timer", name });
      },
      signal: (name: string, value: number) => {
        self.log.append(self.clock.now(), "signal", { name, value });
      },
      indicators,
      history: (symbol: string) => {
        const f = self.barFeeds.find((x) => x.bars.symbol === symbol);
        if (f === undefined) throw new QuantkitError(`no bar feed for symbol "${symbol}"`);
        return sliceBars(f.bars, 0, f.next);
      },
    };
  }
}
