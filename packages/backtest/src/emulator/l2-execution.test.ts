import { describe, expect, it } from "vitest";
import type { BookFill } from "./book-execution.js";
import { L2Execution } from "./l2-execution.js";

describe("L2Execution (aggregated levels, estimated queue position)", () => {
  it("our limit waits behind the displayed size and fills once prints consume it", () => {
    const fills: BookFill[] = [];
    const ex = new L2Execution((f) => fills.push(f), "pessimistic");
    ex.level("buy", 100, 10);
    ex.level("sell", 101, 5);
    expect(ex.limit("me", "buy", 100, 3)).toBe(0);
    expect(ex.queueAhead("me")).toBe(10);
    ex.trade("sell", 100, 8);
    expect(fills).toEqual([]);
    ex.trade("sell", 100, 4); // 2 more ahead, then 2 of ours
    expect(fills).toEqual([{ orderId: "me", qty: 2, price: 100, taker: false }]);
    ex.trade("sell", 99, 1); // traded through our price: the rest fills
    expect(fills.at(-1)).toEqual({ orderId: "me", qty: 1, price: 100, taker: false });
  });

  it("cancels move us forward according to the queue model", () => {
    const run = (model: "pessimistic" | "proportional" | "optimistic") => {
      const ex = new L2Execution(() => {}, model);
      ex.level("sell", 105, 10);
      ex.limit("me", "sell", 105, 1); // 10 ahead
      ex.level("sell", 105, 15); // 5 join behind us
      ex.level("sell", 105, 12); // 3 canceled, no trades
      return ex.queueAhead("me");
    };
    expect(run("pessimistic")).toBe(10); // all cancels were behind us
    expect(run("proportional")).toBeCloseTo(10 - (3 * 10) / 15, 12); // spread over the queue
    expect(run("optimistic")).toBe(7); // all cancels were ahead
  });

  it("market orders walk the levels and never reuse liquidity already taken until the level updates", () => {
    const fills: BookFill[] = [];
    const ex = new L2Execution((f) => fills.push(f));
    ex.level("sell", 101, 2);
    ex.level("sell", 102, 3);
    expect(ex.market("a", "buy", 4)).toBe(4);
    expect(ex.market("b", "buy", 4)).toBe(1); // only 1 left at 102
    expect(fills.map((f) => [f.orderId, f.qty, f.price])).toEqual([
      ["a", 2, 101],
      ["a", 2, 102],
      ["b", 1, 102],
    ]);
    ex.level("sell", 101, 2); // the feed refreshes the level
    expect(ex.market("c", "buy", 1)).toBe(1);
  });
});
