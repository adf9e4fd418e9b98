import {
  type BacktestMetrics,
  Counter,
  createBacktestMetrics,
  Gauge,
  Histogram,
  MetricsRegistry,
  type Order,
} from "@quantkit/backtest";
import type { Clock } from "@quantkit/core";
import type { LiveNode, LiveNodeEvent } from "../paper/liveNode.js";
import { type Alert, AlertManager, type AlertOptions } from "./alerts.js";
import { HealthMonitor, type HealthOptions } from "./health.js";
import { createPaperLoggers, type PaperLoggers } from "./paperLogger.js";
import { makeRedactor } from "./redact.js";

/** Prometheus metrics of a paper session: the backtest's order/risk metrics plus live gauges. */
export interface PaperMetrics extends BacktestMetrics {
  readonly connected: Gauge;
  readonly equity: Gauge;
  readonly position: Gauge;
  readonly openOrders: Gauge;
  readonly dataAgeSeconds: Gauge;
  readonly marketEvents: Counter;
  readonly fills: Counter;
  readonly reconcileDiscrepancies: Counter;
  readonly alerts: Counter;
  readonly errors: Counter;
  readonly killSwitch: Gauge;
  /** Market event arrival → strategy callback returned (seconds). */
  readonly eventLatency: Histogram;
}

/**
 * Creates the paper-session metrics in a new registry (names `quantkit_*` and `quantkit_paper_*`).
 *
 * @example
 * createPaperMetrics().registry.render().includes("quantkit_paper_connected") // → true
 * @see https://prometheus.io/docs/practices/naming/
 */
export function createPaperMetrics(): PaperMetrics {
  const registry = new MetricsRegistry();
  const base = createBacktestMetrics(registry);
  const r = <F extends Counter | Gauge | Histogram>(f: F) => registry.register(f);
  return {
    ...base,
    connected: r(new Gauge("quantkit_paper_connected", "1 while the broker connection is up.")),
    equity: r(new Gauge("quantkit_paper_equity", "Account equity at the last mark (account currency).")),
    position: r(new Gauge("quantkit_paper_position", "Signed position by symbol.", ["symbol"])),
    openOrders: r(new Gauge("quantkit_paper_open_orders", "Non-terminal orders.")),
    dataAgeSeconds: r(
      new Gauge("quantkit_paper_data_age_seconds", "Seconds since the last market-data event."),
    ),
    marketEvents: r(
      new Counter("quantkit_paper_market_events_total", "Market-data events processed.", ["kind"]),
    ),
    fills: r(new Counter("quantkit_paper_fills_total", "Fills applied, by source.", ["source"])),
    reconcileDiscrepancies: r(
      new Counter("quantkit_paper_reconcile_discrepancies_total", "Reconciliation discrepancies by rule.", [
        "rule",
      ]),
    ),
    alerts: r(new Counter("quantkit_paper_alerts_total", "Alerts raised by kind.", ["kind"])),
    errors: r(new Counter("quantkit_paper_errors_total", "Errors by criticality.", ["critical"])),
    killSwitch: r(new Gauge("quantkit_paper_kill_switch_tripped", "1 once the kill switch has tripped.")),
    eventLatency: r(
      new Histogram(
        "quantkit_paper_event_latency_seconds",
        "Market event arrival to strategy callback return.",
        [],
        [1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 5e-2, 0.1],
      ),
    ),
  };
}

/** Options of {@link PaperOps}. */
export interface PaperOpsOptions {
  /** Directory of the log files. */
  readonly stateDir: string;
  /** Secret values to scrub from every log line. */
  readonly secrets: readonly string[];
  readonly clock: Clock;
  readonly alerts?: AlertOptions;
  readonly health?: HealthOptions;
  /** Period of the no-data / data-age check (ms, default 5000). */
  readonly tickMs?: number;
}

/**
 * Observability of a paper session: subscribes to a {@link LiveNode}'s events and feeds the pino logs (order, trade
 * and error streams), the Prometheus metrics, the `/health` monitor and the webhook alerts.
 *
 * @example
 * const ops = new PaperOps({ stateDir, secrets: secretsFromEnv(), clock, alerts: { webhookUrl } });
 * ops.attach(node); // logs, metrics, health and alerts follow the node from now on
 */
export class PaperOps {
  readonly logs: PaperLoggers;
  readonly metrics: PaperMetrics;
  readonly health: HealthMonitor;
  readonly alerts: AlertManager;
  private readonly clock: Clock;
  private readonly redact: ReturnType<typeof makeRedactor>;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly lastStatus = new Map<string, Order["status"]>();

