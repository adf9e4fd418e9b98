import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Order, OrderRequest } from "../orders/order.js";
import { BracketOrders } from "./bracketOrders.js";
import {
  type AmendRejectReport,
  applyCancelReplaceReport,
  type CancelReplaceKernel,
  type CancelReplaceReport,
} from "./cancelReplaceReport.js";
import { KernelOrders } from "./kernelOrders.testutil.js";

function setup() {
  const k = new KernelOrders();
  const exits: { request: OrderRequest; parentId: string }[] = [];
  const stray: { order: Order; report: AmendRejectReport }[] = [];
  const kernel: CancelReplaceKernel = {
    transition: (id, to, info) => k.orders.transition(id, to, info),
    brackets: new BracketOrders((request, parentId) => exits.push({ request, parentId })),
    strayReject: (order, report) => stray.push({ order, report }),
  };
  /** Applies a report that carries a reason (all but `replaced`) on `order`. */
  const report = (
    order: Order,
    kind: Exclude<CancelReplaceReport["kind"], "replaced">,
    reason: string,
    ts: number,
  ) => applyCancelReplaceReport(order, { kind, orderId: order.id, reason, ts }, kernel);
  return { k, kernel, exits, stray, report };
}

describe("applyCancelReplaceReport(order, report, kernel)", () => {
  it("canceled: CANCELED with the venue's reason, prefixed `unsolicited: ` when no cancel was pending", () => {
    const { k, report } = setup();
    const asked = k.pending(k.working({ symbol: "X", side: "buy", qty: 1 }), "PENDING_CANCEL");
    const notAsked = k.working({ symbol: "X", side: "buy", qty: 1 });
    report(asked, "canceled", "user", 7);
    report(notAsked, "canceled", "halt", 8);
    expect(k.orders.get(asked.id)).toMatchObject({ status: "CANCELED", reason: "user", updatedTs: 7 });
    expect(k.orders.get(notAsked.id)).toMatchObject({ status: "CANCELED", reason: "unsolicited: halt" });
    expect(k.orders.audit({ to: "CANCELED" }).map((a) => a.initiator)).toEqual(["venue", "venue"]);
  });

  it("canceled/expired settle the bracket: a partly filled entry gets its exits for the filled part", () => {
    const { k, kernel, exits, report } = setup();
    const entry = k.fill(k.working({ symbol: "X", side: "buy", qty: 10 }), 3, 100);
    const unfilled = k.working({ symbol: "X", side: "buy", qty: 10 });
    kernel.brackets.register(entry.id, { entry: { symbol: "X", side: "buy", qty: 10 }, takeProfit: 120 });
    kernel.brackets.register(unfilled.id, { entry: { symbol: "X", side: "buy", qty: 10 }, takeProfit: 120 });
    report(entry, "expired", "DAY", 9);
    report(unfilled, "canceled", "x", 9);
    expect(k.orders.get(entry.id)).toMatchObject({ status: "EXPIRED", reason: "DAY", filledQty: 3 });
    expect(exits).toEqual([
      { parentId: entry.id, request: expect.objectContaining({ side: "sell", qty: 3, limitPrice: 120 }) },
    ]);
  });

  it("replaced: a PENDING_REPLACE order returns to working with the changes; any other order is left alone", () => {
    const { k, kernel } = setup();
    const pending = k.pending(
      k.fill(k.working({ symbol: "X", side: "buy", qty: 10, type: "limit", limitPrice: 9 }), 2, 9),
      "PENDING_REPLACE",
    );
    const working = k.working({ symbol: "X", side: "buy", qty: 10, type: "limit", limitPrice: 9 });
    const changes = { limitPrice: 10 };
    applyCancelReplaceReport(pending, { kind: "replaced", orderId: pending.id, changes, ts: 5 }, kernel);
    applyCancelReplaceReport(working, { kind: "replaced", orderId: working.id, changes, ts: 5 }, kernel);
    expect(k.orders.get(pending.id)).toMatchObject({
      status: "PARTIAL_FILL",
      limitPrice: 10,
      reason: "replaced",
    });
    expect(k.orders.get(working.id)).toBe(working);
  });

  it("cancel/replace rejects restore a pending order; on any other order they are only handed to strayReject", () => {
    const { k, stray, report } = setup();
    const pending = k.pending(k.working({ symbol: "X", side: "buy", qty: 1 }), "PENDING_CANCEL");
    const working = k.working({ symbol: "X", side: "buy", qty: 1 });
    report(pending, "cancel-reject", "too late", 4);
    report(working, "replace-reject", "not open", 4);
    expect(k.orders.get(pending.id)).toMatchObject({ status: "ACKNOWLEDGED", reason: "too late" });
    expect(k.orders.get(working.id)).toBe(working);
    expect(stray).toEqual([
      { order: working, report: { kind: "replace-reject", orderId: working.id, reason: "not open", ts: 4 } },
    ]);
  });

  it("either leaves the order as it was or settles it out of any pending state, never changing its filled quantity (property)", () => {
    const kinds = ["canceled", "expired", "replaced", "cancel-reject", "replace-reject"] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.constantFrom("none", "PENDING_CANCEL", "PENDING_REPLACE"),
        fc.integer({ min: 0, max: 9 }),
        (kind, pendingAs, filled) => {
          const { k, kernel } = setup();
          let o = k.working({ symbol: "X", side: "sell", qty: 10, type: "limit", limitPrice: 5 });
          if (filled > 0) o = k.fill(o, filled, 5);
          if (pendingAs !== "none") o = k.pending(o, pendingAs);
          const report: CancelReplaceReport =
            kind === "replaced"
              ? { kind, orderId: o.id, changes: { limitPrice: 6 }, ts: 10 }
              : { kind, orderId: o.id, reason: "r", ts: 10 };
          applyCancelReplaceReport(o, report, kernel);
          const after = k.orders.get(o.id)!;
          if (after !== o) expect(after.status.startsWith("PENDING")).toBe(false);
          expect(after.filledQty).toBe(filled);
        },
      ),
      { numRuns: 150 },
    );
  });
});
