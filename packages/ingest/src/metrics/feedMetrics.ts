import type { Clock } from "@quantkit/core";

/**
 * Latency histogram bucket upper bounds (ms), Prometheus `le` labels.
 * @example
 * LATENCY_BUCKETS_MS[0] // → 1
 */
export const LATENCY_BUCKETS_MS: readonly number[] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000];

const COUNTERS = {
  messages: "Market-data events received, by type",
  malformed: "Messages that failed JSON parsing or validation",
  duplicates:
    "Duplicates dropped (trade id already seen; Coinbase: an l2update identical to the previous one)",
  trade_gaps: "Trade-id gaps detected",
  trades_backfilled: "Trades recovered over REST after a gap",
  book_gaps:
    "Book inconsistencies (Binance: pu != previous u; Coinbase: crossed book, lost or malformed l2update)",
  book_resyncs:
    "Order-book resynchronisations from a snapshot (Binance: REST; Coinbase: WebSocket after resubscribing)",
  book_diffs_dropped: "Book diffs discarded while waiting for a snapshot (superseded by it)",
  reconnects: "WebSocket reconnect attempts",
  stale: "Connections declared stale (no message or pong in time)",
  buffer_dropped: "Events dropped by the bounded buffer (policy drop)",
  buffer_paused: "Times the socket was paused because the buffer was full (policy pause)",
} as const;

/** Thresholds of {@link FeedMetrics.alerts}. */
export interface AlertRules {
  /** Seconds without a message before `FeedStale`. @default 10 */
  maxStalenessS?: number;
  /** Malformed messages tolerated before `FeedMalformedMessages`. @default 0 */
  maxMalformed?: number;
  /** Buffer drops tolerated before `FeedBufferDrops`. @default 0 */
  maxBufferDropped?: number;
  /** p99 exchange→receive latency (ms, histogram bucket bound) before `FeedLatencyHigh`. @default 250 */
  maxP99LatencyMs?: number;
}

/** A firing alert: its name, the symbol, the observed value and the threshold it crossed. */
export interface FiringAlert {
  readonly alert: "FeedStale" | "FeedMalformedMessages" | "FeedBufferDrops" | "FeedLatencyHigh";
  readonly symbol: string;
  readonly value: number;
  readonly threshold: number;
}

/**
 * Prometheus alerting rules over the metrics {@link FeedMetrics.render} exposes (same conditions and defaults as
 * {@link FeedMetrics.alerts}); load it as a rules file.
 *
 * @example
 * writeFileSync("ingest-alerts.yml", PROMETHEUS_ALERT_RULES)
 * @see https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/
 */
export const PROMETHEUS_ALERT_RULES = `groups:
  - name: quantkit-ingest
    rules:
      - alert: FeedStale
        expr: quantkit_ingest_staleness_seconds > 10
        for: 30s
        annotations: { summary: "No market data for {{ $labels.symbol }} for {{ $value }} s" }
      - alert: FeedMalformedMessages
        expr: increase(quantkit_ingest_malformed_total[5m]) > 0
        annotations: { summary: "Malformed messages on {{ $labels.exchange }}" }
      - alert: FeedBufferDrops
        expr: increase(quantkit_ingest_buffer_dropped_total[5m]) > 0
        annotations: { summary: "The consumer of {{ $labels.symbol }} is too slow: events dropped" }
      - alert: FeedLatencyHigh
        expr: histogram_quantile(0.99, sum by (le, symbol) (rate(quantkit_ingest_latency_ms_bucket[5m]))) > 250
        for: 1m
        annotations: { summary: "p99 exchange-to-receive latency of {{ $labels.symbol }} above 250 ms" }
      - alert: FeedGaps
        expr: increase(quantkit_ingest_trade_gaps_total[5m]) + increase(quantkit_ingest_book_gaps_total[5m]) > 10
        annotations: { summary: "Frequent sequence gaps on {{ $labels.symbol }}" }
`;

/** Name of a counter of {@link FeedMetrics}. */
export type CounterName = keyof typeof COUNTERS;

/**
 * Data-quality metrics of a feed — message rates, malformed messages, gaps, duplicates, reconnects, buffer
 * drops, exchange→receive latency (histogram) and staleness per symbol — rendered in the Prometheus text
 * exposition format. Time comes from the injected clock.
 *
 * @param clock - time source for staleness. @example
 * const m = new FeedMetrics(new SimulatedClock(0));
 * m.inc("messages", "BTCUSDT", "trade"); m.observeLatency("BTCUSDT", 3);
 * m.render() // → "# HELP quantkit_ingest_messages_total …\nquantkit_ingest_messages_total{symbol=\"BTCUSDT\",type=\"trade\"} 1\n…"
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/
 */
export class FeedMetrics {
  private readonly counters = new Map<string, number>();
  private readonly latency = new Map<string, { buckets: Float64Array; sum: number; count: number }>();
  private readonly lastSeen = new Map<string, number>();
  private readonly clock: Clock;
  readonly exchange: string;

  constructor(clock: Clock, exchange = "binance-futures") {
    this.clock = clock;
    this.exchange = exchange;
  }

