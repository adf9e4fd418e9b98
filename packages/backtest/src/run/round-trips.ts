import type { Fill } from "../orders/order.js";

/** A round-trip trade: from flat to flat (a flip closes one trade and opens the next). */
export interface RoundTrip {
  readonly symbol: string;
  readonly strategyId: string;
  /** +1 long, −1 short. */
  readonly direction: 1 | -1;
  readonly entryTs: number;
  readonly exitTs: number;
  /** Largest absolute position held during the trade. */
  readonly maxQty: number;
  /** Volume-weighted entry and exit prices. */
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Realized P&L net of commissions. */
  readonly pnl: number;
  readonly commission: number;
}

interface Open {
  dir: 1 | -1;
  qty: number;
  entryTs: number;
  maxQty: number;
  inQty: number;
  inNotional: number;
  outQty: number;
  outNotional: number;
  pnl: number;
  commission: number;
  avg: number;
}

/**
 * Groups fills into round-trip trades per (symbol, strategy), in fill order. Open trades at the end are not
 * included (see `openTrades` in the result summary).
 *
 * @example
 * roundTrips([buy 10 @ 100, sell 10 @ 110]) // → [{ direction: 1, entryPrice: 100, exitPrice: 110, pnl: 100, ... }]
 */
export function roundTrips(fills: readonly Fill[]): { closed: RoundTrip[]; open: number } {
  const open = new Map<string, Open>();
  const closed: RoundTrip[] = [];
  for (const f of fills) {
    const key = `${f.symbol}\u0000${f.strategyId}`;
    let dq = f.side === "buy" ? f.qty : -f.qty;
    let commission = f.commission;
    while (dq !== 0) {
      let t = open.get(key);
      if (t === undefined) {
        const dir = dq > 0 ? 1 : -1;
        t = {
          dir,
          qty: 0,
          entryTs: f.ts,
          maxQty: 0,
          inQty: 0,
          inNotional: 0,
          outQty: 0,
          outNotional: 0,
          pnl: 0,
          commission: 0,
          avg: 0,
        };
        open.set(key, t);
      }
      if (Math.sign(dq) === t.dir) {
        t.avg = (t.avg * t.qty + f.price * Math.abs(dq)) / (t.qty + Math.abs(dq));
        t.qty += Math.abs(dq);
        t.maxQty = Math.max(t.maxQty, t.qty);
        t.inQty += Math.abs(dq);
        t.inNotional += Math.abs(dq) * f.price;
        t.commission += commission;
        t.pnl -= commission;
        dq = 0;
      } else {
        const q = Math.min(Math.abs(dq), t.qty);
        const share = q / Math.abs(dq);
        const c = commission * share;
        commission -= c;
        t.qty -= q;
        t.outQty += q;
        t.outNotional += q * f.price;
        t.pnl += q * (f.price - t.avg) * t.dir - c;
        t.commission += c;
        dq += t.dir * q;
        if (t.qty <= 1e-12) {
          closed.push({
            symbol: f.symbol,
            strategyId: f.strategyId,
            direction: t.dir,
            entryTs: t.entryTs,
            exitTs: f.ts,
            maxQty: t.maxQty,
            entryPrice: t.inNotional / t.inQty,
            exitPrice: t.outNotional / t.outQty,
            pnl: t.pnl,
            commission: t.commission,
          });
          open.delete(key);
        }
      }
    }
  }
  return { closed, open: open.size };
}
