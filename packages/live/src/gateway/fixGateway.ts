import type {
  ExecutionReport,
  Gateway,
  MarketDataKind,
  Order,
  PositionSnapshot,
  ReplaceChanges,
} from "@quantkit/backtest";
import { type Clock, QuantkitError } from "@quantkit/core";
import type { FixMessage } from "../fix/fixMessage.js";
import { type FixSession, fixTimestamp } from "../fix/session/fixSession.js";

const SIDE: Record<Order["side"], string> = { buy: "1", sell: "2" };
const ORD_TYPE: Partial<Record<Order["type"], string>> = {
  market: "1",
  limit: "2",
  stop: "3",
  "stop-limit": "4",
};
const TIF: Partial<Record<Order["tif"], string>> = { DAY: "0", GTC: "1", IOC: "3", FOK: "4" };

interface Tracked {
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Order["side"];
  open: boolean;
}

interface Position {
  qty: number;
  avgPrice: number;
  lastPrice: number;
  realized: number;
}

/**
 * A sketch of the backtest {@link Gateway} over a FIX 4.2 {@link FixSession}: orders become NewOrderSingle (35=D),
 * OrderCancelRequest (F) and OrderCancelReplaceRequest (G); ExecutionReports (8) and OrderCancelRejects (9) become the
 * kernel's execution reports. Positions are kept from fills (average-cost, realized P&L on reductions). Market data is
 * not carried over this session: `subscribe` throws.
 *
 * @example
 * const gw = new FixGateway(conn.session, new WallClock());
 * gw.connect((r) => console.log(r.kind)); // "ack", then "fill" for a market order
 * @see https://www.onixs.biz/fix-dictionary/4.2/msgType_8_8.html (ExecutionReport)
 */
export class FixGateway implements Gateway {
  readonly name = "fix";
  private readonly session: FixSession;
  private readonly clock: Clock;
  private onReport: ((r: ExecutionReport) => void) | undefined;
  private readonly byClOrdId = new Map<string, Tracked>();
  private readonly positionsBySymbol = new Map<string, Position>();
  private cancelCount = 0;

  /**
   * @param session - an active FIX initiator session.
   * @param clock - time source for report timestamps and TransactTime.
   */
  constructor(session: FixSession, clock: Clock) {
    this.session = session;
    this.clock = clock;
    session.on((e) => {
      if (e.type === "app" && !e.possDup) this.onMessage(e.message);
    });
  }

  connect(onReport: (report: ExecutionReport) => void): void {
    this.onReport = onReport;
  }

  subscribe(symbol: string, kind: MarketDataKind): void {
    throw new QuantkitError(`FixGateway: no ${kind} market data for ${symbol} over this FIX order session`);
  }

  submit(order: Order): void {
    const ordType = ORD_TYPE[order.type];
    const tif = TIF[order.tif];
    if (ordType === undefined || tif === undefined) {
      this.emit({
        kind: "reject",
        orderId: order.id,
        reason: `FixGateway: ${order.type}/${order.tif} orders are not mapped to FIX 4.2`,
        ts: this.clock.now(),
      });
      return;
    }
    const fields: [number, string][] = [
      [11, order.clientOrderId],
      [21, "1"],
      [55, order.symbol],
      [54, SIDE[order.side]],
      [60, fixTimestamp(this.clock.now())],
      [38, `${order.qty}`],
      [40, ordType],
      [59, tif],
    ];
    if (order.limitPrice !== undefined) fields.push([44, `${order.limitPrice}`]);
    if (order.stopPrice !== undefined) fields.push([99, `${order.stopPrice}`]);
    this.byClOrdId.set(order.clientOrderId, {
      orderId: order.id,
      symbol: order.symbol,
      side: order.side,
      open: true,
    });
    this.session.sendApp("D", fields);
  }

  cancel(order: Order): void {
    const id = `${order.clientOrderId}-C${++this.cancelCount}`;
    this.byClOrdId.set(id, { orderId: order.id, symbol: order.symbol, side: order.side, open: false });
    this.session.sendApp("F", [
      [41, order.clientOrderId],
      [11, id],
      [55, order.symbol],
      [54, SIDE[order.side]],
      [60, fixTimestamp(this.clock.now())],
      [38, `${order.qty}`],
    ]);
  }

