import {
  type AccountRejection,
  accountCheck,
  applyCancelReplaceReport,
  type BarView,
  BracketOrders,
  type BracketRequest,
  type CancelReplaceKernel,
  type ExecutionReport,
  type Fill,
  isTerminal,
  type KillRecord,
  type LogRecord,
  type MarketDataKind,
  type Order,
  OrderManager,
  type OrderRequest,
  type OrderRequestInput,
  type OrderStatus,
  orderFill,
  Portfolio,
  type PortfolioOptions,
  parseOrderRequest,
  parseRiskConfig,
  type ReplaceChanges,
  type RiskConfigInput,
  RiskEngine,
  type RiskOpenOrder,
  type RiskStateView,
  riskOpenOrders,
  riskOrderRequest,
  riskRejectionReason,
  type Strategy,
  type StrategyContext,
  type TransitionInfo,
} from "@quantkit/backtest";
import {
  type Bars,
  type Clock,
  QuantkitError,
  type Quote,
  type Timeframe,
  type Trade,
  timeframeMs,
  WallClock,
} from "@quantkit/core";
import * as indicators from "@quantkit/indicators";
import { BarBuffer } from "./barBuffer.js";
import type { Journal } from "./journal.js";
import type { BrokerOrder, ConnectionEvent, LiveGateway, MarketEvent } from "./liveGateway.js";
import { type LocalOrderView, planReconciliation, type ReconcileAction } from "./reconciler.js";

/**
 * Named points in the order path where a crash test may kill the process (see `QK_PAPER_CRASH_AT`):
 * `after-intent` (intent fsynced, order not sent), `after-send` (sent, no ack yet), `after-fill` (a fill applied and
 * journaled, more may follow), `after-ack`.
 */
export type CrashPoint = "after-intent" | "after-send" | "after-ack" | "after-fill";

/** Events the node publishes to observers (ops, dashboard). */
export type LiveNodeEvent =
  | { readonly type: "order"; readonly order: Order }
  | { readonly type: "fill"; readonly fill: Fill; readonly source: "stream" | "reconcile" }
  | { readonly type: "data"; readonly event: MarketEvent; readonly receivedAt: number }
  | { readonly type: "connection"; readonly event: ConnectionEvent }
  | { readonly type: "reconcile"; readonly trigger: string; readonly actions: readonly ReconcileAction[] }
  | { readonly type: "kill"; readonly record: KillRecord }
  | { readonly type: "error"; readonly error: unknown; readonly where: string; readonly critical: boolean };

/** Options of {@link LiveNode}. */
export interface LiveNodeOptions {
  readonly gateway: LiveGateway;
  readonly strategy: Strategy;
  /** Symbols to subscribe to. */
  readonly symbols: readonly string[];
  /** Timeframe of the bars the venue publishes (for `history()` and `closeTs`). */
  readonly timeframe: Timeframe;
  /** Market-data kinds to subscribe to (default `["bars"]`). */
  readonly marketData?: readonly MarketDataKind[];
  /** Run id: client order ids are `<runId>-<n>` (persisted across restarts by the caller). */
  readonly runId: string;
  /** The write-ahead log (opened by the caller; its recovered records rebuild the state). */
  readonly journal: Journal;
  /** Records already in the journal (from `Journal.open`), replayed by `start()`. */
  readonly recovered?: readonly LogRecord[];
  /** Time source (default WallClock). */
  readonly clock?: Clock;
  /** Pre-trade risk limits (validated). Off when omitted. */
  readonly risk?: RiskConfigInput;
  /** Account model (cash, leverage, shorting). */
  readonly portfolio?: PortfolioOptions;
  /** Test hook: called at each {@link CrashPoint}. */
  readonly crashHook?: (point: CrashPoint) => void;
}

/** A reconciliation's outcome. */
export interface ReconcileResult {
  readonly trigger: string;
  readonly actions: readonly ReconcileAction[];
  /** True when the position rule was skipped because reports arrived while the broker was being queried. */
  readonly positionsDeferred: boolean;
}

const TERMINAL_REPORTS = new Set(["canceled", "expired", "reject"]);

