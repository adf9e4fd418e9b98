import { describe, expect, it } from "vitest";
import { type BookEventColumns, Engine } from "./engine.js";
import type { Strategy } from "./strategy.js";

/** Builds L3 event columns from rows [ts, action, id, side, price, qty]. */
function events(symbol: string, rows: number[][]): BookEventColumns {
  const col = (k: number) => new Float64Array(rows.map((r) => r[k]!));
  return {
    symbol,
    length: rows.length,
    ts: col(0),
    action: col(1),
    id: col(2),
    side: col(3),
    price: col(4),
    qty: col(5),
  };
}

describe("Engine on an L3 book", () => {
  it("our limit joins the queue behind resting orders and fills only after they trade; market orders walk the book", () => {
    const book = events("BTC", [
      [1, 0, 1, 1, 100, 5], // bid 100 ×5 (id 1)
      [2, 0, 2, 1, 100, 3], // bid 100 ×3 (id 2)
      [3, 0, 3, -1, 101, 2], // ask 101 ×2
      [4, 0, 4, -1, 102, 4], // ask 102 ×4
      [5, 2, 0, -1, Number.NaN, 6], // a seller hits 6 at 100: ids 1 (5) and 2 (1)
      [6, 2, 0, -1, Number.NaN, 4], // 2 left of id 2, then 2 of ours
      [7, 1, 4, -1, 102, 0], // ask 102 canceled
    ]);
    const queue: number[] = [];
    let limitId = "";
    let mktId = "";
    const s: Strategy = {
      onBook(_sym, b, ctx) {
        if (ctx.now === 4) {
          limitId = ctx.submit({ symbol: "BTC", side: "buy", qty: 3, type: "limit", limitPrice: 100 }).id;
          mktId = ctx.submit({ symbol: "BTC", side: "buy", qty: 3 }).id;
        }
        queue.push((b as { bestBidQty(): number }).bestBidQty());
      },
    };
    const r = new Engine({ books: [book], strategy: s }).run();
    const lim = r.orders.find((o) => o.id === limitId)!;
    const mkt = r.orders.find((o) => o.id === mktId)!;
    expect(mkt.status).toBe("FILLED");
    expect(r.fills.filter((f) => f.orderId === mktId).map((f) => [f.qty, f.price, f.ts])).toEqual([
      [2, 101, 4],
      [1, 102, 4],
    ]);
    expect(r.fills.filter((f) => f.orderId === limitId).map((f) => [f.qty, f.price, f.ts])).toEqual([
      [2, 100, 6],
    ]);
    expect(lim.status).toBe("PARTIAL_FILL");
    expect(r.portfolio.qty("BTC")).toBe(5);
    expect(queue.at(-1)).toBe(1); // our remaining 1 at the best bid
  });

  it("unsupported order types on book data are rejected by the venue with a reason", () => {
    const book = events("X", [
      [1, 0, 1, 1, 10, 1],
      [2, 0, 2, -1, 11, 1],
    ]);
    const s: Strategy = {
      onBook(_s, _b, ctx) {
        if (ctx.now === 1) ctx.submit({ symbol: "X", side: "sell", qty: 1, type: "stop", stopPrice: 9 });
      },
    };
    const r = new Engine({ books: [book], strategy: s }).run();
    expect(r.orders[0]!.status).toBe("REJECTED");
    expect(r.orders[0]!.reason).toMatch(/not supported on book data/);
  });
});

describe("Engine on L2 levels", () => {
  it("a resting limit fills after the displayed size ahead of it trades; a market order walks the levels", () => {
    const rows = [
      [1, 0, 1, 100, 10], // bid 100 ×10
      [2, 0, -1, 101, 2], // ask 101 ×2
      [3, 0, -1, 102, 5], // ask 102 ×5
      [4, 1, -1, 100, 6], // a seller prints 6 at 100
      [4, 0, 1, 100, 4], // level now 4
      [5, 1, -1, 100, 6], // 4 ahead of us, then 2 of ours
      [5, 0, 1, 100, 0],
    ];
    const col = (k: number) => new Float64Array(rows.map((r) => r[k]!));
    const l2 = {
      symbol: "ETH",
      length: rows.length,
      ts: col(0),
      kind: col(1),
      side: col(2),
      price: col(3),
      qty: col(4),
    };
    const s: Strategy = {
      onBook(_sym, _b, ctx) {
        if (ctx.now === 3) {
          ctx.submit({ symbol: "ETH", side: "buy", qty: 3, type: "limit", limitPrice: 100 });
          ctx.submit({ symbol: "ETH", side: "buy", qty: 3 });
        }
      },
    };
    const r = new Engine({ l2: [l2], strategy: s, l2QueueModel: "pessimistic" }).run();
    expect(r.fills.map((f) => [f.orderId, f.qty, f.price, f.ts])).toEqual([
      ["O2", 2, 101, 3],
      ["O2", 1, 102, 3],
      ["O1", 2, 100, 5],
    ]);
    expect(r.orders.map((o) => o.status)).toEqual(["PARTIAL_FILL", "FILLED"]);
  });
});
