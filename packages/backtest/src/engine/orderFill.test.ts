import { describe, expect, it } from "vitest";
import { Portfolio } from "../portfolio/portfolio.js";
import { KernelOrders } from "./kernelOrders.testutil.js";
import { orderFill } from "./orderFill.js";

describe("orderFill(order, qty, price, slippagePerUnit, taker, ts, portfolio)", () => {
  it("copies the order's identity, charges the portfolio's commission and scales slippage by the quantity", () => {
    const pf = new Portfolio({ commission: { perShare: 0.01, minimum: 1 } });
    const o = new KernelOrders().working({ symbol: "X", side: "sell", qty: 500 });
    expect(orderFill(o, 300, 20, 0.05, false, 42, pf)).toEqual({
      orderId: o.id,
      clientOrderId: o.clientOrderId,
      strategyId: "s1",
      symbol: "X",
      side: "sell",
      qty: 300,
      price: 20,
      commission: 3, // 300 × 0.01, above the 1.00 minimum
      slippage: 15,
      ts: 42,
      liquidityTaker: false,
    });
    expect(orderFill(o, 10, 20, 0, true, 43, pf).commission).toBe(1); // the minimum
  });
});
