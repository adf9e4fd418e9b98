import type { Clock } from "@quantkit/core";

/** Alert kinds the paper trader raises. */
export type AlertKind = "position-limit" | "rejection-rate" | "no-data" | "drawdown";

/** One alert as POSTed (JSON) to the webhook. */
export interface Alert {
  readonly kind: AlertKind;
  readonly severity: "warning" | "critical";
  readonly message: string;
  /** Kernel time (UTC epoch ms). */
  readonly ts: number;
  readonly details: Readonly<Record<string, string | number>>;
}

/** Options of {@link AlertManager}. */
export interface AlertOptions {
  /** Webhook URL receiving `POST` JSON bodies (`{ alert: Alert, source: "quantkit-paper" }`). Off when omitted. */
  readonly webhookUrl?: string | undefined;
  /** Per-symbol absolute position limit (undefined = no limit for that symbol). */
  readonly positionLimit?: (symbol: string) => number | undefined;
  /** Rejection-rate threshold (fraction, default 0.1 = 10 %). */
  readonly rejectionRate?: number;
  /** Orders in the rejection-rate window (default 20). */
  readonly rejectionWindow?: number;
  /** Orders needed before the rate is judged (default 10). */
  readonly minOrders?: number;
  /** No market data for this long raises `no-data` (ms, default 300,000 = 5 min). */
  readonly noDataMs?: number;
  /** Drawdown from the equity peak that raises `drawdown` (fraction, e.g. 0.05). Off when omitted. */
  readonly drawdown?: number | undefined;
  /** fetch implementation (default global fetch). */
  readonly fetch?: typeof fetch;
}

/**
 * Watches the paper session and POSTs an alert to a webhook when a position exceeds its limit, the order
 * rejection rate over the last `rejectionWindow` orders exceeds 10 %, no market data arrived for 5 minutes, or the
 * drawdown from the equity peak crosses a threshold. Each condition alerts once when it starts and re-arms when it
 * clears (no alert storms). Delivery failures never throw: they are counted and reported through `onError`.
 *
 * @example
 * const alerts = new AlertManager(clock, { webhookUrl: "http://127.0.0.1:9000/hook", drawdown: 0.05 });
 * alerts.onEquity(100_000); alerts.onEquity(94_000); // → POST {"alert":{"kind":"drawdown",…}}
 * @see https://sre.google/sre-book/monitoring-distributed-systems/ (alert on symptoms, once)
 */
export class AlertManager {
  /** Every alert raised, in order. */
  readonly raised: Alert[] = [];
  /** Webhook deliveries that failed. */
  deliveryErrors = 0;
  private readonly opts: AlertOptions;
  private readonly outcomes: Uint8Array;
  private nOut = 0;
  private posOut = 0;
  private rejInWindow = 0;
  private readonly active = new Set<string>();
  private peak = Number.NaN;
  private lastData: number;
  private readonly inflight = new Set<Promise<void>>();
  private readonly doFetch: typeof fetch;

  /**
   * @param onAlert - called for every alert raised (logging).
   * @param onError - called when a delivery fails.
   */
  constructor(
    private readonly clock: Clock,
    options: AlertOptions = {},
    private readonly onAlert?: (a: Alert) => void,
    private readonly onError?: (e: unknown) => void,
  ) {
    this.opts = options;
    this.outcomes = new Uint8Array(options.rejectionWindow ?? 20);
    this.lastData = clock.now();
    this.doFetch = options.fetch ?? fetch;
  }

  /** Checks a position against its limit. */
  onPosition(symbol: string, qty: number): void {
    const lim = this.opts.positionLimit?.(symbol);
    if (lim === undefined) return;
    const key = `position-limit:${symbol}`;
    if (Math.abs(qty) > lim)
      this.raise(key, {
        kind: "position-limit",
        severity: "critical",
        message: `${symbol} position ${qty} exceeds its limit ${lim}`,
        ts: this.clock.now(),
        details: { symbol, qty, limit: lim },
      });
    else this.active.delete(key);
  }

  /** Records one order outcome (accepted by risk and broker, or rejected by either). */
  onOrderOutcome(rejected: boolean): void {
    const w = this.outcomes;
    if (this.nOut === w.length) this.rejInWindow -= w[this.posOut]!;
    else this.nOut++;
    w[this.posOut] = rejected ? 1 : 0;
    this.rejInWindow += rejected ? 1 : 0;
    this.posOut = (this.posOut + 1) % w.length;
    const rate = this.rejInWindow / this.nOut;
    const thr = this.opts.rejectionRate ?? 0.1;
    if (this.nOut >= (this.opts.minOrders ?? 10) && rate > thr)
      this.raise("rejection-rate", {
        kind: "rejection-rate",
        severity: "warning",
        message: `order rejection rate ${(rate * 100).toFixed(1)} % over the last ${this.nOut} orders exceeds ${thr * 100} %`,
        ts: this.clock.now(),
        details: { rate, orders: this.nOut, rejected: this.rejInWindow },
      });
    else if (rate <= thr) this.active.delete("rejection-rate");
  }

  /** Tracks equity for the drawdown alert. */
  onEquity(equity: number): void {
    if (!(equity > this.peak)) {
      if (Number.isNaN(this.peak)) this.peak = equity;
    } else this.peak = equity;
    const lim = this.opts.drawdown;
    if (lim === undefined || !(this.peak > 0)) return;
    const dd = 1 - equity / this.peak;
    if (dd >= lim)
      this.raise("drawdown", {
        kind: "drawdown",
        severity: "critical",
        message: `drawdown ${(dd * 100).toFixed(2)} % from the equity peak ${this.peak.toFixed(2)} reached the threshold ${lim * 100} %`,
        ts: this.clock.now(),
        details: { drawdown: dd, equity, peak: this.peak, threshold: lim },
      });
    else if (dd < lim / 2) this.active.delete("drawdown");
  }

  /** Records the arrival of market data. */
  markData(ts: number): void {
    this.lastData = ts;
    this.active.delete("no-data");
  }

  /** Periodic check (call every few seconds): raises `no-data` after 5 minutes without market data. */
  tick(): void {
    const now = this.clock.now();
    const lim = this.opts.noDataMs ?? 300_000;
    if (now - this.lastData >= lim)
      this.raise("no-data", {
        kind: "no-data",
        severity: "critical",
        message: `no market data for ${Math.round((now - this.lastData) / 1000)} s (limit ${lim / 1000} s)`,
        ts: now,
        details: { lastDataTs: this.lastData, limitMs: lim },
      });
  }

  /** Resolves when every webhook delivery started so far has finished. */
  async flush(): Promise<void> {
    await Promise.all([...this.inflight]);
  }

  private raise(key: string, a: Alert): void {
    if (this.active.has(key)) return;
    this.active.add(key);
    this.raised.push(a);
    this.onAlert?.(a);
    const url = this.opts.webhookUrl;
    if (url === undefined) return;
    const p = this.doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source: "quantkit-paper", alert: a }),
      signal: AbortSignal.timeout(5000),
    })
      .then((res) => {
        if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
      })
      .catch((e: unknown) => {
        this.deliveryErrors++;
        this.onError?.(e);
      })
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }
}
