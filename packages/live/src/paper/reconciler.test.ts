import type { OrderStatus } from "@quantkit/backtest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BrokerOrder, BrokerOrderStatus } from "./liveGateway.js";
import { type LocalOrderView, planReconciliation, type ReconcileAction } from "./reconciler.js";

/** Applies a plan to plain local state (the same rules the kernel applies), for the properties. */
function apply(
  orders: LocalOrderView[],
  positions: Map<string, number>,
  actions: readonly ReconcileAction[],
) {
  const byCid = new Map(orders.map((o) => [o.clientOrderId, { ...o }]));
  for (const a of actions) {
    if (a.kind === "fill") {
      const o = byCid.get(a.clientOrderId)!;
      const avg =
        o.filledQty === 0
          ? a.price
          : (o.avgFillPrice * o.filledQty + a.price * a.qty) / (o.filledQty + a.qty);
      byCid.set(a.clientOrderId, {
        ...o,
        filledQty: o.filledQty + a.qty,
        avgFillPrice: avg,
        status: a.leaves === 0 ? "FILLED" : "PARTIAL_FILL",
      });
      positions.set(o.symbol, (positions.get(o.symbol) ?? 0) + (o.side === "buy" ? a.qty : -a.qty));
    } else if (a.kind === "close") {
      byCid.set(a.clientOrderId, { ...byCid.get(a.clientOrderId)!, status: a.to });
    } else if (a.kind === "ack") {
      byCid.set(a.clientOrderId, { ...byCid.get(a.clientOrderId)!, status: "ACKNOWLEDGED" });
    } else if (a.kind === "adopt") {
      const b = a.order;
      byCid.set(b.clientOrderId, {
        orderId: b.clientOrderId,
        clientOrderId: b.clientOrderId,
        symbol: b.symbol,
        side: b.side,
        type: b.type,
        qty: b.qty,
        status: b.filledQty > 0 ? "PARTIAL_FILL" : "ACKNOWLEDGED",
        filledQty: b.filledQty,
        avgFillPrice: b.avgFillPrice,
      });
      positions.set(
        b.symbol,
        (positions.get(b.symbol) ?? 0) + (b.side === "buy" ? b.filledQty : -b.filledQty),
      );
    } else if (a.kind === "position") {
      positions.set(a.symbol, a.brokerQty);
    }
  }
  const open = [...byCid.values()].filter(
    (o) => !["FILLED", "CANCELED", "REJECTED", "EXPIRED"].includes(o.status),
  );
  return { open, all: byCid, positions };
}

const symbolArb = fc.constantFrom("A", "B", "C");
/** A "true" order at the broker plus how much of it the local log has seen. */
const caseArb = fc.record({
  symbol: symbolArb,
  side: fc.constantFrom("buy" as const, "sell" as const),
  qty: fc.integer({ min: 1, max: 100 }),
  brokerFillFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  localFillFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  brokerStatus: fc.constantFrom<BrokerOrderStatus>("open", "canceled", "expired", "filled", "rejected"),
  where: fc.constantFrom("both", "local-only", "broker-only", "foreign"),
  acked: fc.boolean(),
  price: fc.integer({ min: 1, max: 1000 }),
});

