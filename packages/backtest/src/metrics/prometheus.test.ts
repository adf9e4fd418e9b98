import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRiskConfig } from "../risk/riskConfig.js";
import { RiskEngine } from "../risk/riskEngine.js";
import { countRiskRejections, createBacktestMetrics } from "./backtestMetrics.js";
import { Counter, Gauge, Histogram, MetricsRegistry } from "./prometheus.js";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface ParsedFamily {
  name: string;
  help?: string;
  type?: string;
  samples: Sample[];
}

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, written from the spec
 * (https://prometheus.io/docs/instrumenting/exposition_formats/), independent of the renderer: it throws on any
 * line that is not HELP/TYPE/comment/sample, on bad escapes, on a TYPE after samples or duplicated, and on samples
 * that do not belong to the declared family.
 */
function parseExposition(text: string): Map<string, ParsedFamily> {
  const fams = new Map<string, ParsedFamily>();
  const fam = (n: string) => {
    let f = fams.get(n);
    if (!f) fams.set(n, (f = { name: n, samples: [] }));
    return f;
  };
  const unescapeText = (s: string, allowQuote: boolean) =>
    s.replace(/\\(.)/g, (_, c: string) => {
      if (c === "\\") return "\\";
      if (c === "n") return "\n";
      if (c === '"' && allowQuote) return '"';
      throw new Error(`bad escape \\${c}`);
    });
  if (!text.endsWith("\n")) throw new Error("output must end with a line feed");
  for (const line of text.slice(0, -1).split("\n")) {
    let m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (m) {
      const f = fam(m[1]!);
      if (f.help !== undefined || f.samples.length)
        throw new Error(`HELP for ${m[1]} repeated or after samples`);
      f.help = unescapeText(m[2]!, false);
      continue;
    }
    m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (m) {
      const f = fam(m[1]!);
      if (f.type !== undefined || f.samples.length)
        throw new Error(`TYPE for ${m[1]} repeated or after samples`);
      f.type = m[2]!;
      continue;
    }
    if (line.startsWith("#")) continue;
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    let rest = m[2] ?? "";
    while (rest.length) {
      const lm = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/.exec(rest);
      if (!lm) throw new Error(`bad labels in ${JSON.stringify(line)}`);
      if (lm[1]! in labels) throw new Error(`duplicate label ${lm[1]}`);
      labels[lm[1]!] = unescapeText(lm[2]!, true);
      rest = rest.slice(lm[0].length);
    }
    const v = m[3]!;
    const value = v === "+Inf" ? Infinity : v === "-Inf" ? -Infinity : v === "NaN" ? NaN : Number(v);
    if (Number.isNaN(value) && v !== "NaN") throw new Error(`bad value ${v}`);
    const name = m[1]!;
    const base = fams.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "");
    const f = fams.get(base);
    if (!f?.type) throw new Error(`sample ${name} before its TYPE`);
    if (f.type !== "histogram" && base !== name) throw new Error(`${name} suffix on a ${f.type}`);
    f.samples.push({ name, labels, value });
  }
  return fams;
}

/** Checks the histogram invariants of a parsed family; returns the per-series bucket lists. */
function checkHistogram(
  f: ParsedFamily,
): Map<string, { le: number[]; cum: number[]; sum: number; count: number }> {
  const series = new Map<string, { le: number[]; cum: number[]; sum: number; count: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(rest);
    let e = series.get(key);
    if (!e) series.set(key, (e = { le: [], cum: [], sum: NaN, count: NaN }));
    if (s.name.endsWith("_bucket")) {
      if (le === undefined) throw new Error("bucket without le");
      e.le.push(le === "+Inf" ? Infinity : Number(le));
      e.cum.push(s.value);
    } else if (s.name.endsWith("_sum")) e.sum = s.value;
    else if (s.name.endsWith("_count")) e.count = s.value;
  }
  for (const e of series.values()) {
    expect(e.le.at(-1)).toBe(Infinity);
    for (let i = 1; i < e.le.length; i++) {
      expect(e.le[i]!).toBeGreaterThan(e.le[i - 1]!);
      expect(e.cum[i]!).toBeGreaterThanOrEqual(e.cum[i - 1]!);
    }
    expect(e.cum.at(-1)).toBe(e.count);
    expect(Number.isNaN(e.sum)).toBe(false);
  }
  return series;
}

