import type { ExecutionReport, Order } from "@quantkit/backtest";
import { SimulatedClock } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { kernelOrder } from "./kernelOrder.testutil.js";
import { MockGateway } from "./mockGateway.js";

function order(id: string, fields: Partial<Order> = {}): Order {
  return kernelOrder(id, { clientOrderId: `c-${id}`, symbol: "X", side: "buy", qty: 10, ...fields });
}

const bar = (open: number, low = open, high = open) =>
  ({ kind: "bar", symbol: "X", ts: 0, open, high, low, close: open, volume: 1 }) as const;

describe("MockGateway", () => {
  it("acks, fills market orders at the next event's price in maxFillQty slices, and fills limits when reached", async () => {
    const gw = new MockGateway({ clock: new SimulatedClock(5), maxFillQty: 4 });
    const reports: ExecutionReport[] = [];
    gw.connect((r) => reports.push(r));
    await gw.start();
    gw.submit(order("O1"));
    gw.submit(order("O2", { type: "limit", limitPrice: 95, side: "buy", qty: 2 }));
    gw.push(bar(100));
    gw.push(bar(100, 94));
    gw.push(bar(101));
    expect(
      reports.map((r) =>
        r.kind === "fill"
          ? `fill ${r.orderId} ${r.qty}@${r.price} leaves ${r.leaves}`
          : `${r.kind} ${r.orderId}`,
      ),
    ).toEqual([
      "ack O1",
      "ack O2",
      "fill O1 4@100 leaves 6",
      "fill O1 4@100 leaves 2",
      "fill O2 2@95 leaves 0",
      "fill O1 2@101 leaves 0",
    ]);
    expect((await gw.reconcileSnapshot()).positions).toEqual([
      { symbol: "X", qty: 12, avgPrice: (8 * 100 + 2 * 95 + 2 * 101) / 12 },
    ]);
  });

  it("rejects a second submission of the same client order id and holds back reports while disconnected", async () => {
    const gw = new MockGateway({ autoFill: false });
    const reports: ExecutionReport[] = [];
    gw.connect((r) => reports.push(r));
    await gw.start();
    gw.submit(order("O1"));
    gw.submit(order("O1"));
    expect(reports.map((r) => r.kind)).toEqual(["ack", "reject"]);
    gw.disconnect();
    gw.fill("c-O1", 10, 7);
    expect(reports).toHaveLength(2);
    expect(gw.dropped.map((r) => r.kind)).toEqual(["fill"]);
    expect(await gw.lookupOrder("c-O1")).toMatchObject({ status: "filled", filledQty: 10, avgFillPrice: 7 });
    expect(gw.submissions).toEqual(["c-O1", "c-O1"]);
  });
});
