import { describe, expect, it } from "vitest";
import { Engine } from "./engine.js";
import type { Strategy } from "./strategy.js";

const f64 = (xs: number[]) => new Float64Array(xs);

describe("Engine on trades and quotes", () => {
  it("trades: a limit fills on a later print that trades through it, never on the print it was decided on", () => {
    const trades = {
      symbol: "BTC",
      length: 4,
      ts: f64([1000, 2000, 3000, 4000]),
      price: f64([100, 99.5, 98.9, 99.2]),
      size: f64([1, 1, 2, 1]),
      side: f64([1, -1, -1, 1]),
    };
    const seen: number[] = [];
    const s: Strategy = {
      onTrade(_sym, t, ctx) {
        seen.push(t.price);
        if (t.ts === 1000) ctx.submit({ symbol: "BTC", side: "buy", qty: 1, type: "limit", limitPrice: 99 });
      },
    };
    const r = new Engine({ trades: [trades], strategy: s }).run();
    expect(seen).toEqual([100, 99.5, 98.9, 99.2]);
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ price: 99, ts: 3000, qty: 1 });
  });

  it("quotes: market buys fill at the ask, sells at the bid, capped by the quoted size", () => {
    const quotes = {
      symbol: "EURUSD",
      length: 3,
      ts: f64([1, 2, 3]),
      bid: f64([1.1, 1.2, 1.3]),
      ask: f64([1.101, 1.201, 1.301]),
      bidSize: f64([5, 5, 5]),
      askSize: f64([3, 3, 3]),
    };
    const s: Strategy = {
      onQuote(_sym, q, ctx) {
        if (q.ts === 1) {
          ctx.submit({ symbol: "EURUSD", side: "buy", qty: 4 });
          ctx.submit({ symbol: "EURUSD", side: "sell", qty: 2 });
        }
      },
    };
    const r = new Engine({ quotes: [quotes], strategy: s, fill: { volumeParticipation: 1 } }).run();
    expect(r.fills.map((f) => [f.side, f.qty, f.price, f.ts])).toEqual([
      ["buy", 3, 1.201, 2],
      ["sell", 2, 1.2, 2],
      ["buy", 1, 1.301, 3],
    ]);
  });
});

describe("Engine metrics", () => {
  it("counts orders submitted/filled/rejected by reason and events by type in Prometheus text", async () => {
    const { createBacktestMetrics } = await import("../metrics/backtestMetrics.js");
    const { randomBars } = await import("./random-bars.js");
    const m = createBacktestMetrics();
    const bars = randomBars(20, 3);
    let t = 0;
    const s: Strategy = {
      onBar(bar, ctx) {
        if (bar.index === 2) ctx.submit({ symbol: "X", side: "buy", qty: 5 });
        if (bar.index === 3) ctx.submit({ symbol: "X", side: "buy", qty: 500 });
      },
    };
    new Engine({
      bars: [bars],
      strategy: s,
      risk: { maxOrderQty: { default: 100 } },
      metrics: m,
      metricsTimer: () => (t += 1e-6),
    }).run();
    const text = m.registry.render();
    expect(text).toMatch(/quantkit_orders_submitted_total\{symbol="X"\} 2/);
    expect(text).toMatch(/quantkit_orders_filled_total\{symbol="X"\} 1/);
    expect(text).toMatch(/quantkit_orders_rejected_total\{source="risk",reason="max-order-size"\} 1/);
    expect(text).toMatch(/quantkit_events_processed_total\{type="bar"\} 20/);
    expect(text).toMatch(/quantkit_risk_check_seconds_count 2/);
  });
});