describe("Prometheus text exposition", () => {
  it("renders HELP/TYPE once per family before its samples, with escaped help and label values that round-trip", () => {
    const reg = new MetricsRegistry();
    const nasty = 'quote " backslash \\ newline \n tab \t unicode é';
    const c = reg.register(
      new Counter("qk_orders_rejected_total", 'Rejected orders.\nSecond line with \\ and "quotes".', [
        "source",
        "reason",
      ]),
    );
    c.labels("risk", nasty).inc(2);
    c.labels("venue", "").inc();
    reg.register(new Gauge("qk_equity", "Equity")).set(-1.5e-7);
    const text = reg.render();
    const fams = parseExposition(text);
    const f = fams.get("qk_orders_rejected_total")!;
    expect(f.help).toBe('Rejected orders.\nSecond line with \\ and "quotes".');
    expect(f.type).toBe("counter");
    expect(f.samples).toEqual([
      { name: "qk_orders_rejected_total", labels: { source: "risk", reason: nasty }, value: 2 },
      { name: "qk_orders_rejected_total", labels: { source: "venue", reason: "" }, value: 1 },
    ]);
    expect(fams.get("qk_equity")?.samples[0]?.value).toBe(-1.5e-7);
    expect(text.split("\n").filter((l) => l.startsWith("# TYPE")).length).toBe(2);
  });

  it("histogram buckets are cumulative with le as upper bound (inclusive), +Inf = count, and sum matches", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 20, noNaN: true }), { maxLength: 200 }), (obs) => {
        const bounds = [0, 0.5, 1, 2.5, 10];
        const h = new Histogram("qk_latency_seconds", "Latency", ["venue"], bounds);
        const child = h.labels("sim");
        for (const v of obs) child.observe(v);
        const fams = parseExposition(h.render());
        const series = checkHistogram(fams.get("qk_latency_seconds")!);
        const s = series.get(JSON.stringify({ venue: "sim" }))!;
        expect(s.le).toEqual([...bounds, Infinity]);
        expect(s.cum).toEqual([...bounds, Infinity].map((b) => obs.filter((v) => v <= b).length));
        expect(s.sum).toBeCloseTo(
          obs.reduce((a, b) => a + b, 0),
          9,
        );
      }),
      { numRuns: 100 },
    );
  });

  it("special values render as +Inf/-Inf/NaN", () => {
    const g = new Gauge("qk_g", "g", ["k"]);
    g.set(Infinity, "a");
    g.set(-Infinity, "b");
    g.set(NaN, "c");
    expect(g.render()).toContain('qk_g{k="a"} +Inf\nqk_g{k="b"} -Inf\nqk_g{k="c"} NaN\n');
    expect(
      parseExposition(g.render())
        .get("qk_g")
        ?.samples.map((s) => s.value),
    ).toEqual([Infinity, -Infinity, NaN]);
  });

  it("rejects invalid names, reserved labels, bad buckets, negative counter increments and duplicate families", () => {
    expect(() => new Counter("1bad", "x")).toThrow(/metric name/);
    expect(() => new Counter("ok", "x", ["__reserved"])).toThrow(/label name/);
    expect(() => new Histogram("h", "x", ["le"])).toThrow(/label name/);
    expect(() => new Histogram("h", "x", [], [1, 1])).toThrow(/strictly increasing/);
    expect(() => new Counter("c", "x").inc(-1)).toThrow(/≥ 0/);
    expect(() => new Counter("c", "x", ["a"]).labels("1", "2")).toThrow(/expected 1 label/);
    const reg = new MetricsRegistry();
    reg.register(new Counter("c", "x"));
    expect(() => reg.register(new Gauge("c", "y"))).toThrow(/already registered/);
  });

  it("the standard backtest metrics render as valid exposition text", () => {
    const m = createBacktestMetrics();
    m.ordersSubmitted.labels("ORCL").inc(3);
    m.ordersFilled.labels("ORCL").inc(2);
    m.ordersRejected.labels("risk", "max-order-size").inc();
    m.riskCheckSeconds.observe(4e-7);
    m.riskCheckSeconds.observe(3e-6);
    m.eventsProcessed.labels("bar").inc(1000);
    m.eventThroughput.set(1.5e6);
    const fams = parseExposition(m.registry.render());
    expect([...fams.keys()]).toEqual([
      "quantkit_orders_submitted_total",
      "quantkit_orders_filled_total",
      "quantkit_orders_rejected_total",
      "quantkit_risk_check_seconds",
      "quantkit_events_processed_total",
      "quantkit_event_throughput_per_second",
    ]);
    const h = checkHistogram(fams.get("quantkit_risk_check_seconds")!).get("{}")!;
    expect(h.count).toBe(2);
    expect(h.cum[1]).toBe(1); // le=5e-7
  });

  it("the test parser rejects malformed exposition text (it can fail)", () => {
    expect(() => parseExposition('x{a="b} 1\n')).toThrow();
    expect(() => parseExposition('# TYPE x counter\nx{a="\\q"} 1\n')).toThrow(/bad escape/);
    expect(() => parseExposition("y 1\n")).toThrow(/before its TYPE/);
    expect(() => parseExposition("# TYPE x counter\nx 1\n# TYPE x counter\n")).toThrow(/repeated/);
  });

  it("countRiskRejections counts a RiskEngine's rejections by reason", () => {
    const m = createBacktestMetrics();
    const seen: string[] = [];
    const engine = RiskEngine.fromConfig(parseRiskConfig({ maxOrderQty: { default: 5 } }), {
      onDecision: countRiskRejections(m, (d) => seen.push(d.reason)),
    });
    const state = {
      time: 0,
      positions: new Map(),
      openOrders: [],
      mids: new Map(),
      equity: 1,
      peakEquity: 1,
    };
    for (const quantity of [1, 6, 7, 0])
      engine.check({ clientOrderId: "c", symbol: "X", side: "buy", type: "market", quantity }, state);
    const f = parseExposition(m.registry.render()).get("quantkit_orders_rejected_total")!;
    expect(f.samples.map((s) => [s.labels.reason, s.value])).toEqual([
      ["max-order-size", 2],
      ["invalid-order", 1],
    ]);
    expect(seen).toEqual(["accepted", "max-order-size", "max-order-size", "invalid-order"]);
  });
});
