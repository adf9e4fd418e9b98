import { QuantkitError } from "@quantkit/core";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Escapes a label value for the Prometheus text format: backslash, double quote and line feed.
 *
 * @example
 * escapeLabelValue('a"b\\c\nd'); // → 'a\\"b\\\\c\\nd'
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details
 */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/**
 * Escapes HELP text: backslash and line feed.
 * @example
 * escapeHelp("a\nb"); // → 'a\\nb'
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details
 */
export function escapeHelp(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/**
 * Formats a sample value as Prometheus expects (`+Inf`, `-Inf`, `NaN`, otherwise a Go-parsable float).
 *
 * @example
 * formatSampleValue(Infinity); // → "+Inf"
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details
 */
export function formatSampleValue(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  if (Number.isNaN(v)) return "NaN";
  return String(v);
}

function checkName(name: string): void {
  if (!METRIC_NAME.test(name))
    throw new QuantkitError(`Invalid metric name "${name}": expected [a-zA-Z_:][a-zA-Z0-9_:]*`);
}
function checkLabels(names: readonly string[], reserved: readonly string[] = []): void {
  for (const l of names) {
    if (!LABEL_NAME.test(l) || l.startsWith("__") || reserved.includes(l)) {
      throw new QuantkitError(
        `Invalid label name "${l}": expected [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__"${reserved.length ? `, not ${reserved.join("/")}` : ""}`,
      );
    }
  }
}

/** One labelled time series: its label values and the rendered `{k="v",...}` text. */
abstract class Family<C> {
  protected readonly children = new Map<string, C>();
  protected readonly labelText = new Map<string, string>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    checkName(name);
  }
  protected abstract create(): C;
  /**
   * The child series for these label values (in `labelNames` order). Keep the returned child for hot paths: its
   * updates allocate nothing.
   */
  labels(...values: string[]): C {
    const key = values.join("\u0000");
    let c = this.children.get(key);
    if (c === undefined) {
      if (values.length !== this.labelNames.length) {
        throw new QuantkitError(
          `Metric ${this.name}: expected ${this.labelNames.length} label values (${this.labelNames.join(", ")}), got ${values.length}`,
        );
      }
      c = this.create();
      this.children.set(key, c);
      this.labelText.set(
        key,
        this.labelNames.map((n, i) => `${n}="${escapeLabelValue(values[i]!)}"`).join(","),
      );
    }
    return c;
  }
  abstract readonly type: "counter" | "gauge" | "histogram";
  /** Renders HELP, TYPE and every sample of the family. */
  render(): string {
    let s = `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} ${this.type}\n`;
    for (const [key, child] of this.children) s += this.renderChild(this.labelText.get(key)!, child);
    return s;
  }
  protected abstract renderChild(labels: string, child: C): string;
}

/**
 * A monotonically increasing counter series.
 * @example
 * new Counter("x_total", "x", ["k"]).labels("a").inc(); // child.value → 1
 * @see {@link Counter}
 */
export class CounterChild {
  value = 0;
  /** Adds `v` (default 1, must be ≥ 0). */
  inc(v = 1): void {
    if (!(v >= 0)) throw new QuantkitError(`Counter increment must be ≥ 0, got ${v}`);
    this.value += v;
  }
}

/**
 * A Prometheus counter family (only goes up; resets only with the process). Name it `..._total`.
 *
 * @example
 * const c = new Counter("quantkit_orders_rejected_total", "Orders rejected", ["reason"]);
 * c.labels("throttle").inc(); c.render();
 * // → '# HELP quantkit_orders_rejected_total Orders rejected\n# TYPE quantkit_orders_rejected_total counter\nquantkit_orders_rejected_total{reason="throttle"} 1\n'
 * @see https://prometheus.io/docs/concepts/metric_types/#counter
 */
export class Counter extends Family<CounterChild> {
  readonly type = "counter";
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames);
    checkLabels(labelNames);
    if (labelNames.length === 0) this.labels();
  }
  protected create(): CounterChild {
    return new CounterChild();
  }
  /** Increments the unlabelled series (or the one for `labels`). */
  inc(v = 1, ...labels: string[]): void {
    this.labels(...labels).inc(v);
  }
  protected renderChild(labels: string, c: CounterChild): string {
    return `${this.name}${labels ? `{${labels}}` : ""} ${formatSampleValue(c.value)}\n`;
  }
}

/**
 * A gauge series (goes up and down).
 * @example
 * new Gauge("g", "g", ["k"]).labels("a").set(3); // child.value → 3
 * @see {@link Gauge}
 */
export class GaugeChild {
  value = 0;
  set(v: number): void {
    this.value = v;
  }
  inc(v = 1): void {
    this.value += v;
  }
  dec(v = 1): void {
    this.value -= v;
  }
}

/**
 * A Prometheus gauge family.
 *
 * @example
 * const g = new Gauge("quantkit_events_per_second", "Event throughput"); g.set(1.2e6);
 * @see https://prometheus.io/docs/concepts/metric_types/#gauge
 */