  constructor(options: PaperOpsOptions) {
    this.clock = options.clock;
    this.redact = makeRedactor(options.secrets);
    this.logs = createPaperLoggers(options.stateDir, options.secrets);
    this.metrics = createPaperMetrics();
    this.health = new HealthMonitor(options.clock, options.health);
    this.alerts = new AlertManager(
      options.clock,
      options.alerts,
      (a: Alert) => {
        this.metrics.alerts.inc(1, a.kind);
        this.logs.main.warn({ alert: a }, `alert ${a.kind}: ${a.message}`);
      },
      (e) => this.logs.error.error({ err: this.redact.deep(e) }, "alert webhook delivery failed"),
    );
    const tickMs = options.tickMs ?? 5000;
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  /** Subscribes to the node's events; returns the unsubscribe function. */
  attach(node: LiveNode): () => void {
    return node.on((e) => this.onEvent(node, e));
  }

  /** Periodic checks: no-data alert and the data-age gauge. */
  tick(): void {
    this.alerts.tick();
    const last = this.health.lastDataTs;
    if (!Number.isNaN(last)) this.metrics.dataAgeSeconds.set((this.clock.now() - last) / 1000);
  }

  /** Stops the periodic check and closes the log files. */
  close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.logs.close();
  }

  private onEvent(node: LiveNode, e: LiveNodeEvent): void {
    const m = this.metrics;
    switch (e.type) {
      case "data": {
        this.health.markData(e.receivedAt);
        this.alerts.markData(e.receivedAt);
        m.marketEvents.inc(1, e.event.kind);
        m.eventLatency.observe(Math.max(0, this.clock.now() - e.receivedAt) / 1000);
        const eq = node.portfolio.equity;
        if (Number.isFinite(eq)) {
          m.equity.set(eq);
          this.alerts.onEquity(eq);
        }
        return;
      }
      case "order": {
        const o = e.order;
        const prev = this.lastStatus.get(o.clientOrderId);
        this.lastStatus.set(o.clientOrderId, o.status);
        m.openOrders.set(node.orders.openCount);
        const rec = {
          clientOrderId: o.clientOrderId,
          symbol: o.symbol,
          side: o.side,
          qty: o.qty,
          type: o.type,
          limitPrice: o.limitPrice,
          status: o.status,
          from: prev ?? null,
          filledQty: o.filledQty,
          venueOrderId: o.venueOrderId,
          reason: o.reason,
        };
        this.logs.order.info(rec, `order ${o.clientOrderId} ${prev ?? "NEW"} → ${o.status}`);
        if (o.status === "PENDING_NEW") m.ordersSubmitted.inc(1, o.symbol);
        if (o.status === "FILLED") m.ordersFilled.inc(1, o.symbol);
        if (o.status === "REJECTED") {
          const source = prev === undefined || prev === "NEW" ? "risk" : "venue";
          m.ordersRejected.inc(1, source, source === "risk" ? (o.reason?.split(":")[0] ?? "risk") : "venue");
          this.logs.error.warn(rec, `order ${o.clientOrderId} rejected: ${o.reason ?? ""}`);
          this.alerts.onOrderOutcome(true);
        } else if (o.status === "ACKNOWLEDGED" && prev === "PENDING_NEW") this.alerts.onOrderOutcome(false);
        if (
          o.status === "FILLED" ||
          o.status === "CANCELED" ||
          o.status === "EXPIRED" ||
          o.status === "REJECTED"
        )
          this.lastStatus.delete(o.clientOrderId);
        return;
      }
      case "fill": {
        const f = e.fill;
        m.fills.inc(1, e.source);
        const qty = node.portfolio.qty(f.symbol);
        m.position.set(qty, f.symbol);
        this.logs.trade.info(
          { ...f, source: e.source, position: qty },
          `fill ${f.side} ${f.qty} ${f.symbol} @ ${f.price}`,
        );
        this.alerts.onPosition(f.symbol, qty);
        this.alerts.onEquity(node.portfolio.equity);
        return;
      }
      case "connection":
        this.health.setConnected(e.event.connected);
        m.connected.set(e.event.connected ? 1 : 0);
        (e.event.connected ? this.logs.main.info : this.logs.main.warn).call(
          this.logs.main,
          { connected: e.event.connected, reason: e.event.reason },
          e.event.connected ? "broker connected" : "broker disconnected",
        );
        return;
      case "reconcile":
        for (const a of e.actions) {
          m.reconcileDiscrepancies.inc(1, a.rule);
          this.logs.main.warn({ trigger: e.trigger, discrepancy: a }, `reconcile ${a.rule}`);
        }
        this.logs.main.info({ trigger: e.trigger, discrepancies: e.actions.length }, "reconciled");
        return;
      case "kill":
        m.killSwitch.set(1);
        this.health.critical(`kill switch tripped: ${e.record.reason} (${e.record.detail})`);
        this.logs.error.error({ kill: e.record }, "kill switch tripped");
        return;
      case "error": {
        m.errors.inc(1, String(e.critical));
        const msg = e.error instanceof Error ? `${e.error.name}: ${e.error.message}` : String(e.error);
        if (e.critical) this.health.critical(this.redact.text(`${e.where}: ${msg}`));
        this.logs.error.error({ where: e.where, critical: e.critical, err: this.redact.deep(e.error) }, msg);
        return;
      }
    }
  }
}
