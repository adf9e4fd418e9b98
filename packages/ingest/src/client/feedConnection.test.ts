import { SimulatedClock } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { FeedMetrics } from "../metrics/feedMetrics.js";
import { FeedConnection } from "./feedConnection.js";
import { TEST_CONNECTION as base } from "./feedConnection.testutil.js";

describe("FeedConnection (the lifecycle shared by the venue feeds)", () => {
  it("backoffDelay(k) lies in [(1 − jitter)·d, d] with d = min(maxMs, initialMs·factor^k), reproducible by seed", () => {
    const clock = new SimulatedClock(0);
    const a = new FeedConnection<number>(base, clock, new FeedMetrics(clock));
    const b = new FeedConnection<number>(base, clock, new FeedMetrics(clock));
    for (let k = 0; k < 10; k++) {
      const d = Math.min(1000, 100 * 2 ** k);
      const x = a.backoffDelay(k);
      expect(x).toBeGreaterThanOrEqual(0.5 * d);
      expect(x).toBeLessThanOrEqual(d);
      expect(b.backoffDelay(k)).toBe(x);
    }
  });

  it("push/next keep order; a full buffer under policy drop refuses and counts, never silently", () => {
    const clock = new SimulatedClock(0);
    const m = new FeedMetrics(clock);
    const c = new FeedConnection<number>(base, clock, m);
    expect([1, 2, 3, 4].map((x) => c.push(x, "X", "trade"))).toEqual([true, true, true, false]);
    expect(m.total("buffer_dropped")).toBe(1);
    expect(c.buffered).toBe(3);
    expect([c.next(), c.next(), c.next(), c.next()]).toEqual([1, 2, 3, undefined]);
  });

  it("under policy pause a full buffer still queues (the socket is paused) and counts one pause", () => {
    const clock = new SimulatedClock(0);
    const m = new FeedMetrics(clock);
    const c = new FeedConnection<number>({ ...base, buffer: { capacity: 2, policy: "pause" } }, clock, m);
    for (let i = 0; i < 5; i++) expect(c.push(i, "X", "trade")).toBe(true);
    expect(m.total("buffer_paused")).toBe(1);
    expect(c.buffered).toBe(5);
  });

  it("wait() resolves on the next push, and close() ends waiting with isClosed", async () => {
    const clock = new SimulatedClock(0);
    const c = new FeedConnection<number>(base, clock, new FeedMetrics(clock));
    const w = c.wait();
    c.push(1, "X", "trade");
    await w;
    expect(c.next()).toBe(1);
    const w2 = c.wait();
    await c.close();
    await w2;
    expect(c.isClosed).toBe(true);
  });
});
