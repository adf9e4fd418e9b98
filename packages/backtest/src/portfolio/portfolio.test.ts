import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Fill } from "../orders/order.js";
import { commissionFor } from "./commission.js";
import { Portfolio } from "./portfolio.js";
import { Position } from "./position.js";

function fill(
  symbol: string,
  side: "buy" | "sell",
  qty: number,
  price: number,
  commission = 0,
  strategyId = "s",
): Fill {
  return {
    orderId: "O",
    clientOrderId: "O",
    strategyId,
    symbol,
    side,
    qty,
    price,
    commission,
    slippage: 0,
    ts: 0,
    liquidityTaker: true,
  };
}

describe("Position", () => {
  it("opening, adding, reducing, flipping and closing", () => {
    const p = new Position("X");
    p.apply(10, 100); // open long 10 @ 100
    p.apply(10, 110); // add: avg 105
    expect([p.qty, p.avgPrice, p.realized]).toEqual([20, 105, 0]);
    p.apply(-5, 120); // reduce: realize 5·15
    expect([p.qty, p.avgPrice, p.realized]).toEqual([15, 105, 75]);
    p.apply(-25, 100); // flip: realize 15·(−5) = −75, short 10 @ 100
    expect([p.qty, p.avgPrice, p.realized]).toEqual([-10, 100, 0]);
    p.apply(10, 90); // close short: +100
    expect([p.qty, p.avgPrice, p.realized]).toEqual([0, 0, 100]);
  });
});

describe("commissionFor", () => {
  it("adds per-share, bps and flat, then applies the minimum", () => {
    expect(commissionFor({ perShare: 0.005, bps: 0, flat: 0, minimum: 1 }, 100, 50)).toBe(1);
    expect(commissionFor({ perShare: 0.01, bps: 10, flat: 2, minimum: 1 }, 100, 50)).toBeCloseTo(
      1 + 5 + 2,
      12,
    );
  });
});

describe("Portfolio", () => {
  it("cash, equity, short selling and leverage", () => {
    const pf = new Portfolio({ initialCash: 1000, maxLeverage: 2 });
    pf.applyFill(fill("X", "sell", 5, 100, 1));
    expect(pf.cash).toBe(1000 + 500 - 1);
    pf.mark("X", 90);
    expect(pf.equity).toBe(1499 - 450);
    expect(pf.unrealized).toBe(50);
    expect(pf.grossExposure).toBe(450);
    expect(pf.leverage).toBeCloseTo(450 / 1049, 12);
    expect(pf.buyingPower).toBeCloseTo(1049 * 2 - 450, 9);
  });

  it("P&L is conserved: equity − initialCash = realized + unrealized − commissions (property)", () => {
    const step = fc.record({
      sym: fc.constantFrom("A", "B", "C"),
      strat: fc.constantFrom("s1", "s2"),
      dq: fc.integer({ min: -50, max: 50 }).filter((x) => x !== 0),
      price: fc.double({ min: 1, max: 500, noNaN: true }),
      mark: fc.double({ min: 1, max: 500, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const pf = new Portfolio({ initialCash: 10_000, commission: { perShare: 0.01, minimum: 0.5 } });
        for (const s of steps) {
          const side = s.dq > 0 ? "buy" : "sell";
          const q = Math.abs(s.dq);
          pf.mark(s.sym, s.price);
          pf.applyFill(fill(s.sym, side, q, s.price, pf.commissionFor(q, s.price), s.strat));
          pf.mark(s.sym, s.mark);
        }
        const lhs = pf.equity - pf.initialCash;
        const rhs = pf.realized + pf.unrealized - pf.totalCommissions;
        expect(lhs).toBeCloseTo(rhs, 6);
        const bySym = pf.attributionBySymbol().reduce((a, r) => a + r.net, 0);
        const byStrat = pf.attributionByStrategy().reduce((a, r) => a + r.net, 0);
        expect(bySym).toBeCloseTo(rhs, 6);
        expect(byStrat).toBeCloseTo(rhs, 6);
      }),
    );
  });
});