/**
 * The live kernel: runs an unchanged backtest {@link Strategy} against any {@link LiveGateway} on a wall clock, with
 * the backtester's own OrderManager, RiskEngine (kill switch included) and Portfolio. It implements the same
 * {@link StrategyContext} (streaming indicators in `ctx.indicators`, `history()` over the live bars), writes every
 * order intent to the write-ahead {@link Journal} (fsynced) BEFORE sending it under a deterministic client order id
 * (`<runId>-<n>`), rebuilds its state from that journal on start, and reconciles with the broker on start and on
 * demand ({@link planReconciliation}'s rules).
 *
 * @example
 * const node = new LiveNode({ gateway, strategy: createStrategy({ strategy: "sma-cross" }), symbols: ["SPY"], timeframe: "1m", runId: "r1", journal });
 * await node.start(); // replays the journal, connects, reconciles, calls onStart
 * @see https://nautilustrader.io/docs/latest/concepts/live (live trading node, reconciliation)
 */
export class LiveNode {
  readonly clock: Clock;
  readonly orders = new OrderManager();
  readonly portfolio: Portfolio;
  readonly risk: RiskEngine | undefined;
  readonly gateway: LiveGateway;
  readonly runId: string;
  readonly journal: Journal;
  /** Fills of this process's lifetime (including replayed ones), in order. */
  readonly fills: Fill[] = [];
  private readonly strategy: Strategy;
  private readonly strategyId: string;
  private readonly symbols: readonly string[];
  private readonly kinds: readonly MarketDataKind[];
  private readonly timeframe: Timeframe;
  private readonly barMs: number;
  private readonly buffers = new Map<string, BarBuffer>();
  private readonly listeners: ((e: LiveNodeEvent) => void)[] = [];
  private readonly brackets = new BracketOrders((req, parentId) => this.submitRequest(req, parentId));
  /** How cancel/expire/replace reports reach the kernel (built once). */
  private readonly cancelReplace: CancelReplaceKernel = {
    transition: (id, to, info) => this.transition(id, to, info),
    brackets: this.brackets,
    strayReject: (o, r) =>
      this.journal.append(r.ts, r.kind, {
        clientOrderId: o.clientOrderId,
        reason: r.reason,
        status: o.status,
      }),
  };
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly ctx: StrategyContext;
  private readonly crashHook: ((p: CrashPoint) => void) | undefined;
  private readonly recovered: readonly LogRecord[];
  private intentSeq = 0;
  /** Orders the gateway knows in this process (submitted or tracked). */
  private readonly tracked = new Set<string>();
  private reportsSeen = 0;
  private replaying = false;
  private started = false;
  private stopping = false;
  /** Market data that arrives while the start reconciliation runs marks prices and fills history only. */
  private strategyStarted = false;
  private stopped = false;
  private peakEquity: number;
  private readonly riskPositions = new Map<string, number>();
  private riskOrdersDirty = true;
  private riskPositionsDirty = true;
  private readonly risk_: {
    time: number;
    positions: ReadonlyMap<string, number>;
    openOrders: readonly RiskOpenOrder[];
    mids: ReadonlyMap<string, number>;
    equity: number;
    peakEquity: number;
  };
  private readonly mids = new Map<string, number>();
  private readonly view = {
    symbol: "",
    index: 0,
    ts: 0,
    closeTs: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
  };
  private readonly trade = { ts: 0, price: 0, size: 0, side: 0 };
  private readonly quote = { ts: 0, bid: 0, ask: 0, bidSize: 0, askSize: 0 };
  /** Market-data events processed. */
  eventsProcessed = 0;
  /** Reports naming an order this process does not know (logged, not applied). */
  unknownReports = 0;

  constructor(options: LiveNodeOptions) {
    this.gateway = options.gateway;
    this.strategy = options.strategy;
    this.strategyId = options.strategy.id ?? "default";
    this.symbols = options.symbols;
    this.kinds = options.marketData ?? ["bars"];
    this.timeframe = options.timeframe;
    this.barMs = timeframeMs(options.timeframe);
    this.runId = options.runId;
    this.journal = options.journal;
    this.recovered = options.recovered ?? [];
    this.clock = options.clock ?? new WallClock();
    this.crashHook = options.crashHook;
    this.portfolio = new Portfolio(options.portfolio);
    this.peakEquity = this.portfolio.initialCash;
    for (const s of this.symbols) this.buffers.set(s, new BarBuffer(s, this.timeframe));
    this.risk_ = {
      time: 0,
      positions: this.riskPositions,
      openOrders: [],
      mids: this.mids,
      equity: this.portfolio.initialCash,
      peakEquity: this.portfolio.initialCash,
    };
    this.orders.onTransition = () => {
      this.riskOrdersDirty = true;
    };
    if (options.risk !== undefined)
      this.risk = RiskEngine.fromConfig(parseRiskConfig(options.risk), {
        startEquity: this.portfolio.initialCash,
        onKill: (rec) => this.onKill(rec),
      });
    this.ctx = this.makeContext();
  }

