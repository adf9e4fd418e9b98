import { type Bars, barCloseTime, QuantkitError } from "@quantkit/core";
import type { Fill, Order, OrderRequest, OrderStatus } from "../orders/order.js";
import { OrderManager } from "../orders/order-manager.js";
import { Portfolio, type PortfolioOptions, type PositionSnapshot } from "../portfolio/portfolio.js";
import type { LogRecord } from "./event-log.js";

/** State rebuilt from an event log plus the (fingerprinted) market data. */
export interface ReplayResult {
  readonly orders: Order[];
  readonly positions: PositionSnapshot[];
  readonly cash: number;
  readonly equityTs: Float64Array;
  readonly equity: Float64Array;
}

interface OrderPayload {
  id: string;
  from: OrderStatus | null;
  to: OrderStatus;
  initiator?: "strategy" | "risk" | "system" | "venue";
  reason?: string;
  venueOrderId?: string;
  changes?: Partial<Pick<OrderRequest, "qty" | "limitPrice" | "stopPrice">>;
  request?: OrderRequest;
  parentId?: string;
  fillSeq?: number;
}

/**
 * Rebuilds orders, positions, cash and the equity curve from an event log: order and fill records are re-applied
 * to a fresh OrderManager and Portfolio, and prices are re-read from the same bars the run used (the log pins
 * them by fingerprint instead of copying them). A property test shows the result equals the live run's state.
 *
 * @param records - the log's records (e.g. from `readEventLog(path).records`).
 * @param bars - the run's bar feeds, in the same order.
 * @param portfolio - the run's portfolio options (initial cash, commission schedule, …).
 * @example
 * const state = replayLog(readEventLog("out/events.jsonl").records, [orcl], { initialCash: 100_000 });
 * state.equity // → identical to the run's equity column
 */
export function replayLog(
  records: readonly LogRecord[],
  bars: readonly Bars[],
  portfolio: PortfolioOptions = {},
): ReplayResult {
  const pf = new Portfolio(portfolio);
  for (const b of bars) pf.position(b.symbol);
  const om = new OrderManager();
  const fills = new Map<number, Fill>();
  // bar deliveries in time order
  const times: { t: number; f: number; i: number }[] = [];
  bars.forEach((b, f) => {
    const dur = barCloseTime(0, b.timeframe);
    for (let i = 0; i < b.length; i++) times.push({ t: b.ts[i]! + dur, f, i });
  });
  times.sort((a, b) => a.t - b.t || a.f - b.f);
  const eqTs = new Float64Array(times.length);
  const eq = new Float64Array(times.length);
  let n = 0;
  let r = 0;
  const applyUpTo = (t: number) => {
    while (r < records.length && records[r]!.ts <= t) apply(records[r++]!);
  };
  const apply = (rec: LogRecord) => {
    if (rec.type === "fill") {
      const f = rec.payload as Fill;
      fills.set(rec.seq, f);
      pf.applyFill(f);
    } else if (rec.type === "order") {
      const p = rec.payload as OrderPayload;
      if (p.to === "NEW") {
        const o = om.create(p.request!, rec.ts, p.parentId);
        if (o.id !== p.id)
          throw new QuantkitError(`replay: order id ${o.id} ≠ logged ${p.id} at seq ${rec.seq}`);
      } else {
        om.transition(p.id, p.to, {
          ts: rec.ts,
          initiator: p.initiator ?? "system",
          reason: p.reason,
          venueOrderId: p.venueOrderId,
          changes: p.changes,
          fill: p.fillSeq !== undefined ? fills.get(p.fillSeq) : undefined,
        });
      }
    }
  };
  for (let k = 0; k < times.length; ) {
    const t = times[k]!.t;
    applyUpTo(t);
    while (k < times.length && times[k]!.t === t) {
      const { f, i } = times[k]!;
      pf.mark(bars[f]!.symbol, bars[f]!.close[i]!);
      k++;
    }
    eqTs[n] = t;
    eq[n++] = pf.equity;
  }
  applyUpTo(Number.POSITIVE_INFINITY);
  return {
    orders: om.all(),
    positions: pf.positions(),
    cash: pf.cash,
    equityTs: eqTs.subarray(0, n),
    equity: eq.subarray(0, n),
  };
}