  /** Adds `by` (default 1) to a counter for a symbol (and message type for `messages`). */
  inc(name: CounterName, symbol: string, type = "", by = 1): void {
    const key = `${name}\u0000${symbol}\u0000${type}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  /** Current value of a counter summed over symbols and types. */
  total(name: CounterName): number {
    let s = 0;
    for (const [k, v] of this.counters) if (k.startsWith(`${name}\u0000`)) s += v;
    return s;
  }

  /** Records one message's latency (receive time − exchange event time, ms) and marks the symbol as seen now. */
  observeLatency(symbol: string, ms: number): void {
    let h = this.latency.get(symbol);
    if (!h) {
      h = { buckets: new Float64Array(LATENCY_BUCKETS_MS.length), sum: 0, count: 0 };
      this.latency.set(symbol, h);
    }
    for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (ms <= LATENCY_BUCKETS_MS[i]!) h.buckets[i]!++;
    h.sum += ms;
    h.count++;
    this.lastSeen.set(symbol, this.clock.now());
  }

  /** Seconds since the last message of `symbol` (Infinity if never seen). */
  staleness(symbol: string): number {
    const t = this.lastSeen.get(symbol);
    return t === undefined ? Number.POSITIVE_INFINITY : (this.clock.now() - t) / 1000;
  }

  /**
   * Evaluates alert rules on the current values (the same conditions as {@link PROMETHEUS_ALERT_RULES}, for
   * processes without a Prometheus server).
   *
   * @param rules - thresholds: `maxStalenessS` (10 s), `maxMalformed` (0), `maxBufferDropped` (0),
   *   `maxP99LatencyMs` (250 ms, from the histogram's bucket bounds).
   * @returns the firing alerts (empty when all is well).
   * @example
   * metrics.alerts({ maxStalenessS: 5 }) // → [{ alert: "FeedStale", symbol: "BTCUSDT", value: 7.2, threshold: 5 }]
   */
  alerts(rules: AlertRules = {}): FiringAlert[] {
    const maxStale = rules.maxStalenessS ?? 10;
    const maxMalformed = rules.maxMalformed ?? 0;
    const maxDropped = rules.maxBufferDropped ?? 0;
    const maxP99 = rules.maxP99LatencyMs ?? 250;
    const out: FiringAlert[] = [];
    for (const symbol of this.lastSeen.keys()) {
      const v = this.staleness(symbol);
      if (v > maxStale) out.push({ alert: "FeedStale", symbol, value: v, threshold: maxStale });
    }
    const sums = new Map<string, number>();
    for (const [k, v] of this.counters) {
      const [n, symbol] = k.split("\u0000");
      const key = `${n}\u0000${symbol}`;
      sums.set(key, (sums.get(key) ?? 0) + v);
    }
    for (const [k, v] of sums) {
      const [n, symbol] = k.split("\u0000") as [string, string];
      if (n === "malformed" && v > maxMalformed)
        out.push({ alert: "FeedMalformedMessages", symbol, value: v, threshold: maxMalformed });
      if (n === "buffer_dropped" && v > maxDropped)
        out.push({ alert: "FeedBufferDrops", symbol, value: v, threshold: maxDropped });
    }
    for (const [symbol, h] of this.latency) {
      let p99 = Number.POSITIVE_INFINITY;
      for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++)
        if (h.buckets[i]! >= 0.99 * h.count) {
          p99 = LATENCY_BUCKETS_MS[i]!;
          break;
        }
      if (p99 > maxP99) out.push({ alert: "FeedLatencyHigh", symbol, value: p99, threshold: maxP99 });
    }
    return out;
  }

  /** The metrics in Prometheus text format (counters, latency histogram, staleness gauge). */
  render(): string {
    const ex = this.exchange;
    const out: string[] = [];
    for (const [name, help] of Object.entries(COUNTERS)) {
      const metric = `quantkit_ingest_${name}_total`;
      out.push(`# HELP ${metric} ${help}`, `# TYPE ${metric} counter`);
      for (const [k, v] of this.counters) {
        const [n, symbol, type] = k.split("\u0000");
        if (n !== name) continue;
        const labels = `exchange="${ex}",symbol="${esc(symbol!)}"${type ? `,type="${esc(type)}"` : ""}`;
        out.push(`${metric}{${labels}} ${v}`);
      }
    }
    const lm = "quantkit_ingest_latency_ms";
    out.push(`# HELP ${lm} Exchange event time to receive time`, `# TYPE ${lm} histogram`);
    for (const [symbol, h] of this.latency) {
      const l = `exchange="${ex}",symbol="${esc(symbol)}"`;
      LATENCY_BUCKETS_MS.forEach((b, i) => {
        out.push(`${lm}_bucket{${l},le="${b}"} ${h.buckets[i]}`);
      });
      out.push(
        `${lm}_bucket{${l},le="+Inf"} ${h.count}`,
        `${lm}_sum{${l}} ${h.sum}`,
        `${lm}_count{${l}} ${h.count}`,
      );
    }
    const sm = "quantkit_ingest_staleness_seconds";
    out.push(`# HELP ${sm} Seconds since the last message`, `# TYPE ${sm} gauge`);
    for (const symbol of this.lastSeen.keys())
      out.push(`${sm}{exchange="${ex}",symbol="${esc(symbol)}"} ${this.staleness(symbol)}`);
    return `${out.join("\n")}\n`;
  }
}

function esc(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
