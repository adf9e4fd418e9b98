import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, type OrderRequest, type OrderStatus, orderRequestSchema } from "./order.js";
import { InvalidOrderTransitionError, OrderManager } from "./order-manager.js";

const req: OrderRequest = orderRequestSchema.parse({ symbol: "AAPL", side: "buy", qty: 10 });

// Written out independently of ORDER_TRANSITIONS: the lifecycle the issue specifies.
const VALID = new Set([
  "NEW>PENDING_NEW",
  "NEW>REJECTED",
  "PENDING_NEW>ACKNOWLEDGED",
  "PENDING_NEW>REJECTED",
  "PENDING_NEW>CANCELED",
  ...["ACKNOWLEDGED", "PARTIAL_FILL"].flatMap((f) =>
    ["PARTIAL_FILL", "FILLED", "PENDING_CANCEL", "PENDING_REPLACE", "CANCELED", "EXPIRED"].map(
      (t) => `${f}>${t}`,
    ),
  ),
  "PENDING_CANCEL>CANCELED",
  "PENDING_CANCEL>PARTIAL_FILL",
  "PENDING_CANCEL>FILLED",
  "PENDING_CANCEL>ACKNOWLEDGED",
  "PENDING_CANCEL>EXPIRED",
  "PENDING_REPLACE>ACKNOWLEDGED",
  "PENDING_REPLACE>PARTIAL_FILL",
  "PENDING_REPLACE>FILLED",
  "PENDING_REPLACE>CANCELED",
  "PENDING_REPLACE>EXPIRED",
]);

const PATH: Record<OrderStatus, OrderStatus[]> = {
  NEW: [],
  PENDING_NEW: ["PENDING_NEW"],
  ACKNOWLEDGED: ["PENDING_NEW", "ACKNOWLEDGED"],
  PARTIAL_FILL: ["PENDING_NEW", "ACKNOWLEDGED", "PARTIAL_FILL"],
  FILLED: ["PENDING_NEW", "ACKNOWLEDGED", "FILLED"],
  PENDING_CANCEL: ["PENDING_NEW", "ACKNOWLEDGED", "PENDING_CANCEL"],
  CANCELED: ["PENDING_NEW", "ACKNOWLEDGED", "CANCELED"],
  REJECTED: ["REJECTED"],
  PENDING_REPLACE: ["PENDING_NEW", "ACKNOWLEDGED", "PENDING_REPLACE"],
  EXPIRED: ["PENDING_NEW", "ACKNOWLEDGED", "EXPIRED"],
};

function orderAt(status: OrderStatus): { om: OrderManager; id: string } {
  const om = new OrderManager();
  const o = om.create(req, 0);
  let t = 1;
  for (const s of PATH[status]) om.transition(o.id, s, { ts: t++, initiator: "system", venueOrderId: "V1" });
  expect(om.get(o.id)!.status).toBe(status);
  return { om, id: o.id };
}

describe("OrderManager state machine", () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const key = `${from}>${to}`;
      if (VALID.has(key)) {
        it(`${from} → ${to} is allowed and audited`, () => {
          const { om, id } = orderAt(from);
          const o = om.transition(id, to, { ts: 99, initiator: "venue", reason: "test" });
          expect(o.status).toBe(to);
          expect(om.audit({ orderId: id }).at(-1)).toMatchObject({ from, to, ts: 99, initiator: "venue" });
          expect(om.invalidTransitions).toHaveLength(0);
        });
      } else {
        it(`${from} → ${to} throws InvalidOrderTransitionError and is recorded`, () => {
          const { om, id } = orderAt(from);
          expect(() => om.transition(id, to, { ts: 99, initiator: "strategy" })).toThrow(
            InvalidOrderTransitionError,
          );
          expect(om.invalidTransitions).toHaveLength(1);
          expect(om.invalidTransitions[0]).toMatchObject({ orderId: id, from, to });
          expect(om.get(id)!.status).toBe(from);
        });
      }
    }
  }

  it("terminal orders leave the open set; working ones stay", () => {
    const { om, id } = orderAt("ACKNOWLEDGED");
    expect(om.openOrders("AAPL").map((o) => o.id)).toEqual([id]);
    om.transition(id, "CANCELED", { ts: 5, initiator: "venue", reason: "unsolicited: venue halted" });
    expect(om.openCount).toBe(0);
  });

  it("fills accumulate filledQty and a volume-weighted average price", () => {
    const { om, id } = orderAt("ACKNOWLEDGED");
    const fill = (qty: number, price: number) => ({
      orderId: id,
      clientOrderId: id,
      strategyId: "default",
      symbol: "AAPL",
      side: "buy" as const,
      qty,
      price,
      commission: 0,
      slippage: 0,
      ts: 3,
      liquidityTaker: true,
    });
    om.transition(id, "PARTIAL_FILL", { ts: 3, initiator: "venue", fill: fill(4, 100) });
    const o = om.transition(id, "FILLED", { ts: 4, initiator: "venue", fill: fill(6, 110) });
    expect(o.filledQty).toBe(10);
    expect(o.avgFillPrice).toBeCloseTo(106, 12);
  });

  it("answers 'all rejected orders for symbol X and why'", () => {
    const om = new OrderManager();
    const a = om.create(req, 0);
    const b = om.create({ ...req, symbol: "MSFT" }, 0);
    const c = om.create(req, 0);
    om.transition(a.id, "REJECTED", { ts: 1, initiator: "risk", reason: "max order size 5 exceeded: 10" });
    om.transition(b.id, "REJECTED", { ts: 1, initiator: "risk", reason: "kill switch" });
    om.transition(c.id, "PENDING_NEW", { ts: 1, initiator: "strategy" });
    om.transition(c.id, "REJECTED", { ts: 2, initiator: "venue", reason: "outside trading session" });
    expect(
      om.audit({ symbol: "AAPL", to: "REJECTED" }).map((e) => [e.orderId, e.initiator, e.reason]),
    ).toEqual([
      [a.id, "risk", "max order size 5 exceeded: 10"],
      [c.id, "venue", "outside trading session"],
    ]);
  });

  it("client order ids are unique and resolvable; venue ids are kept", () => {
    const om = new OrderManager();
    const o = om.create({ ...req, clientOrderId: "my-1" }, 0);
    expect(() => om.create({ ...req, clientOrderId: "my-1" }, 0)).toThrow(/duplicate clientOrderId/);
    om.transition(o.id, "PENDING_NEW", { ts: 0, initiator: "strategy" });
    om.transition(o.id, "ACKNOWLEDGED", { ts: 0, initiator: "venue", venueOrderId: "SIM-7" });
    expect(om.byClientOrderId("my-1")!.venueOrderId).toBe("SIM-7");
  });

  it("order requests are validated: limit needs limitPrice, GTD needs expireAt", () => {
    expect(orderRequestSchema.safeParse({ symbol: "X", side: "buy", qty: 1, type: "limit" }).success).toBe(
      false,
    );
    expect(orderRequestSchema.safeParse({ symbol: "X", side: "buy", qty: 1, tif: "GTD" }).success).toBe(
      false,
    );
    expect(orderRequestSchema.safeParse({ symbol: "X", side: "buy", qty: -1 }).success).toBe(false);
  });
});
