import { describe, expect, it } from "vitest";
import { LatencyModel } from "./latency.js";
import { slippageAmount, slippageSchema } from "./slippage.js";

describe("slippageAmount", () => {
  it("fixed bps, half-spread (absolute or bps) and square-root impact", () => {
    expect(
      slippageAmount(slippageSchema.parse({ model: "fixed-bps", bps: 10 }), 200, 5, 1000, 201, 199),
    ).toBeCloseTo(0.2, 12);
    expect(
      slippageAmount(slippageSchema.parse({ model: "half-spread", spread: 0.04 }), 200, 5, 1000, 201, 199),
    ).toBe(0.02);
    expect(
      slippageAmount(slippageSchema.parse({ model: "half-spread", spreadBps: 4 }), 200, 5, 1000, 201, 199),
    ).toBeCloseTo(0.04, 12);
    // η·σ·√(q/V)·price with σ = 2 %, q/V = 1/4 → 1 · 0.02 · 0.5 · 200 = 2
    expect(
      slippageAmount(
        slippageSchema.parse({ model: "sqrt-impact", volatility: 0.02 }),
        200,
        250,
        1000,
        201,
        199,
      ),
    ).toBeCloseTo(2, 12);
    // σ defaults to the bar's range / price: (201 − 199)/200 = 1 %
    expect(
      slippageAmount(slippageSchema.parse({ model: "sqrt-impact" }), 200, 250, 1000, 201, 199),
    ).toBeCloseTo(1, 12);
    expect(slippageAmount(slippageSchema.parse(undefined), 200, 5, 1000, 201, 199)).toBe(0);
  });
});

describe("LatencyModel", () => {
  it("is fixed + uniform seeded jitter in [0, jitter), reproducible by seed", () => {
    const a = new LatencyModel({ ackFixedMs: 10, ackJitterMs: 5 }, 42);
    const b = new LatencyModel({ ackFixedMs: 10, ackJitterMs: 5 }, 42);
    const xs = Array.from({ length: 200 }, () => a.ack());
    expect(xs).toEqual(Array.from({ length: 200 }, () => b.ack()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...xs)).toBeLessThan(15);
    expect(new Set(xs).size).toBeGreaterThan(150);
    expect(new LatencyModel({}, 1).zeroFillLatency).toBe(true);
  });
});
