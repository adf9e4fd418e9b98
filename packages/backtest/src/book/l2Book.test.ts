import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bookImbalance, microprice } from "./bookMath.js";
import { L2Book } from "./l2Book.js";

describe("L2Book", () => {
  it("set replaces a level's quantity, 0 deletes it, deleting an absent level is a no-op", () => {
    const b = new L2Book();
    expect(b.set("buy", 100, 2)).toBe(0);
    expect(b.set("buy", 100, 3)).toBe(2);
    expect(b.set("buy", 99, 1)).toBe(0);
    expect(b.set("buy", 98, 0)).toBe(0);
    expect(b.levels("buy")).toBe(2);
    expect(b.set("buy", 100, 0)).toBe(3);
    expect(b.bestBid()).toBe(99);
  });

  it("spread, mid, imbalance and microprice follow their definitions", () => {
    const b = new L2Book();
    b.set("buy", 100, 3);
    b.set("sell", 101, 1);
    b.set("sell", 102, 5);
    expect(b.spread()).toBe(1);
    expect(b.mid()).toBe(100.5);
    expect(b.imbalance()).toBe(bookImbalance(3, 1));
    expect(b.imbalance(5)).toBe((3 - 6) / 9);
    expect(b.microprice()).toBe(microprice(100, 3, 101, 1));
    expect(microprice(100, 3, 101, 1)).toBe(100.75);
    expect(Number.isNaN(bookImbalance(0, 0))).toBe(true);
  });

  it("depth(n) equals the sorted levels of a Map model after random updates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 4 })), {
          maxLength: 400,
        }),
        fc.integer({ min: 0, max: 70 }),
        (ups, n) => {
          const b = new L2Book();
          const m = { buy: new Map<number, number>(), sell: new Map<number, number>() };
          for (const [isBuy, tick, q] of ups) {
            const side = isBuy ? "buy" : "sell";
            b.set(side, tick / 8, q);
            if (q === 0) m[side].delete(tick / 8);
            else m[side].set(tick / 8, q);
          }
          for (const side of ["buy", "sell"] as const) {
            const want = [...m[side]]
              .sort((x, y) => (side === "buy" ? y[0] - x[0] : x[0] - y[0]))
              .slice(0, n);
            const p = new Float64Array(n);
            const q = new Float64Array(n);
            const k = b.depth(side, n, p, q);
            expect(Array.from(p.subarray(0, k), (x, i) => [x, q[i]])).toEqual(want);
            expect(b.levels(side)).toBe(m[side].size);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
