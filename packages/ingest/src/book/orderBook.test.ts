import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrderBook } from "./orderBook.js";

describe("OrderBook", () => {
  it("applying diffs equals replaying the final value of each level (last write wins, 0 deletes)", () => {
    const change = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom(0, 0.5, 1, 2.25));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(change), fc.array(change)), { maxLength: 20 }), (diffs) => {
        const book = new OrderBook();
        const bids = new Map<number, number>();
        const asks = new Map<number, number>();
        for (const [b, a] of diffs) {
          book.apply(b, a);
          for (const [p, s] of b) bids.set(p, s);
          for (const [p, s] of a) asks.set(p, s);
        }
        const live = (m: Map<number, number>) => [...m].filter(([, s]) => s !== 0);
        const lv = book.levels();
        expect(lv.bids).toEqual(live(bids).sort((x, y) => y[0] - x[0]));
        expect(lv.asks).toEqual(live(asks).sort((x, y) => x[0] - y[0]));
        const bb = live(bids).map(([p]) => p);
        expect(book.bestBid()).toBe(bb.length ? Math.max(...bb) : Number.NaN);
      }),
      { numRuns: 200 },
    );
  });
  it("bestBid/bestAsk (cached) equal the max bid and min ask after every diff, deletions of the best included", () => {
    const change = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 0, 1, 2.25));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(change), fc.array(change)), { maxLength: 30 }), (diffs) => {
        const book = new OrderBook();
        book.reset([[5, 1]], [[7, 1]]);
        const bids = new Map<number, number>([[5, 1]]);
        const asks = new Map<number, number>([[7, 1]]);
        for (const [b, a] of diffs) {
          book.apply(b, a);
          for (const [p, s] of b) s === 0 ? bids.delete(p) : bids.set(p, s);
          for (const [p, s] of a) s === 0 ? asks.delete(p) : asks.set(p, s);
          const bp = [...bids.keys()];
          const ap = [...asks.keys()];
          expect(book.bestBid()).toBe(bp.length ? Math.max(...bp) : Number.NaN);
          expect(book.bestAsk()).toBe(ap.length ? Math.min(...ap) : Number.NaN);
          expect(book.crossed()).toBe(bp.length > 0 && ap.length > 0 && Math.max(...bp) >= Math.min(...ap));
        }
      }),
      { numRuns: 200 },
    );
  });
  it("reset replaces the book", () => {
    const book = new OrderBook();
    book.reset([[100, 1]], [[101, 2]]);
    book.reset([[99, 1]], []);
    expect(book.levels()).toEqual({ bids: [[99, 1]], asks: [] });
    expect(book.bestAsk()).toBeNaN();
  });
});
