import { describe, expect, it } from "vitest";
import { BookExecution, type BookFill } from "./book-execution.js";

function setup() {
  const fills: BookFill[] = [];
  const ex = new BookExecution((f) => fills.push(f));
  return { ex, fills };
}

describe("BookExecution (L3, price-time priority)", () => {
  it("queue position: orders ahead of us at our price trade first", () => {
    const { ex, fills } = setup();
    ex.add(1, "buy", 100, 5);
    ex.add(2, "buy", 100, 3);
    ex.add(3, "buy", 99, 10);
    expect(ex.limit("me", "buy", 100, 4)).toBe(0);
    expect(ex.queueAhead("me")).toBe(8);
    ex.trade("sell", 6); // 5 from order 1, 1 from order 2
    expect(fills).toEqual([]);
    expect(ex.queueAhead("me")).toBe(2);
    ex.trade("sell", 4); // 2 left of order 2, then 2 of ours
    expect(fills).toEqual([{ orderId: "me", qty: 2, price: 100, taker: false }]);
    ex.trade("sell", 5); // our last 2, then 3 at 99
    expect(fills.map((f) => f.qty)).toEqual([2, 2]);
    expect(ex.queueAhead("me")).toBeNaN();
  });

  it("a cancel ahead of us improves our queue position", () => {
    const { ex } = setup();
    ex.add(1, "sell", 101, 5);
    ex.limit("me", "sell", 101, 1);
    ex.add(2, "sell", 101, 7);
    expect(ex.queueAhead("me")).toBe(5);
    ex.cancel(1);
    expect(ex.queueAhead("me")).toBe(0);
  });

  it("a market order walks the book (price impact) and fills partially when liquidity runs out", () => {
    const { ex, fills } = setup();
    ex.add(1, "sell", 101, 2);
    ex.add(2, "sell", 102, 3);
    expect(ex.market("mkt", "buy", 4)).toBe(4);
    expect(fills).toEqual([
      { orderId: "mkt", qty: 2, price: 101, taker: true },
      { orderId: "mkt", qty: 2, price: 102, taker: true },
    ]);
    expect(ex.market("mkt2", "buy", 5)).toBe(1);
  });

  it("a crossing limit trades first at the makers' prices, the rest rests", () => {
    const { ex, fills } = setup();
    ex.add(1, "sell", 101, 2);
    expect(ex.limit("me", "buy", 102, 5)).toBe(2);
    expect(fills).toEqual([{ orderId: "me", qty: 2, price: 101, taker: true }]);
    expect(ex.book.bestBid()).toBe(102);
    expect(ex.cancelOwn("me")).toBe(true);
    expect(ex.book.bestBid()).toBeNaN();
  });
});
