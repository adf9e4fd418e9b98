import { describe, expect, it } from "vitest";
import { Engine } from "./engine.js";
import type { Strategy } from "./strategy.js";

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