  /** Adds an observer of the node's events; returns a function that removes it. */
  on(listener: (e: LiveNodeEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The strategy context (the same interface the backtester gives strategies). */
  get context(): StrategyContext {
    return this.ctx;
  }

  /** Client order id prefix of this run. */
  get prefix(): string {
    return `${this.runId}-`;
  }

  /**
   * Replays the journal, connects the gateway, subscribes, reconciles with the broker (trigger `"start"`), then
   * calls the strategy's `onStart`.
   */
  async start(): Promise<ReconcileResult> {
    if (this.started) throw new QuantkitError("LiveNode.start() can be called once");
    this.started = true;
    this.replay(this.recovered);
    const gw = this.gateway;
    gw.connect((r) => this.onReport(r));
    gw.onMarketData((e) => this.onData(e));
    gw.onConnection((e) => this.onConnection(e));
    await gw.start();
    for (const s of this.symbols) for (const k of this.kinds) gw.subscribe(s, k);
    this.journal.append(this.clock.now(), "start", {
      runId: this.runId,
      recoveredRecords: this.recovered.length,
      openOrders: this.orders.openCount,
      positions: this.portfolio.positions().map((p) => ({ symbol: p.symbol, qty: p.qty })),
    });
    const result = await this.reconcile("start");
    this.strategy.onStart?.(this.ctx);
    this.strategyStarted = true;
    return result;
  }

  /**
   * Stops: optionally cancels every working order (waiting up to `waitMs` for the broker's confirmations), calls
   * `onEnd`, journals a `stop` record, closes the gateway and the journal.
   *
   * @param options.cancelOpenOrders - cancel working orders first (default false).
   * @param options.waitMs - how long to wait for cancel confirmations (default 2000 ms).
   */
  async stop(options: { cancelOpenOrders?: boolean; waitMs?: number; reason?: string } = {}): Promise<void> {
    if (this.stopped || this.stopping) return;
    this.stopping = true;
    // no new decisions: the strategy sees no more data or timers while the session winds down
    this.strategyStarted = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const waitMs = options.waitMs ?? 5000;
    let deadline = this.clock.now() + waitMs;
    // requests in flight (sent, not yet answered) settle first, so nothing reaches the broker after we stop
    while (this.hasPending() && this.clock.now() < deadline) await sleep(20);
    if (options.cancelOpenOrders) {
      for (const o of this.orders.openOrders())
        if (o.status === "ACKNOWLEDGED" || o.status === "PARTIAL_FILL") this.cancelOrder(o.id, "system");
      deadline = this.clock.now() + waitMs;
      while (this.hasWorking() && this.clock.now() < deadline) await sleep(20);
    }
    try {
      if (this.gateway.connected) await this.reconcile("stop");
    } catch (err) {
      this.fail(err, "final reconciliation", false);
    }
    this.stopped = true;
    this.strategy.onEnd?.(this.ctx);
    this.journal.append(this.clock.now(), "stop", {
      reason: options.reason ?? "stop",
      openOrders: this.orders.openOrders().map((o) => o.clientOrderId),
      positions: this.portfolio.positions().map((p) => ({ symbol: p.symbol, qty: p.qty })),
    });
    await this.gateway.stop();
    this.journal.close();
  }

  /** Trips the risk engine's kill switch by hand (cancels working orders, rejects new ones). */
  kill(detail = "manual"): void {
    if (this.risk === undefined) throw new QuantkitError("no risk engine configured: the kill switch is off");
    this.risk.killSwitch.trip("manual", this.clock.now(), detail);
  }

  /**
   * Reconciles with the broker: fetches its positions and open orders (and looks up local open orders it does not
   * list), plans the actions ({@link planReconciliation}), applies them and journals every discrepancy as a
   * `reconcile` record.
   *
   * @param trigger - why (`"start"`, `"periodic"`, `"reconnect"`).
   */
  async reconcile(trigger: string): Promise<ReconcileResult> {
    const before = this.reportsSeen;
    const gw = this.gateway;
    const snap = await gw.reconcileSnapshot();
    const listed = new Set(snap.openOrders.map((o) => o.clientOrderId));
    const lookups = new Map<string, BrokerOrder | undefined>();
    for (const o of this.orders.openOrders())
      if (!listed.has(o.clientOrderId)) lookups.set(o.clientOrderId, await gw.lookupOrder(o.clientOrderId));
    const positionsDeferred = this.reportsSeen !== before;
    const local: LocalOrderView[] = this.orders.openOrders().map((o) => ({ ...o, orderId: o.id }));
    const positions = new Map<string, number>();
    for (const p of this.portfolio.positions()) positions.set(p.symbol, p.qty);
    const planned = planReconciliation({
      orders: local,
      positions,
      broker: snap,
      lookups,
      prefix: this.prefix,
      fallbackPrice: (s) => this.portfolio.lastPrice(s),
    });
    const actions = positionsDeferred ? planned.filter((a) => a.kind !== "position") : planned;
    const ts = this.clock.now();
    for (const a of actions) this.applyAction(a, ts);
    // orders recovered from the journal are tracked once the broker's view of them is known
    for (const o of this.orders.openOrders())
      if (!this.tracked.has(o.id)) {
        this.tracked.add(o.id);
        gw.track(o);
      }
    this.journal.append(ts, "reconcile-done", {
      trigger,
      discrepancies: actions.length,
      positionsDeferred,
      brokerPositions: snap.positions,
      brokerOpenOrders: snap.openOrders.map((o) => o.clientOrderId),
    });
    this.emit({ type: "reconcile", trigger, actions });
    return { trigger, actions, positionsDeferred };
  }

  /** Orders with a request in flight (sent, cancel or replace not yet answered). */
  private hasPending(): boolean {
    for (const o of this.orders.openOrders())
      if (o.status === "PENDING_NEW" || o.status === "PENDING_CANCEL" || o.status === "PENDING_REPLACE")
        return true;
    return false;
  }

  /** Orders at the broker or on their way there. */
  private hasWorking(): boolean {
    for (const o of this.orders.openOrders()) if (o.status !== "NEW") return true;
    return false;
  }

  // --- market data ---

  private onData(e: MarketEvent): void {
    if (this.stopped) return;
    const receivedAt = this.clock.now();
    this.eventsProcessed++;
    try {
      if (e.kind === "bar") {
        this.mark(e.symbol, e.close, receivedAt);
        const buf = this.buffers.get(e.symbol);
        if (buf !== undefined) {
          if (buf.length > 0 && !(e.ts > buf.lastTs)) {
            this.journal.append(receivedAt, "data-anomaly", {
              symbol: e.symbol,
              ts: e.ts,
              lastTs: buf.lastTs,
              what: "bar not after the previous one: not delivered",
            });
          } else {
            const v = this.view;
            v.index = buf.push(e.ts, e.open, e.high, e.low, e.close, e.volume);
            v.symbol = e.symbol;
            v.ts = e.ts;
            v.closeTs = e.ts + this.barMs;
            v.open = e.open;
            v.high = e.high;
            v.low = e.low;
            v.close = e.close;
            v.volume = e.volume;
            if (this.strategyStarted) this.strategy.onBar?.(v as BarView, this.ctx);
          }
        }
      } else if (e.kind === "trade") {
        this.mark(e.symbol, e.price, receivedAt);
        const t = this.trade;
        t.ts = e.ts;
        t.price = e.price;
        t.size = e.size;
        t.side = e.side;
        if (this.strategyStarted) this.strategy.onTrade?.(e.symbol, t as Trade, this.ctx);
      } else {
        this.mark(e.symbol, (e.bid + e.ask) / 2, receivedAt);
        const q = this.quote;
        q.ts = e.ts;
        q.bid = e.bid;
        q.ask = e.ask;
        q.bidSize = e.bidSize;
        q.askSize = e.askSize;
        if (this.strategyStarted) this.strategy.onQuote?.(e.symbol, q as Quote, this.ctx);
      }
    } catch (err) {
      this.fail(err, `strategy on ${e.kind} ${e.symbol}`, true);
    }
    if (this.listeners.length > 0) this.emit({ type: "data", event: e, receivedAt });
  }

  /** Marks `symbol` at `price` (portfolio and the risk engine's mids), then evaluates the kill switch at `ts`. */
  private mark(symbol: string, price: number, ts: number): void {
    this.portfolio.mark(symbol, price);
    this.mids.set(symbol, price);
    this.evaluateRisk(ts);
  }

  private evaluateRisk(ts: number): void {
    const eq = this.portfolio.equity;
    if (eq > this.peakEquity) this.peakEquity = eq;
    const r = this.risk;
    if (r === undefined || r.killSwitch.tripped) return;
    r.evaluate(this.riskState(ts));
  }

  /**
   * The risk engine's view, rebuilt only when orders or positions changed since the last call (the market-data hot
   * path evaluates the kill switch on every event without allocating).
   */
  private riskState(ts: number): RiskStateView {
    const st = this.risk_;
    if (this.riskOrdersDirty) {
      st.openOrders = riskOpenOrders(this.orders.openOrders());
      this.riskOrdersDirty = false;
    }
    if (this.riskPositionsDirty) {
      this.riskPositions.clear();
      for (const p of this.portfolio.positions()) this.riskPositions.set(p.symbol, p.qty);
      this.riskPositionsDirty = false;
    }
    st.time = ts;
    st.equity = this.portfolio.equity;
    st.peakEquity = this.peakEquity;
    return st;
  }

  private onConnection(e: ConnectionEvent): void {
    this.journal.append(e.ts, "connection", { connected: e.connected, reason: e.reason });
    this.emit({ type: "connection", event: e });
    if (e.connected && this.started && !this.stopped && e.reason !== "started")
      this.reconcile("reconnect").catch((err) => this.fail(err, "reconcile after reconnect", false));
  }

  // --- orders ---

  private submitRequest(input: OrderRequest, parentId?: string): Order {
    const ts = this.clock.now();
    const clientOrderId = `${this.runId}-${++this.intentSeq}`;
    const req: OrderRequest = {
      ...input,
      clientOrderId,
      ...(input.clientOrderId !== undefined ? { tag: input.tag ?? input.clientOrderId } : {}),
    };
    const order = this.orders.create(req, ts, parentId);
    const risk = this.risk;
    let why: string | undefined;
    if (risk !== undefined) {
      const d = risk.check(riskOrderRequest(order), this.riskState(ts));
      if (!d.accepted) why = riskRejectionReason(d, risk);
    }
    if (why === undefined) {
      const acct = accountCheck(order, this.portfolio, this.orders);
      if (acct !== undefined) why = accountRejectionReason(acct);
    }
    if (why !== undefined) {
      this.brackets.forget(order.id);
      this.journal.append(ts, "risk-reject", {
        orderId: order.id,
        clientOrderId,
        request: req,
        parentId,
        reason: why,
      });
      return this.transition(order.id, "REJECTED", { ts, initiator: "risk", reason: why }, false);
    }
    // write-ahead: the intent is on disk before the order leaves the process
    this.journal.append(ts, "intent", { orderId: order.id, clientOrderId, request: req, parentId }, true);
    this.crashHook?.("after-intent");
    const sent = this.transition(order.id, "PENDING_NEW", { ts, initiator: "strategy" }, false);
    this.tracked.add(order.id);
    try {
      this.gateway.submit(sent);
    } catch (err) {
      this.fail(err, `submit ${clientOrderId}`, false);
    }
    this.crashHook?.("after-send");
    return this.orders.get(order.id)!;
  }

  private cancelOrder(id: string, initiator: "strategy" | "system"): boolean {
    const o = this.orders.get(id);
    if (o === undefined || o.status === "PENDING_CANCEL") return false;
    const r = this.requestAmend(o, "PENDING_CANCEL", initiator);
    if (r === undefined) return false;
    try {
      this.gateway.cancel(r);
    } catch (err) {
      this.fail(err, `cancel ${o.clientOrderId}`, false);
    }
    return true;
  }

  private replaceOrder(id: string, changes: ReplaceChanges): boolean {
    const o = this.orders.get(id);
    if (o === undefined || isTerminal(o.status)) return false;
    const r = this.requestAmend(o, "PENDING_REPLACE", "strategy", changes);
    if (r === undefined) return false;
    try {
      this.gateway.replace(r, changes);
    } catch (err) {
      this.fail(err, `replace ${o.clientOrderId}`, false);
    }
    return true;
  }

  /**
   * Moves an order to PENDING_CANCEL or PENDING_REPLACE before the request is sent: journals the request (fsynced;
   * a replace with its `requested` changes) and tells the strategy and observers. An invalid transition is journaled
   * as `invalid-transition` and returns undefined.
   */
  private requestAmend(
    o: Order,
    to: "PENDING_CANCEL" | "PENDING_REPLACE",
    initiator: "strategy" | "system",
    requested?: ReplaceChanges,
  ): Order | undefined {
    const ts = this.clock.now();
    const r = this.orders.tryTransition(o.id, to, { ts, initiator });
    if (!("status" in r)) {
      this.journal.append(ts, "invalid-transition", { id: o.id, from: o.status, to });
      return undefined;
    }
    this.journal.append(
      ts,
      "order",
      {
        orderId: o.id,
        clientOrderId: o.clientOrderId,
        from: o.status,
        to,
        initiator,
        ...(requested !== undefined ? { requested } : {}),
      },
      true,
    );
    this.afterTransition(r, true);
    return r;
  }

  /** Applies a transition, journals it (unless `journaled`) and tells the strategy and observers. */
  private transition(id: string, to: OrderStatus, info: TransitionInfo, journal = true): Order {
    const from = this.orders.get(id)!.status;
    const o = this.orders.transition(id, to, info);
    if (journal && !this.replaying)
      this.journal.append(info.ts, "order", {
        orderId: id,
        clientOrderId: o.clientOrderId,
        from,
        to,
        initiator: info.initiator,
        ...(info.reason !== undefined ? { reason: info.reason } : {}),
        ...(info.venueOrderId !== undefined ? { venueOrderId: info.venueOrderId } : {}),
        ...(info.changes !== undefined ? { changes: info.changes } : {}),
      });
    this.afterTransition(o, !this.replaying);
    return o;
  }

  private afterTransition(o: Order, notify: boolean): void {
    if (!notify) return;
    this.emit({ type: "order", order: o });
    try {
      this.strategy.onOrderUpdate?.(o, this.ctx);
    } catch (err) {
      this.fail(err, "strategy onOrderUpdate", true);
    }
  }

  private onReport(r: ExecutionReport): void {
    if (this.stopped) return;
    this.reportsSeen++;
    const o = this.orders.get(r.orderId) ?? this.orders.byClientOrderId(r.orderId);
    if (o === undefined) {
      this.unknownReports++;
      this.journal.append(this.clock.now(), "unknown-report", r);
      return;
    }
    try {
      this.applyReport(o, r);
    } catch (err) {
      this.fail(err, `report ${r.kind} on ${o.clientOrderId}`, true);
    }
  }

  private applyReport(o: Order, r: ExecutionReport): void {
    const ts = r.ts;
    if (isTerminal(o.status)) {
      if (!(TERMINAL_REPORTS.has(r.kind) || r.kind === "ack"))
        this.journal.append(ts, "late-report", {
          clientOrderId: o.clientOrderId,
          kind: r.kind,
          status: o.status,
        });
      return;
    }
    switch (r.kind) {
      case "ack":
        if (o.status === "PENDING_NEW") {
          this.transition(o.id, "ACKNOWLEDGED", { ts, initiator: "venue", venueOrderId: r.venueOrderId });
          this.crashHook?.("after-ack");
        }
        return;
      case "reject":
        if (o.status !== "PENDING_NEW") {
          this.journal.append(ts, "late-report", {
            clientOrderId: o.clientOrderId,
            kind: r.kind,
            status: o.status,
          });
          return;
        }
        this.brackets.forget(o.id);
        this.transition(o.id, "REJECTED", { ts, initiator: "venue", reason: r.reason });
        return;
      case "fill": {
        // idempotent: the report implies a cumulative filled quantity (qty − leaves); anything we already hold
        // (e.g. booked by a reconciliation that raced the gateway's own resync) is not booked twice
        const add = Math.min(r.qty, o.qty - r.leaves - o.filledQty);
        if (!(add > 1e-9)) {
          this.journal.append(ts, "duplicate-fill", {
            clientOrderId: o.clientOrderId,
            qty: r.qty,
            leaves: r.leaves,
          });
          return;
        }
        if (o.status === "PENDING_NEW")
          this.transition(o.id, "ACKNOWLEDGED", { ts, initiator: "venue", venueOrderId: "unknown" });
        this.applyFill(o.id, add, r.price, r.slippage, r.taker, r.leaves, ts, "stream");
        this.crashHook?.("after-fill");
        return;
      }
      default:
        applyCancelReplaceReport(o, r, this.cancelReplace);
    }
  }

  private applyFill(
    id: string,
    qty: number,
    price: number,
    slippagePerUnit: number,
    taker: boolean,
    leaves: number,
    ts: number,
    source: "stream" | "reconcile",
  ): void {
    const o = this.orders.get(id)!;
    const fill = orderFill(o, qty, price, slippagePerUnit, taker, ts, this.portfolio);
    const done = leaves <= 1e-12;
    const to: OrderStatus = done ? "FILLED" : "PARTIAL_FILL";
    if (!this.replaying)
      this.journal.append(ts, "fill", {
        orderId: o.id,
        clientOrderId: o.clientOrderId,
        symbol: o.symbol,
        side: o.side,
        qty,
        price,
        commission: fill.commission,
        slippage: fill.slippage,
        taker,
        leaves: done ? 0 : leaves,
        to,
        source,
      });
    this.fills.push(fill);
    this.portfolio.applyFill(fill);
    this.riskPositionsDirty = true;
    this.transition(id, to, { ts, initiator: "venue", fill }, false);
    if (this.replaying) return;
    this.emit({ type: "fill", fill, source });
    try {
      this.strategy.onFill?.(fill, this.ctx);
    } catch (err) {
      this.fail(err, "strategy onFill", true);
    }
    this.evaluateRisk(ts);
    if (done) this.brackets.entryFilled(this.orders.get(id)!);
  }

  private onKill(rec: KillRecord): void {
    if (this.replaying) return;
    this.journal.append(this.clock.now(), "kill-switch", rec, true);
    this.emit({ type: "kill", record: rec });
    for (const o of this.orders.openOrders())
      if (o.status === "ACKNOWLEDGED" || o.status === "PARTIAL_FILL") this.cancelOrder(o.id, "system");
  }

  private fail(error: unknown, where: string, critical: boolean): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.journal.append(this.clock.now(), "error", { where, message, critical });
    this.emit({ type: "error", error, where, critical });
  }

  private emit(e: LiveNodeEvent): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i]!(e);
  }

  // --- reconciliation ---

  private applyAction(a: ReconcileAction, ts: number): void {
    this.journal.append(ts, "reconcile", a);
    switch (a.kind) {
      case "ack": {
        const o = this.orders.byClientOrderId(a.clientOrderId)!;
        if (o.status === "PENDING_NEW")
          this.transition(o.id, "ACKNOWLEDGED", {
            ts,
            initiator: "system",
            venueOrderId: a.venueOrderId,
            reason: "reconcile: adopted",
          });
        return;
      }
      case "fill": {
        const o = this.orders.byClientOrderId(a.clientOrderId)!;
        this.applyFill(o.id, a.qty, a.price, 0, true, a.leaves, ts, "reconcile");
        return;
      }
      case "close": {
        const o = this.orders.byClientOrderId(a.clientOrderId)!;
        if (!isTerminal(o.status)) this.transition(o.id, a.to, { ts, initiator: "system", reason: a.reason });
        return;
      }
      case "adopt": {
        const b = a.order;
        const req = parseOrderRequest(
          {
            symbol: b.symbol,
            side: b.side,
            qty: b.qty,
            type: b.type,
            ...(b.limitPrice !== undefined ? { limitPrice: b.limitPrice } : {}),
            ...(b.stopPrice !== undefined ? { stopPrice: b.stopPrice } : {}),
            clientOrderId: b.clientOrderId,
          },
          this.strategyId,
        );
        const o = this.orders.create(req, ts);
        this.journal.append(
          ts,
          "adopt",
          { orderId: o.id, clientOrderId: b.clientOrderId, request: req },
          true,
        );
        const seq = Number(b.clientOrderId.slice(this.prefix.length));
        if (Number.isInteger(seq) && seq > this.intentSeq) this.intentSeq = seq;
        this.transition(o.id, "PENDING_NEW", { ts, initiator: "system", reason: "reconcile: adopted" });
        this.transition(o.id, "ACKNOWLEDGED", { ts, initiator: "system", venueOrderId: b.venueOrderId });
        if (b.filledQty > 0)
          this.applyFill(
            o.id,
            b.filledQty,
            b.avgFillPrice,
            0,
            true,
            Math.max(0, b.qty - b.filledQty),
            ts,
            "reconcile",
          );
        return;
      }
      case "foreign":
        return;
      case "position":
        this.bookAdjustment(a.symbol, a.brokerQty - a.localQty, a.price, ts);
        return;
    }
  }

  /** Books a position adjustment (broker position wins) as a synthetic fill of strategy `"reconcile"`. */
  private bookAdjustment(symbol: string, dq: number, price: number, ts: number): void {
    const fill: Fill = {
      orderId: "reconcile",
      clientOrderId: "reconcile",
      strategyId: "reconcile",
      symbol,
      side: dq > 0 ? "buy" : "sell",
      qty: Math.abs(dq),
      price,
      commission: 0,
      slippage: 0,
      ts,
      liquidityTaker: false,
    };
    this.portfolio.applyFill(fill);
    this.riskPositionsDirty = true;
    if (!this.replaying) {
      this.journal.append(ts, "position-adjust", { symbol, qty: dq, price });
      this.emit({ type: "fill", fill, source: "reconcile" });
    }
  }

  // --- journal replay ---

  /** Rebuilds orders, fills, positions and the kill switch from journal records (no strategy calls, no sends). */
  private replay(records: readonly LogRecord[]): void {
    this.replaying = true;
    try {
      for (const rec of records) {
        const p = rec.payload as Record<string, unknown>;
        switch (rec.type) {
          case "intent":
          case "adopt":
          case "risk-reject": {
            const req = parseOrderRequest(p.request as OrderRequestInput, this.strategyId);
            const o = this.orders.create(req, rec.ts, p.parentId as string | undefined);
            if (o.id !== p.orderId)
              throw new QuantkitError(`journal replay: order id ${o.id} != journaled ${String(p.orderId)}`);
            const seq = Number(String(p.clientOrderId).slice(this.prefix.length));
            if (Number.isInteger(seq) && seq > this.intentSeq) this.intentSeq = seq;
            if (rec.type === "intent")
              this.orders.transition(o.id, "PENDING_NEW", { ts: rec.ts, initiator: "strategy" });
            else if (rec.type === "risk-reject")
              this.orders.transition(o.id, "REJECTED", {
                ts: rec.ts,
                initiator: "risk",
                reason: String(p.reason),
              });
            break;
          }
          case "order": {
            const o = this.orders.byClientOrderId(String(p.clientOrderId));
            if (o === undefined || o.status === p.to) break;
            this.orders.tryTransition(o.id, p.to as OrderStatus, {
              ts: rec.ts,
              initiator: p.initiator as TransitionInfo["initiator"],
              ...(p.reason !== undefined ? { reason: String(p.reason) } : {}),
              ...(p.venueOrderId !== undefined ? { venueOrderId: String(p.venueOrderId) } : {}),
              ...(p.changes !== undefined ? { changes: p.changes as ReplaceChanges } : {}),
            });
            break;
          }
          case "fill": {
            const o = this.orders.byClientOrderId(String(p.clientOrderId));
            if (o === undefined) break;
            this.applyFill(
              o.id,
              p.qty as number,
              p.price as number,
              0,
              p.taker as boolean,
              p.leaves as number,
              rec.ts,
              p.source as "stream" | "reconcile",
            );
            break;
          }
          case "position-adjust":
            this.bookAdjustment(String(p.symbol), p.qty as number, p.price as number, rec.ts);
            break;
          case "kill-switch":
            this.risk?.killSwitch.trip(p.reason as KillRecord["reason"], p.time as number, String(p.detail));
            break;
        }
      }
    } finally {
      this.replaying = false;
    }
  }

  // --- strategy context ---

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
        const id = self.orders.nextOrderId;
        self.brackets.register(id, b);
        return self.submitRequest(parseOrderRequest(b.entry, self.strategyId));
      },
      cancel: (id: string) => self.cancelOrder(id, "strategy"),
      replace: (id: string, changes: ReplaceChanges) => self.replaceOrder(id, changes),
      openOrders: (symbol?: string) => self.orders.openOrders(symbol),
      setTimer: (name: string, ts: number) => {
        const now = self.clock.now();
        if (!(ts >= now)) throw new QuantkitError(`timer "${name}" at ${ts} is in the past (now ${now})`);
        const t = setTimeout(() => {
          self.timers.delete(t);
          if (self.stopped) return;
          self.journal.append(self.clock.now(), "timer", { name });
          try {
            self.strategy.onTimer?.(name, ts, self.ctx);
          } catch (err) {
            self.fail(err, `strategy onTimer ${name}`, true);
          }
        }, ts - now);
        self.timers.add(t);
      },
      signal: (name: string, value: number) => {
        self.journal.append(self.clock.now(), "signal", { name, value });
      },
      indicators,
      history: (symbol: string): Bars => {
        const b = self.buffers.get(symbol);
        if (b === undefined) throw new QuantkitError(`no bar feed for symbol "${symbol}"`);
        return b.view();
      },
    };
  }
}

/** Words an account rejection (the live journal's wording: exposure added and buying power left). */
function accountRejectionReason(r: AccountRejection): string {
  return r.kind === "short-not-allowed"
    ? `short selling not allowed: ${r.symbol} position would be ${r.position}`
    : `insufficient buying power: order adds ${r.added.toFixed(2)}, available ${r.available.toFixed(2)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
