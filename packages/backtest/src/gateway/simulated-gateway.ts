import type { QueueModel } from "../book/l2QueuePosition.js";
import { BookExecution, type BookFill } from "../emulator/book-execution.js";
import { ExecutionEmulator } from "../emulator/emulator.js";
import type { FillModel, FillModelOptions } from "../emulator/fill-model.js";
import { L2Execution } from "../emulator/l2-execution.js";
import type { LatencyModel } from "../emulator/latency.js";
import type { Order } from "../orders/order.js";
import type { Portfolio, PositionSnapshot } from "../portfolio/portfolio.js";
import type { ExecutionReport, Gateway, MarketDataKind, ReplaceChanges } from "./gateway.js";

/** A venue-side action scheduled at its arrival time (after the acknowledgement latency). */
export type VenueAction =
  | { readonly kind: "arrive"; readonly order: Order }
  | { readonly kind: "cancel"; readonly orderId: string }
  | { readonly kind: "replace"; readonly order: Order; readonly changes: ReplaceChanges }
  | { readonly kind: "report"; readonly report: ExecutionReport };

/** What the gateway needs of an order-book execution model (L3 {@link BookExecution} or L2 {@link L2Execution}). */
interface BookVenue {
  market(orderId: string, side: "buy" | "sell", qty: number): number;
  limit(orderId: string, side: "buy" | "sell", price: number, qty: number): number;
  cancelOwn(orderId: string): boolean;
  queueAhead(orderId: string): number;
}

/** How the simulated gateway reaches the kernel: its clock, its event queue and prices. */
export interface SimulationHost {
  now(): number;
  /** Queues a venue action at `ts` (the kernel hands it back to {@link SimulatedGateway.onVenueAction}). */
  schedule(ts: number, action: VenueAction): void;
  /** Last traded/close price of a symbol (NaN if unknown). */
  lastPrice(symbol: string): number;
}

/**
 * The simulated venue: applies the latency model, admits orders (sessions, price bands), rests them in the
 * {@link ExecutionEmulator} and reports acks, fills, cancels and expiries like a real venue would.
 *
 * @example
 * const gw = new SimulatedGateway({ intrabar: "pessimistic" }, latency, host, portfolio);
 * gw.connect((report) => kernel.apply(report));
 */
export class SimulatedGateway implements Gateway {
  readonly name = "sim";
  readonly emulator: ExecutionEmulator;
  private onReport: (r: ExecutionReport) => void = () => {};
  private readonly subs = new Set<string>();
  private venueSeq = 1;
  private lastReportAt = Number.NEGATIVE_INFINITY;
  private readonly books = new Map<string, BookVenue>();
  /** Open quantity of orders resting on a book (for `leaves`). */
  private readonly bookLeaves = new Map<string, number>();

  constructor(
    fillModel: FillModelOptions | FillModel,
    private readonly latency: LatencyModel,
    private readonly host: SimulationHost,
    private readonly portfolio: Portfolio,
  ) {
    this.emulator = new ExecutionEmulator(fillModel, {
      fill: (orderId, qty, price, slippage, taker, ts, leaves) =>
        this.emit({ kind: "fill", orderId, qty, price, slippage, taker, leaves, ts }, ts),
      cancel: (orderId, reason, ts) => this.emit({ kind: "canceled", orderId, reason, ts }, ts),
      expire: (orderId, reason, ts) => this.emit({ kind: "expired", orderId, reason, ts }, ts),
    });
  }

  /**
   * Makes `symbol` trade on an order-level book instead of bars/ticks: the kernel replays L3 events into the
   * returned {@link BookExecution}; our market orders walk it and our limits queue in it (price-time priority).
   */
  attachBook(symbol: string): BookExecution {
    const ex = new BookExecution((f) => this.onBookFill(f));
    this.books.set(symbol, ex);
    return ex;
  }

  /**
   * Makes `symbol` trade on aggregated (L2) levels: the kernel replays level updates and prints into the returned
   * {@link L2Execution}; our limits get an estimated queue position under `model`.
   */
  attachL2(symbol: string, model: QueueModel = "proportional"): L2Execution {
    const ex = new L2Execution((f) => this.onBookFill(f), model);
    this.books.set(symbol, ex);
    return ex;
  }

  private onBookFill(f: BookFill): void {
    const left = (this.bookLeaves.get(f.orderId) ?? 0) - f.qty;
    const leaves = left <= 1e-12 ? 0 : left;
    if (leaves === 0) this.bookLeaves.delete(f.orderId);
    else this.bookLeaves.set(f.orderId, leaves);
    const ts = this.host.now();
    this.emit(
      {
        kind: "fill",
        orderId: f.orderId,
        qty: f.qty,
        price: f.price,
        slippage: 0,
        taker: f.taker,
        leaves,
        ts,
      },
      ts,
    );
  }

  connect(onReport: (report: ExecutionReport) => void): void {
    this.onReport = onReport;
  }

  subscribe(symbol: string, kind: MarketDataKind): void {
    this.subs.add(`${kind}:${symbol}`);
  }