export class Gauge extends Family<GaugeChild> {
  readonly type = "gauge";
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames);
    checkLabels(labelNames);
    if (labelNames.length === 0) this.labels();
  }
  protected create(): GaugeChild {
    return new GaugeChild();
  }
  set(v: number, ...labels: string[]): void {
    this.labels(...labels).set(v);
  }
  protected renderChild(labels: string, c: GaugeChild): string {
    return `${this.name}${labels ? `{${labels}}` : ""} ${formatSampleValue(c.value)}\n`;
  }
}

/**
 * A histogram series: per-bucket counts (non-cumulative internally), sum and count.
 * @example
 * new Histogram("h", "h", ["k"], [1]).labels("a").observe(0.5); // child.count → 1
 * @see {@link Histogram}
 */
export class HistogramChild {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(private readonly bounds: Float64Array) {
    this.counts = new Float64Array(bounds.length + 1);
  }
  /** Records one observation (allocation-free; binary search over the bucket bounds). */
  observe(v: number): void {
    const b = this.bounds;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= b[mid]!) hi = mid;
      else lo = mid + 1;
    }
    this.counts[lo]!++;
    this.sum += v;
    this.count++;
  }
}

/**
 * Prometheus client libraries' default buckets (seconds).
 * @example
 * DEFAULT_BUCKETS.length; // → 11
 * @see https://github.com/prometheus/client_golang/blob/main/prometheus/histogram.go (DefBuckets)
 */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A Prometheus histogram family: cumulative `_bucket{le="…"}` series ending with `le="+Inf"`, plus `_sum` and
 * `_count`. An observation equal to a bound falls in that bucket (`le` = less or equal).
 *
 * @param buckets - strictly increasing finite upper bounds (default {@link DEFAULT_BUCKETS}); `+Inf` is implicit.
 * @example
 * const h = new Histogram("quantkit_risk_check_seconds", "Risk check latency", [], [1e-6, 2e-6]);
 * h.observe(1.5e-6); // → bucket le="2e-6" and +Inf get 1
 * @see https://prometheus.io/docs/concepts/metric_types/#histogram
 */
export class Histogram extends Family<HistogramChild> {
  readonly type = "histogram";
  private readonly bounds: Float64Array;
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    super(name, help, labelNames);
    checkLabels(labelNames, ["le"]);
    if (
      buckets.length === 0 ||
      buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= buckets[i - 1]!))
    ) {
      throw new QuantkitError(
        `Histogram ${name}: buckets must be finite and strictly increasing, got [${buckets.join(", ")}]`,
      );
    }
    this.bounds = Float64Array.from(buckets);
    if (labelNames.length === 0) this.labels();
  }
  protected create(): HistogramChild {
    return new HistogramChild(this.bounds);
  }
  observe(v: number, ...labels: string[]): void {
    this.labels(...labels).observe(v);
  }
  protected renderChild(labels: string, c: HistogramChild): string {
    const sep = labels ? `${labels},` : "";
    let s = "";
    let cum = 0;
    for (let i = 0; i < this.bounds.length; i++) {
      cum += c.counts[i]!;
      s += `${this.name}_bucket{${sep}le="${formatSampleValue(this.bounds[i]!)}"} ${cum}\n`;
    }
    s += `${this.name}_bucket{${sep}le="+Inf"} ${c.count}\n`;
    const l = labels ? `{${labels}}` : "";
    s += `${this.name}_sum${l} ${formatSampleValue(c.sum)}\n${this.name}_count${l} ${c.count}\n`;
    return s;
  }
}

/**
 * A set of metric families rendered together in the Prometheus text exposition format (version 0.0.4), e.g. for
 * a `/metrics` endpoint or a file written at the end of a backtest.
 *
 * @example
 * const reg = new MetricsRegistry();
 * const fills = reg.register(new Counter("quantkit_orders_filled_total", "Orders filled"));
 * fills.inc(); reg.render(); // → "# HELP quantkit_orders_filled_total Orders filled\n# TYPE … counter\nquantkit_orders_filled_total 1\n"
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/
 */
export class MetricsRegistry {
  private readonly families = new Map<string, Family<unknown>>();
  /** Content-Type of {@link MetricsRegistry.render}'s output. */
  static readonly contentType = "text/plain; version=0.0.4; charset=utf-8";

  /** Adds a family; a second family with the same name throws. Returns it for chaining. */
  register<F extends Counter | Gauge | Histogram>(family: F): F {
    if (this.families.has(family.name))
      throw new QuantkitError(`Metric ${family.name} is already registered`);
    this.families.set(family.name, family as unknown as Family<unknown>);
    return family;
  }

  /** Renders every family, in registration order. */
  render(): string {
    let s = "";
    for (const f of this.families.values()) s += f.render();
    return s;
  }
}
