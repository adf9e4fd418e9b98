import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { L3Book } from "./l3Book.js";
import { NaiveOrderBook } from "./naiveOrderBook.js";

function levelsOf(b: L3Book, side: "buy" | "sell"): [number, number][] {
  const n = b.levels(side);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  b.depth(side, n, p, q);
  return Array.from(p, (price, i) => [price, q[i]!]);
}

describe("L3Book", () => {
  it("keeps price-time priority: older orders at a price trade first, better prices before worse", () => {
    const fills: string[] = [];
    const b = new L3Book({ onFill: (m, t, p, q) => fills.push(`${m}@${p}x${q}<-${t}`) });
    b.add(1, "sell", 101, 5);
    b.add(2, "sell", 101, 3);
    b.add(3, "sell", 100.5, 1);
    expect(b.bestAsk()).toBe(100.5);
    expect(b.queueAhead(2)).toBe(5);
    expect(b.ordersAhead(2)).toBe(1);
    expect(b.match("buy", 7, Number.NaN, 99)).toBe(7);
    expect(fills).toEqual(["3@100.5x1<-99", "1@101x5<-99", "2@101x1<-99"]);
    expect(b.bestAsk()).toBe(101);
    expect(b.orderQty(2)).toBe(2);
    expect(b.queueAhead(2)).toBe(0);
  });

  it("a crossing limit order trades at the makers' prices up to its limit and rests the remainder", () => {
    const b = new L3Book();
    b.add(1, "sell", 101, 2);
    b.add(2, "sell", 102, 2);
    b.add(3, "sell", 103, 2);
    expect(b.add(4, "buy", 102, 5)).toBe(4);
    expect(b.bestBid()).toBe(102);
    expect(b.bestBidQty()).toBe(1);
    expect(b.bestAsk()).toBe(103);
  });

  it("reducing keeps queue priority; increasing or re-pricing moves to the back", () => {
    const b = new L3Book();
    b.add(1, "buy", 100, 5, true);
    b.add(2, "buy", 100, 5);
    b.modify(1, 3);
    expect(b.queueAhead(2)).toBe(3);
    b.modify(1, 4); // increase → back of the queue
    expect(b.queueAhead(1)).toBe(5);
    expect(b.queueAhead(2)).toBe(0);
    b.modify(2, 5, 99);
    expect(b.queueAhead(1)).toBe(0);
    expect(b.isOwn(1)).toBe(true);
    expect(b.levels("buy")).toBe(2);
  });

  it("spread, mid, imbalance, microprice and depth on a small book", () => {
    const b = new L3Book();
    b.add(1, "buy", 99, 3);
    b.add(2, "buy", 98, 1);
    b.add(3, "sell", 101, 1);
    b.add(4, "sell", 102, 7);
    expect(b.spread()).toBe(2);
    expect(b.mid()).toBe(100);
    expect(b.imbalance()).toBe(0.5); // (3 − 1)/(3 + 1)
    expect(b.imbalance(2)).toBe((4 - 8) / 12);
    expect(b.microprice()).toBe((99 * 1 + 101 * 3) / 4);
    expect(levelsOf(b, "sell")).toEqual([
      [101, 1],
      [102, 7],
    ]);
  });

  it("holds 20,000 resting orders on one symbol and empties cleanly", () => {
    const b = new L3Book({ capacity: 16 });
    for (let i = 0; i < 20_000; i++)
      b.add(i, i % 2 ? "sell" : "buy", i % 2 ? 1000 + (i % 500) : 999 - (i % 500), 1);
    expect(b.size).toBe(20_000);
    expect(b.levels("buy")).toBe(250);
    expect(b.match("buy", 10_000)).toBe(10_000);
    for (let i = 0; i < 20_000; i += 2) expect(b.cancel(i)).toBe(true);
    expect(b.size).toBe(0);
    expect(Number.isNaN(b.bestBid())).toBe(true);
    expect(b.cancel(0)).toBe(false);
  });

  it("rejects a duplicate resting id", () => {
    const b = new L3Book();
    b.add(1, "buy", 1, 1);
    expect(() => b.add(1, "buy", 1, 1)).toThrow(/already resting/);
  });

  it("agrees with the naive sorted-array book on random op streams (fills, levels, queue positions)", () => {
    const op = fc.oneof(
      fc.record({
        k: fc.constant("add" as const),
        side: fc.constantFrom("buy" as const, "sell" as const),
        tick: fc.integer({ min: 90, max: 110 }),
        qty: fc.integer({ min: 1, max: 9 }),
      }),
      fc.record({ k: fc.constant("cancel" as const), pick: fc.nat() }),
      fc.record({
        k: fc.constant("modify" as const),
        pick: fc.nat(),
        qty: fc.integer({ min: 0, max: 9 }),
        tick: fc.option(fc.integer({ min: 90, max: 110 }), { nil: undefined }),
      }),
      fc.record({
        k: fc.constant("match" as const),
        side: fc.constantFrom("buy" as const, "sell" as const),
        qty: fc.integer({ min: 1, max: 30 }),
        lim: fc.option(fc.integer({ min: 90, max: 110 }), { nil: undefined }),
      }),
    );
    fc.assert(
      // ids: dense small integers (direct table) and negative / huge / fractional ones (Map path)
      fc.property(fc.array(op, { maxLength: 300 }), fc.constantFrom(0, 1, 2, 3), (ops, idKind) => {
        const ext = (i: number) => [i, -i - 1, i * 2 ** 31 + 2 ** 24, i + 0.5][idKind]!;
        const fa: string[] = [];
        const fb: string[] = [];
        const a = new L3Book({ capacity: 16, onFill: (m, t, p, q) => fa.push(`${m},${t},${p},${q}`) });
        const b = new NaiveOrderBook((m, t, p, q) => fb.push(`${m},${t},${p},${q}`));
        let next = 0;
        for (const o of ops) {
          if (o.k === "add") {
            const id = ext(next++);
            expect(a.add(id, o.side, o.tick / 4, o.qty)).toBe(b.add(id, o.side, o.tick / 4, o.qty));
          } else if (o.k === "cancel") {
            const id = ext(next > 0 ? o.pick % next : 0);
            expect(a.cancel(id)).toBe(b.cancel(id));
          } else if (o.k === "modify") {
            const id = ext(next > 0 ? o.pick % next : 0);
            const p = o.tick === undefined ? undefined : o.tick / 4;
            expect(a.modify(id, o.qty, p)).toBe(b.modify(id, o.qty, p));
          } else {
            const lim = o.lim === undefined ? Number.NaN : o.lim / 4;
            expect(a.match(o.side, o.qty, lim)).toBe(b.match(o.side, o.qty, lim));
          }
        }
        expect(fa).toEqual(fb);
        expect(levelsOf(a, "buy")).toEqual(b.levels("buy"));
        expect(levelsOf(a, "sell")).toEqual(b.levels("sell"));
        expect(a.size).toBe(b.size);
        for (let i = 0; i < next; i++) {
          const id = ext(i);
          expect(a.orderQty(id)).toStrictEqual(b.orderQty(id));
          expect(a.queueAhead(id)).toStrictEqual(b.queueAhead(id));
          expect(a.has(id)).toBe(!Number.isNaN(b.orderQty(id)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