  /** True if `symbol`/`kind` was subscribed (the simulation delivers every loaded feed regardless). */
  isSubscribed(symbol: string, kind: MarketDataKind): boolean {
    return this.subs.has(`${kind}:${symbol}`);
  }

  submit(order: Order): void {
    this.host.schedule(this.host.now() + this.latency.ack(), { kind: "arrive", order });
  }

  cancel(order: Order): void {
    this.host.schedule(this.host.now() + this.latency.ack(), { kind: "cancel", orderId: order.id });
  }

  replace(order: Order, changes: ReplaceChanges): void {
    this.host.schedule(this.host.now() + this.latency.ack(), { kind: "replace", order, changes });
  }

  positions(): PositionSnapshot[] {
    return this.portfolio.positions();
  }

  openOrderIds(): string[] {
    const ids: string[] = [];
    for (const p of this.portfolio.positions(true))
      for (const w of this.emulator.working(p.symbol)) ids.push(w.id);
    return ids;
  }

  /**
   * Simulates a venue-initiated event (trading halt, risk limit at the broker): every working order of `symbol` is
   * canceled by the venue with `reason` — an unsolicited cancel for the kernel.
   *
   * @example
   * gateway.haltSymbol("AAPL", "LULD halt"); // working AAPL orders → CANCELED ("unsolicited: LULD halt")
   */
  haltSymbol(symbol: string, reason: string): void {
    const ts = this.host.now();
    for (const w of [...this.emulator.working(symbol)]) {
      this.emulator.remove(w.id);
      this.emit({ kind: "canceled", orderId: w.id, reason, ts }, ts);
    }
  }

  /** Handles a scheduled venue action at its arrival time. */
  onVenueAction(a: VenueAction): void {
    const ts = this.host.now();
    switch (a.kind) {
      case "arrive": {
        const ex = this.books.get(a.order.symbol);
        if (ex !== undefined) {
          this.arriveOnBook(ex, a.order, ts);
          return;
        }
        const last = this.host.lastPrice(a.order.symbol);
        const why = this.emulator.admit(a.order, ts, last);
        if (why !== undefined) {
          this.onReport({ kind: "reject", orderId: a.order.id, reason: why, ts });
          return;
        }
        this.emulator.accept(a.order, ts, last);
        this.onReport({ kind: "ack", orderId: a.order.id, venueOrderId: `SIM-${this.venueSeq++}`, ts });
        return;
      }
      case "cancel":
        if (this.bookLeaves.has(a.orderId)) {
          const sym = [...this.books.entries()].find(([, ex]) => !Number.isNaN(ex.queueAhead(a.orderId)));
          if (sym?.[1].cancelOwn(a.orderId)) {
            this.bookLeaves.delete(a.orderId);
            this.emit({ kind: "canceled", orderId: a.orderId, reason: "canceled on request", ts }, ts);
            return;
          }
        }
        if (this.emulator.remove(a.orderId))
          this.onReport({ kind: "canceled", orderId: a.orderId, reason: "canceled on request", ts });
        else this.onReport({ kind: "cancel-reject", orderId: a.orderId, reason: "too late to cancel", ts });
        return;
      case "replace":
        if (this.emulator.replace(a.order.id, a.order.filledQty, a.changes))
          this.onReport({ kind: "replaced", orderId: a.order.id, changes: a.changes, ts });
        else
          this.onReport({
            kind: "replace-reject",
            orderId: a.order.id,
            reason: "not working or qty ≤ filled",
            ts,
          });
        return;
      case "report":
        this.onReport(a.report);
        return;
    }
  }

  private arriveOnBook(ex: BookVenue, o: Order, ts: number): void {
    if (o.type !== "market" && o.type !== "limit") {
      this.emit(
        { kind: "reject", orderId: o.id, reason: `order type ${o.type} is not supported on book data`, ts },
        ts,
      );
      return;
    }
    this.emit({ kind: "ack", orderId: o.id, venueOrderId: `SIM-${this.venueSeq++}`, ts }, ts);
    const qty = o.qty - o.filledQty;
    this.bookLeaves.set(o.id, qty);
    const filled =
      o.type === "market" ? ex.market(o.id, o.side, qty) : ex.limit(o.id, o.side, o.limitPrice!, qty);
    const rest = qty - filled;
    const immediate = o.type === "market" || o.tif === "IOC" || o.tif === "FOK";
    if (rest > 1e-12 && immediate) {
      if (o.type === "limit") ex.cancelOwn(o.id);
      this.bookLeaves.delete(o.id);
      this.emit({ kind: "canceled", orderId: o.id, reason: `book exhausted: ${rest} not filled`, ts }, ts);
    }
  }

  /**
   * Sends a report back over the venue's single ordered report stream: with report latency, each report arrives at
   * `max(ts + latency, previous report's arrival)`, so reports never overtake each other (like one FIX session).
   */
  private emit(r: ExecutionReport, ts: number): void {
    if (this.latency.zeroFillLatency) this.onReport(r);
    else {
      const at = Math.max(ts + this.latency.fill(), this.lastReportAt);
      this.lastReportAt = at;
      this.host.schedule(at, { kind: "report", report: { ...r, ts: at } });
    }
  }
}
