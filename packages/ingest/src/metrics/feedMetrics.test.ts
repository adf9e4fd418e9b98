import { SimulatedClock } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeedMetrics, LATENCY_BUCKETS_MS } from "./feedMetrics.js";
import { serveMetrics } from "./serveMetrics.js";

const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+]+|\+Inf|NaN)$/;

describe("FeedMetrics", () => {
  it("render() is valid Prometheus text: HELP/TYPE lines and well-formed samples", () => {
    const clock = new SimulatedClock(1_000);
    const m = new FeedMetrics(clock);
    m.inc("messages", "BTCUSDT", "trade", 3);
    m.inc("trade_gaps", 'we"ird\\sym');
    m.observeLatency("BTCUSDT", 4);
    clock.advanceTo(3_500);
    const text = m.render();
    for (const line of text.trimEnd().split("\n")) {
      if (line.startsWith("#")) expect(line).toMatch(/^# (HELP|TYPE) quantkit_ingest_\w+ .+$/);
      else expect(line).toMatch(SAMPLE);
    }
    expect(text).toContain(
      'quantkit_ingest_messages_total{exchange="binance-futures",symbol="BTCUSDT",type="trade"} 3',
    );
    expect(text).toContain(
      'quantkit_ingest_trade_gaps_total{exchange="binance-futures",symbol="we\\"ird\\\\sym"} 1',
    );
    expect(text).toContain(
      'quantkit_ingest_staleness_seconds{exchange="binance-futures",symbol="BTCUSDT"} 2.5',
    );
  });

  it("the latency histogram is cumulative and agrees with a direct count of each bucket", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { maxLength: 200 }), (xs) => {
        const m = new FeedMetrics(new SimulatedClock(0));
        for (const x of xs) m.observeLatency("S", x);
        if (xs.length === 0) return true;
        const text = m.render();
        for (const b of LATENCY_BUCKETS_MS) {
          const want = xs.filter((x) => x <= b).length;
          if (
            !text.includes(
              `quantkit_ingest_latency_ms_bucket{exchange="binance-futures",symbol="S",le="${b}"} ${want}\n`,
            )
          )
            return false;
        }
        return text.includes(`le="+Inf"} ${xs.length}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it("total() sums a counter over symbols and types", () => {
    const m = new FeedMetrics(new SimulatedClock(0));
    m.inc("duplicates", "A");
    m.inc("duplicates", "B", "", 4);
    m.inc("malformed", "A");
    expect(m.total("duplicates")).toBe(5);
    expect(m.staleness("never")).toBe(Number.POSITIVE_INFINITY);
  });

  it("alerts() fires staleness, malformed, drop and latency alerts exactly when thresholds are crossed", () => {
    const clock = new SimulatedClock(0);
    const m = new FeedMetrics(clock);
    m.observeLatency("BTCUSDT", 3);
    expect(m.alerts()).toEqual([]);
    clock.advanceTo(10_000);
    expect(m.alerts()).toEqual([]); // exactly 10 s is not above 10 s
    clock.advanceTo(10_001);
    expect(m.alerts()).toEqual([{ alert: "FeedStale", symbol: "BTCUSDT", value: 10.001, threshold: 10 }]);
    m.inc("malformed", "BTCUSDT");
    m.inc("buffer_dropped", "BTCUSDT", "trade", 2);
    for (let i = 0; i < 99; i++) m.observeLatency("BTCUSDT", 300);
    expect(m.alerts().map((a) => [a.alert, a.value])).toEqual([
      ["FeedMalformedMessages", 1],
      ["FeedBufferDrops", 2],
      ["FeedLatencyHigh", 500],
    ]);
    expect(m.alerts({ maxMalformed: 1, maxBufferDropped: 2, maxP99LatencyMs: 500 })).toEqual([]);
  });

  it("serveMetrics serves GET /metrics in the Prometheus text format and 404 elsewhere", async () => {
    const m = new FeedMetrics(new SimulatedClock(0));
    m.inc("messages", "BTCUSDT", "trade");
    const srv = await serveMetrics([m]);
    try {
      const r = await fetch(srv.url);
      expect(r.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      expect(await r.text()).toBe(m.render());
      expect((await fetch(srv.url.replace("/metrics", "/x"))).status).toBe(404);
    } finally {
      await srv.close();
    }
  });
});
