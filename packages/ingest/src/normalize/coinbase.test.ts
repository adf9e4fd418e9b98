import { describe, expect, it } from "vitest";
import { coinbaseRestBook, normalizeCoinbaseRestBook } from "./coinbase.js";

describe("coinbaseRestBook (GET /products/<id>/book?level=2)", () => {
  // The documented level-2 shape: [price, size, num-orders] (num-orders a number), the book's sequence.
  const documented = {
    bids: [["6247.58", "6.3578146", 2]],
    asks: [["6251.52", "2", 1]],
    sequence: 13051505638,
    auction_mode: false,
    auction: null,
    time: "2023-03-08T18:06:30.123456Z",
  };

  it("parses the documented level-2 shape and normalizes it to a book snapshot keeping the sequence", () => {
    const ev = normalizeCoinbaseRestBook(coinbaseRestBook.parse(documented), "BTC-USD");
    expect(ev).toEqual({
      kind: "book",
      ts: Date.UTC(2023, 2, 8, 18, 6, 30, 123) + 0.456,
      snapshot: true,
      bids: [[6247.58, 6.3578146]],
      asks: [[6251.52, 2]],
      exchange: "coinbase",
      symbol: "BTC-USD",
      firstUpdateId: 13051505638,
      lastUpdateId: 13051505638,
      prevUpdateId: Number.NaN,
    });
  });

  it("rejects a level-3 row (order id instead of num-orders) and a missing sequence, naming the path", () => {
    const l3 = coinbaseRestBook.safeParse({
      ...documented,
      bids: [["6247.58", "1", "da863862-25f4-4868-ac41"]],
    });
    expect(l3.success).toBe(false);
    expect(l3.error?.issues[0]?.path).toEqual(["bids", 0, 2]);
    const { sequence: _, ...noSeq } = documented;
    expect(coinbaseRestBook.safeParse(noSeq).error?.issues[0]?.path).toEqual(["sequence"]);
  });
});
