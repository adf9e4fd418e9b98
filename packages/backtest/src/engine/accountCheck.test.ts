import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Order } from "../orders/order.js";
import { Portfolio } from "../portfolio/portfolio.js";
import { accountCheck } from "./accountCheck.js";
import { KernelOrders } from "./kernelOrders.testutil.js";

/** An order book whose open orders are exactly `orders`. */
const open = (...orders: Order[]) => ({ openOrders: () => orders });
const none = open();

function cashAccount(options: { allowShort?: boolean } = {}) {
  const k = new KernelOrders();
  const pf = new Portfolio({ initialCash: 10_000, maxLeverage: 1, ...options });
  pf.mark("X", 100);
  return { k, pf };
}

describe("accountCheck(order, portfolio, orders)", () => {
  it("takes an order that uses exactly the buying power and refuses one unit more, naming the numbers", () => {
    const { k, pf } = cashAccount();
    const fits = k.sent({ symbol: "X", side: "buy", qty: 100 });
    const over = k.sent({ symbol: "X", side: "buy", qty: 101 });
    expect(accountCheck(fits, pf, none)).toBeUndefined();
    expect(accountCheck(over, pf, none)).toEqual({
      kind: "buying-power",
      added: 10_100,
      reserved: 0,
      available: 10_000,
    });
  });

  it("prices the order at its limit, else its stop, else the last price", () => {
    const { k, pf } = cashAccount();
    const limit = k.sent({ symbol: "X", side: "buy", qty: 100, type: "limit", limitPrice: 101 });
    const stop = k.sent({ symbol: "X", side: "buy", qty: 100, type: "stop", stopPrice: 99 });
    expect(accountCheck(limit, pf, none)).toMatchObject({ added: 10_100 });
    expect(accountCheck(stop, pf, none)).toBeUndefined();
  });

  it("counts what other sent orders may still add, but not the order itself nor orders not yet sent", () => {
    const { k, pf } = cashAccount();
    const other = k.fill(
      k.working({ symbol: "X", side: "buy", qty: 30, type: "limit", limitPrice: 50 }),
      10,
      50,
    );
    const unsent = k.created({ symbol: "X", side: "buy", qty: 1 });
    const o = k.sent({ symbol: "X", side: "buy", qty: 95 });
    expect(accountCheck(o, pf, open(other, unsent, o))).toEqual({
      kind: "buying-power",
      added: 9_500,
      reserved: 1_000, // 20 left × 50
      available: 10_000,
    });
  });

  it("refuses a short sale when shorting is off and takes orders that reduce exposure or have no price", () => {
    const { k, pf } = cashAccount({ allowShort: false });
    expect(accountCheck(k.sent({ symbol: "X", side: "sell", qty: 1 }), pf, none)).toEqual({
      kind: "short-not-allowed",
      symbol: "X",
      position: -1,
    });
    expect(accountCheck(k.sent({ symbol: "Y", side: "buy", qty: 1e9 }), pf, none)).toBeUndefined();
    const short = new Portfolio({ initialCash: 10_000 });
    short.mark("X", 100);
    short.applyFill({ ...fillOf("sell", 200), symbol: "X" });
    expect(short.buyingPower).toBeLessThanOrEqual(0);
    expect(accountCheck(k.sent({ symbol: "X", side: "buy", qty: 150 }), short, none)).toBeUndefined();
  });

  it("is monotone in quantity: once an order is too large, every larger one is refused (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom("buy" as const, "sell" as const),
        (a, b, side) => {
          const { k, pf } = cashAccount();
          const [small, large] = a <= b ? [a, b] : [b, a];
          const rs = accountCheck(k.sent({ symbol: "X", side, qty: small }), pf, none);
          const rl = accountCheck(k.sent({ symbol: "X", side, qty: large }), pf, none);
          if (rs !== undefined) expect(rl).toBeDefined();
          expect(rl === undefined).toBe(large * 100 <= 10_000);
        },
      ),
      { numRuns: 200 },
    );
  });
});

function fillOf(side: "buy" | "sell", qty: number) {
  return {
    orderId: "o",
    clientOrderId: "o",
    strategyId: "s",
    symbol: "X",
    side,
    qty,
    price: 100,
    commission: 0,
    slippage: 0,
    ts: 0,
    liquidityTaker: true,
  };
}