describe("planReconciliation(input)", () => {
  it("leaves a consistent state alone", () => {
    const actions = planReconciliation({
      orders: [
        {
          orderId: "O1",
          clientOrderId: "r-1",
          symbol: "A",
          side: "buy",
          type: "limit",
          qty: 5,
          status: "PARTIAL_FILL",
          filledQty: 2,
          avgFillPrice: 10,
        },
      ],
      positions: new Map([["A", 2]]),
      broker: {
        positions: [{ symbol: "A", qty: 2, avgPrice: 10 }],
        openOrders: [
          {
            clientOrderId: "r-1",
            venueOrderId: "v",
            symbol: "A",
            side: "buy",
            type: "limit",
            qty: 5,
            filledQty: 2,
            avgFillPrice: 10,
            status: "open",
          },
        ],
      },
      lookups: new Map(),
      prefix: "r-",
    });
    expect(actions).toEqual([]);
  });

  it("after applying the plan: positions equal the broker's, fills equal the broker's, no unknown order stays open, and a second plan is empty", () => {
    fc.assert(
      fc.property(
        fc.array(caseArb, { maxLength: 12 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 3, maxLength: 3 }),
        (cases, drift) => {
          const local: LocalOrderView[] = [];
          const brokerOpen: BrokerOrder[] = [];
          const lookups = new Map<string, BrokerOrder | undefined>();
          const brokerPos = new Map<string, number>([
            ["A", drift[0]!],
            ["B", drift[1]!],
            ["C", drift[2]!],
          ]);
          const localPos = new Map<string, number>();
          cases.forEach((c, i) => {
            const cid = c.where === "foreign" ? `x-${i}` : `r-${i}`;
            const status: BrokerOrderStatus = c.brokerStatus;
            let bFilled =
              status === "filled" ? c.qty : status === "rejected" ? 0 : Math.floor(c.qty * c.brokerFillFrac);
            if (status === "open" && bFilled >= c.qty) bFilled = c.qty - 1;
            const lFilled = Math.min(bFilled, Math.floor(c.qty * c.localFillFrac));
            const b: BrokerOrder = {
              clientOrderId: cid,
              venueOrderId: `v${i}`,
              symbol: c.symbol,
              side: c.side,
              type: "limit",
              qty: c.qty,
              filledQty: bFilled,
              avgFillPrice: bFilled > 0 ? c.price : Number.NaN,
              status,
            };
            const sign = c.side === "buy" ? 1 : -1;
            if (c.where !== "local-only")
              brokerPos.set(c.symbol, (brokerPos.get(c.symbol) ?? 0) + sign * bFilled);
            if (c.where === "both" || c.where === "local-only") {
              const lf = c.where === "local-only" ? 0 : lFilled;
              const st: OrderStatus =
                lf > 0
                  ? "PARTIAL_FILL"
                  : c.acked || c.where === "local-only"
                    ? "ACKNOWLEDGED"
                    : "PENDING_NEW";
              local.push({
                orderId: `O${i}`,
                clientOrderId: cid,
                symbol: c.symbol,
                side: c.side,
                type: "limit",
                qty: c.qty,
                status: st,
                filledQty: lf,
                avgFillPrice: lf > 0 ? c.price : Number.NaN,
              });
              localPos.set(c.symbol, (localPos.get(c.symbol) ?? 0) + sign * lf);
            }
            if (c.where === "local-only") lookups.set(cid, undefined);
            else if (status === "open") brokerOpen.push(b);
            else if (c.where === "both") lookups.set(cid, b);
          });
          const broker = {
            positions: [...brokerPos]
              .filter(([, q]) => q !== 0)
              .map(([symbol, qty]) => ({ symbol, qty, avgPrice: 1 })),
            openOrders: brokerOpen,
          };
          const actions = planReconciliation({
            orders: local,
            positions: localPos,
            broker,
            lookups,
            prefix: "r-",
          });
          const after = apply(local, new Map(localPos), actions);
          for (const s of ["A", "B", "C"]) expect(after.positions.get(s) ?? 0).toBe(brokerPos.get(s) ?? 0);
          for (const o of after.all.values()) {
            const b =
              brokerOpen.find((x) => x.clientOrderId === o.clientOrderId) ?? lookups.get(o.clientOrderId);
            if (b !== undefined) expect(o.filledQty).toBe(b.filledQty);
            else expect(["CANCELED", "REJECTED"]).toContain(o.status);
          }
          // every open broker order of ours is open locally; foreign ones are only logged
          for (const b of brokerOpen)
            expect(after.open.some((o) => o.clientOrderId === b.clientOrderId)).toBe(
              b.clientOrderId.startsWith("r-"),
            );
          // idempotent: nothing left to do
          const lookups2 = new Map<string, BrokerOrder | undefined>();
          for (const o of after.open)
            if (!brokerOpen.some((b) => b.clientOrderId === o.clientOrderId))
              lookups2.set(o.clientOrderId, lookups.get(o.clientOrderId));
          const again = planReconciliation({
            orders: after.open,
            positions: after.positions,
            broker,
            lookups: lookups2,
            prefix: "r-",
          });
          expect(again.filter((a) => a.kind !== "foreign")).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
