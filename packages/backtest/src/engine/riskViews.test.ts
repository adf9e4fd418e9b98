import { describe, expect, it } from "vitest";
import { KernelOrders } from "./kernelOrders.testutil.js";
import { riskOpenOrders, riskOrderRequest } from "./riskViews.js";

describe("riskOrderRequest(order) and riskOpenOrders(open)", () => {
  it("riskOrderRequest copies the order's id, symbol, side, type, quantity and prices", () => {
    const o = new KernelOrders().created({
      symbol: "X",
      side: "sell",
      qty: 7,
      type: "stop-limit",
      limitPrice: 9,
      stopPrice: 10,
    });
    expect(riskOrderRequest(o)).toEqual({
      clientOrderId: o.clientOrderId,
      symbol: "X",
      side: "sell",
      type: "stop-limit",
      quantity: 7,
      limitPrice: 9,
      stopPrice: 10,
    });
  });

  it("riskOpenOrders lists sent orders with their unfilled quantity and leaves out orders not yet sent", () => {
    const k = new KernelOrders();
    const partly = k.fill(
      k.working({ symbol: "X", side: "buy", qty: 10, type: "limit", limitPrice: 5 }),
      4,
      5,
    );
    const unsent = k.created({ symbol: "Y", side: "sell", qty: 1 });
    const pending = k.sent({ symbol: "Z", side: "sell", qty: 2 });
    expect(riskOpenOrders([partly, unsent, pending])).toEqual([
      {
        clientOrderId: partly.clientOrderId,
        symbol: "X",
        side: "buy",
        remaining: 6,
        limitPrice: 5,
        stopPrice: undefined,
      },
      {
        clientOrderId: pending.clientOrderId,
        symbol: "Z",
        side: "sell",
        remaining: 2,
        limitPrice: undefined,
        stopPrice: undefined,
      },
    ]);
  });
});
