import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { L2QueuePosition, type QueueModel } from "./l2QueuePosition.js";

describe("L2QueuePosition", () => {
  it("joins at the back, is filled only after the queue ahead trades, and a trade-through fills completely", () => {
    const fills: [number, number][] = [];
    const q = new L2QueuePosition("pessimistic");
    q.join(1, "buy", 100, 2, 10);
    q.join(2, "buy", 101, 5, 0);
    q.onTrade("buy", 100, 9, (id, n) => fills.push([id, n]));
    expect(q.ahead(1)).toBe(1);
    expect(fills).toEqual([[2, 5]]); // a sell printing at 100 went through our bid at 101
    q.onTrade("buy", 100, 2, (id, n) => fills.push([id, n]));
    expect(fills.at(-1)).toEqual([1, 1]);
    expect(q.remaining(1)).toBe(1);
    q.onTrade("sell", 100, 50, (id, n) => fills.push([id, n])); // asks hit: not our side
    expect(fills.length).toBe(2);
  });

  it("does not count a trade twice when the L2 diff then shows the level shrinking", () => {
    const q = new L2QueuePosition("optimistic");
    q.join(1, "sell", 50, 1, 10);
    q.onTrade("sell", 50, 4, () => {});
    q.onLevelChange("sell", 50, 10, 6); // the 4 traded, no cancel
    expect(q.ahead(1)).toBe(6);
    q.onLevelChange("sell", 50, 6, 4); // 2 cancelled: optimistic puts them ahead of us
    expect(q.ahead(1)).toBe(4);
  });

  it("models cancels: pessimistic keeps our place, proportional moves pro rata, optimistic moves fully", () => {
    const ahead = (m: QueueModel) => {
      const q = new L2QueuePosition(m);
      q.join(1, "buy", 10, 1, 6); // 6 ahead
      q.onLevelChange("buy", 10, 6, 9); // 3 joined behind us
      q.onLevelChange("buy", 10, 9, 6); // 3 cancelled
      return q.ahead(1);
    };
    expect(ahead("pessimistic")).toBe(6);
    expect(ahead("proportional")).toBe(6 - (3 * 6) / 9);
    expect(ahead("optimistic")).toBe(3);
  });

  it("ahead stays within [0, level size], fills never exceed the order, and optimistic ≤ proportional ≤ pessimistic", () => {
    const ev = fc.oneof(
      fc.record({ k: fc.constant("trade" as const), qty: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ k: fc.constant("level" as const), qty: fc.integer({ min: 0, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(ev, { maxLength: 60 }), (start, evs) => {
        const models: QueueModel[] = ["optimistic", "proportional", "pessimistic"];
        const qs = models.map((m) => new L2QueuePosition(m));
        const filled = [0, 0, 0];
        qs.forEach((q) => {
          q.join(7, "buy", 100, 5, start);
        });
        let level = start;
        for (const e of evs) {
          if (e.k === "trade") {
            const t = Math.min(e.qty, level + 5);
            qs.forEach((q, i) => {
              q.onTrade("buy", 100, t, (_, n) => {
                filled[i]! += n;
              });
            });
            const after = Math.max(0, level - t);
            qs.forEach((q) => {
              q.onLevelChange("buy", 100, level, after);
            });
            level = after;
          } else {
            qs.forEach((q) => {
              q.onLevelChange("buy", 100, level, e.qty);
            });
            level = e.qty;
          }
          const a = qs.map((q) => (Number.isNaN(q.ahead(7)) ? 0 : q.ahead(7)));
          for (const x of a) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(level + 1e-9);
          }
          for (const f of filled) expect(f).toBeLessThanOrEqual(5);
          expect(filled[0]).toBeGreaterThanOrEqual(filled[1]! - 1e-9);
          expect(filled[1]).toBeGreaterThanOrEqual(filled[2]! - 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });
});
