import { describe, expect, it } from "vitest";
import type { Fill } from "../orders/order.js";
import { roundTrips } from "./round-trips.js";

const f = (side: "buy" | "sell", qty: number, price: number, ts: number, commission = 0): Fill => ({
  orderId: `O${ts}`,
  clientOrderId: `O${ts}`,
  strategyId: "s",
  symbol: "X",
  side,
  qty,
  price,
  commission,
  slippage: 0,
  ts,
  liquidityTaker: true,
});

describe("roundTrips(fills)", () => {
  it("splits a flip into a closed long and a new short, sharing the flip's commission by quantity", () => {
    const { closed, open } = roundTrips([
      f("buy", 6, 100, 1, 1),
      f("buy", 4, 105, 2, 1), // avg 102
      f("sell", 15, 110, 3, 3), // closes 10 (+80, commission 2 of 3), opens short 5
      f("buy", 5, 104, 4, 1), // closes the short: +30
    ]);
    expect(open).toBe(0);
    expect(closed).toHaveLength(2);
    expect(closed[0]).toMatchObject({
      direction: 1,
      entryTs: 1,
      exitTs: 3,
      maxQty: 10,
      entryPrice: 102,
      exitPrice: 110,
    });
    expect(closed[0]!.pnl).toBeCloseTo(80 - 1 - 1 - 2, 12);
    expect(closed[1]).toMatchObject({
      direction: -1,
      entryTs: 3,
      exitTs: 4,
      maxQty: 5,
      entryPrice: 110,
      exitPrice: 104,
    });
    expect(closed[1]!.pnl).toBeCloseTo(30 - 1 - 1, 12);
  });

  it("leaves an unclosed position open", () => {
    expect(roundTrips([f("buy", 1, 10, 1)])).toEqual({ closed: [], open: 1 });
  });
});
