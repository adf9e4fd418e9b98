import type { Fill, RiskConfig } from "@quantkit/backtest";
import type { HealthReport } from "../ops/health.js";
import type { LiveNode } from "../paper/liveNode.js";

/** What the dashboard shows, as sent over Server-Sent Events (JSON). */
export interface DashboardSnapshot {
  readonly runId: string;
  readonly ts: number;
  readonly equity: number;
  readonly cash: number;
  readonly pnl: number;
  readonly positions: readonly {
    symbol: string;
    qty: number;
    avgPrice: number;
    lastPrice: number;
    unrealized: number;
    realized: number;
  }[];
  readonly openOrders: readonly {
    clientOrderId: string;
    symbol: string;
    side: string;
    type: string;
    qty: number;
    filledQty: number;
    limitPrice: number | null;
    status: string;
  }[];
  readonly fills: readonly {
    clientOrderId: string;
    symbol: string;
    side: string;
    qty: number;
    price: number;
    ts: number;
    source: string;
  }[];
  /** Intraday P&L curve: [ts, equity − initial cash] samples. */
  readonly pnlSeries: readonly (readonly [number, number])[];
  /** Risk-limit usage (value / limit). */
  readonly risk: readonly { name: string; value: number; limit: number; usage: number }[];
  readonly killSwitch: { readonly tripped: boolean; readonly detail: string | null };
  readonly health: HealthReport;
}

/**
 * Collects the dashboard's view of a paper session from a {@link LiveNode}: positions, open orders, the last 100
 * fills, an intraday P&L series (one sample per `sampleMs` of market data, plus one per fill, at most 2,000
 * points: older ones are thinned by half), risk-limit usage and health.
 *
 * @example
 * const state = new DashboardState(node, riskConfig, () => ops.health.report());
 * state.snapshot().positions // → [{ symbol: "ORCL", qty: 10, … }]
 */
export class DashboardState {
  private readonly fills: DashboardSnapshot["fills"][number][] = [];
  private series: [number, number][] = [];
  private lastSample = Number.NEGATIVE_INFINITY;

  /** @param sampleMs - minimum spacing of P&L samples from market data (ms, default 1000). */
  constructor(
    private readonly node: LiveNode,
    private readonly risk: RiskConfig | undefined,
    private readonly health: () => HealthReport,
    private readonly sampleMs = 1000,
  ) {}

  /** Records a fill. */
  onFill(fill: Fill, source: string): void {
    this.fills.push({
      clientOrderId: fill.clientOrderId,
      symbol: fill.symbol,
      side: fill.side,
      qty: fill.qty,
      price: fill.price,
      ts: fill.ts,
      source,
    });
    if (this.fills.length > 100) this.fills.shift();
    this.sample(this.node.clock.now(), true);
  }

  /** Samples P&L (at most once per `sampleMs` unless forced). */
  sample(ts: number, force = false): void {
    if (!force && ts - this.lastSample < this.sampleMs) return;
    const eq = this.node.portfolio.equity;
    if (!Number.isFinite(eq)) return;
    this.lastSample = ts;
    this.series.push([ts, eq - this.node.portfolio.initialCash]);
    if (this.series.length > 2000) this.series = this.series.filter((_, i) => i % 2 === 0);
  }

  snapshot(): DashboardSnapshot {
    const n = this.node;
    const pf = n.portfolio;
    const eq = pf.equity;
    const risk: { name: string; value: number; limit: number; usage: number }[] = [];
    const positions = pf.positions().map((p) => ({
      symbol: p.symbol,
      qty: p.qty,
      avgPrice: p.avgPrice,
      lastPrice: p.lastPrice,
      unrealized: p.unrealized,
      realized: p.realized,
    }));
    const mp = this.risk?.maxPosition;
    if (mp !== undefined)
      for (const p of positions) {
        const limit = mp.symbols[p.symbol] ?? mp.default;
        risk.push({
          name: `position ${p.symbol}`,
          value: Math.abs(p.qty),
          limit,
          usage: Math.abs(p.qty) / limit,
        });
      }
    const ks = this.risk?.killSwitch;
    let peak = pf.initialCash;
    for (const [, v] of this.series) peak = Math.max(peak, v + pf.initialCash);
    if (ks?.maxDrawdown !== undefined) {
      const dd = Number.isFinite(eq) ? Math.max(0, 1 - eq / peak) : 0;
      risk.push({ name: "drawdown", value: dd, limit: ks.maxDrawdown, usage: dd / ks.maxDrawdown });
    }
    if (ks?.maxLoss !== undefined) {
      const loss = Number.isFinite(eq) ? Math.max(0, pf.initialCash - eq) : 0;
      risk.push({ name: "loss", value: loss, limit: ks.maxLoss, usage: loss / ks.maxLoss });
    }
    const rec = n.risk?.killSwitch.record ?? null;
    return {
      runId: n.runId,
      ts: n.clock.now(),
      equity: eq,
      cash: pf.cash,
      pnl: eq - pf.initialCash,
      positions,
      openOrders: n.orders.openOrders().map((o) => ({
        clientOrderId: o.clientOrderId,
        symbol: o.symbol,
        side: o.side,
        type: o.type,
        qty: o.qty,
        filledQty: o.filledQty,
        limitPrice: o.limitPrice ?? null,
        status: o.status,
      })),
      fills: [...this.fills].reverse(),
      pnlSeries: this.series,
      risk,
      killSwitch: { tripped: rec !== null, detail: rec === null ? null : `${rec.reason}: ${rec.detail}` },
      health: this.health(),
    };
  }
}