  replace(order: Order, changes: ReplaceChanges): void {
    const id = `${order.clientOrderId}-R${++this.cancelCount}`;
    this.byClOrdId.set(id, { orderId: order.id, symbol: order.symbol, side: order.side, open: false });
    const fields: [number, string][] = [
      [41, order.clientOrderId],
      [11, id],
      [21, "1"],
      [55, order.symbol],
      [54, SIDE[order.side]],
      [60, fixTimestamp(this.clock.now())],
      [38, `${changes.qty ?? order.qty}`],
      [40, ORD_TYPE[order.type] ?? "2"],
    ];
    const lp = changes.limitPrice ?? order.limitPrice;
    if (lp !== undefined) fields.push([44, `${lp}`]);
    this.session.sendApp("G", fields);
  }

  positions(): PositionSnapshot[] {
    return [...this.positionsBySymbol].map(([symbol, p]) => ({
      symbol,
      qty: p.qty,
      avgPrice: p.avgPrice,
      lastPrice: p.lastPrice,
      realized: p.realized,
      unrealized: p.qty * (p.lastPrice - p.avgPrice),
      commissions: 0,
    }));
  }

  openOrderIds(): string[] {
    return [...this.byClOrdId.values()].filter((t) => t.open).map((t) => t.orderId);
  }

  private emit(r: ExecutionReport): void {
    this.onReport?.(r);
  }

  private onMessage(m: FixMessage): void {
    const ts = this.clock.now();
    const clOrdId = m.get(11) ?? "";
    const t = this.byClOrdId.get(clOrdId);
    if (!t) return;
    const orig = m.get(41);
    const target = orig !== undefined ? (this.byClOrdId.get(orig) ?? t) : t;
    if (m.msgType === "9") {
      this.emit({
        kind: m.get(434) === "2" ? "replace-reject" : "cancel-reject",
        orderId: t.orderId,
        reason: m.get(58) ?? `CxlRejReason ${m.get(102) ?? "?"}`,
        ts,
      });
      return;
    }
    if (m.msgType !== "8") return;
    const execType = m.get(150);
    switch (execType) {
      case "0":
        this.emit({ kind: "ack", orderId: t.orderId, venueOrderId: m.get(37) ?? "", ts });
        return;
      case "1":
      case "2": {
        const qty = Number(m.get(32));
        const price = Number(m.get(31));
        const leaves = Number(m.get(151));
        this.applyFill(t.symbol, t.side === "buy" ? qty : -qty, price);
        if (leaves === 0) target.open = false;
        this.emit({ kind: "fill", orderId: t.orderId, qty, price, slippage: 0, taker: true, leaves, ts });
        return;
      }
      case "4":
        target.open = false;
        this.emit({ kind: "canceled", orderId: t.orderId, reason: m.get(58) ?? "canceled by request", ts });
        return;
      case "5":
        // After a replace the venue reports the order under the new ClOrdID: that entry is now the working one.
        if (target !== t) target.open = false;
        t.open = true;
        this.emit({ kind: "replaced", orderId: t.orderId, changes: { qty: Number(m.get(38)) }, ts });
        return;
      case "8":
        target.open = false;
        this.emit({
          kind: "reject",
          orderId: t.orderId,
          reason: m.get(58) ?? `OrdRejReason ${m.get(103) ?? "?"}`,
          ts,
        });
        return;
      case "C":
        target.open = false;
        this.emit({ kind: "expired", orderId: t.orderId, reason: m.get(58) ?? "expired", ts });
        return;
      default:
    }
  }

  private applyFill(symbol: string, signedQty: number, price: number): void {
    const p = this.positionsBySymbol.get(symbol) ?? { qty: 0, avgPrice: 0, lastPrice: price, realized: 0 };
    p.lastPrice = price;
    if (p.qty === 0 || Math.sign(p.qty) === Math.sign(signedQty)) {
      p.avgPrice =
        (p.avgPrice * Math.abs(p.qty) + price * Math.abs(signedQty)) /
        (Math.abs(p.qty) + Math.abs(signedQty));
      p.qty += signedQty;
    } else {
      const closed = Math.min(Math.abs(signedQty), Math.abs(p.qty));
      p.realized += closed * (price - p.avgPrice) * Math.sign(p.qty);
      p.qty += signedQty;
      if (p.qty !== 0 && Math.sign(p.qty) === Math.sign(signedQty)) p.avgPrice = price;
      if (p.qty === 0) p.avgPrice = 0;
    }
    this.positionsBySymbol.set(symbol, p);
  }
}
