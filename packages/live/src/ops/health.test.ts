import { SimulatedClock } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { HealthMonitor } from "./health.js";

describe("HealthMonitor", () => {
  it("is 200 only when connected, data is fresh and no critical error happened in the last 5 minutes", () => {
    const clock = new SimulatedClock(0);
    const h = new HealthMonitor(clock, { dataStaleMs: 60_000 });
    expect(h.report().reasons).toEqual(["broker not connected"]);
    h.setConnected(true);
    expect(h.report().status).toBe(200); // within the start grace period
    clock.advanceTo(60_001);
    expect(h.report().reasons).toEqual(["no market data since start (60 s)"]);
    h.markData(60_001);
    expect(h.report().status).toBe(200);
    clock.advanceTo(130_000);
    expect(h.report().reasons).toEqual(["market data stale: last event 70 s ago (limit 60 s)"]);
    h.markData(130_000);
    h.critical("strategy threw");
    expect(h.report()).toMatchObject({
      ok: false,
      status: 503,
      reasons: ["critical error 0 s ago: strategy threw"],
    });
    clock.advanceTo(130_000 + 300_000);
    h.markData(clock.now());
    expect(h.report().reasons).toEqual(["critical error 300 s ago: strategy threw"]);
    clock.advanceTo(130_000 + 300_001);
    h.markData(clock.now());
    expect(h.report()).toMatchObject({ ok: true, status: 200, reasons: [] });
    h.setConnected(false);
    expect(h.report().status).toBe(503);
  });
});
