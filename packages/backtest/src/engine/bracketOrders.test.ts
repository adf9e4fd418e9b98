import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OrderRequest } from "../orders/order.js";
import { BracketOrders } from "./bracketOrders.js";
import { KernelOrders } from "./kernelOrders.testutil.js";

function setup() {
  const k = new KernelOrders();
  const sent: { request: OrderRequest; parentId: string }[] = [];
  const brackets = new BracketOrders((request, parentId) => sent.push({ request, parentId }));
  return { k, sent, brackets };
}

describe("BracketOrders", () => {
  it("entryFilled(entry) submits a take-profit limit and a stop-loss stop on the other side for the filled qty, OCO, once", () => {
    const { k, sent, brackets } = setup();
    const entry = k.working({ symbol: "X", side: "buy", qty: 10 });
    brackets.register(entry.id, {
      entry: { symbol: "X", side: "buy", qty: 10 },
      takeProfit: 110,
      stopLoss: 95,
    });
    const filled = k.fill(entry, 10, 100);
    brackets.entryFilled(filled);
    brackets.entryFilled(filled);
    expect(sent).toHaveLength(2);
    expect(sent.map((s) => s.parentId)).toEqual([entry.id, entry.id]);
    expect(sent[0]!.request).toMatchObject({ side: "sell", qty: 10, type: "limit", limitPrice: 110 });
    expect(sent[1]!.request).toMatchObject({ side: "sell", qty: 10, type: "stop", stopPrice: 95 });
    for (const s of sent)
      expect(s.request).toMatchObject({ symbol: "X", strategyId: "s1", ocoGroup: `bracket:${entry.id}` });
  });

  it("entryEnded(entry) protects the filled part of a partly filled entry and forgets an unfilled one", () => {
    const { k, sent, brackets } = setup();
    const partly = k.working({ symbol: "X", side: "sell", qty: 10 });
    const unfilled = k.working({ symbol: "X", side: "buy", qty: 5 });
    brackets.register(partly.id, { entry: { symbol: "X", side: "sell", qty: 10 }, stopLoss: 120 });
    brackets.register(unfilled.id, { entry: { symbol: "X", side: "buy", qty: 5 }, takeProfit: 130 });
    brackets.entryEnded(k.fill(partly, 4, 100));
    brackets.entryEnded(unfilled);
    brackets.entryFilled(k.fill(unfilled, 5, 100)); // forgotten: nothing more
    expect(sent).toEqual([
      {
        parentId: partly.id,
        request: expect.objectContaining({ side: "buy", qty: 4, type: "stop", stopPrice: 120 }),
      },
    ]);
  });

  it("forget(entryId) drops the bracket of a rejected entry", () => {
    const { k, sent, brackets } = setup();
    const entry = k.working({ symbol: "X", side: "buy", qty: 1 });
    brackets.register(entry.id, { entry: { symbol: "X", side: "buy", qty: 1 }, takeProfit: 2 });
    brackets.forget(entry.id);
    brackets.entryFilled(k.fill(entry, 1, 1));
    expect(sent).toEqual([]);
  });

  it("submits one exit per price given, each for exactly the filled quantity (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.double({ min: 1, max: 1e4, noNaN: true })),
        fc.option(fc.double({ min: 1, max: 1e4, noNaN: true })),
        fc.constantFrom("buy" as const, "sell" as const),
        (qty, filledPart, tp, sl, side) => {
          const { k, sent, brackets } = setup();
          const filled = Math.min(qty, filledPart);
          const entry = k.working({ symbol: "X", side, qty });
          brackets.register(entry.id, {
            entry: { symbol: "X", side, qty },
            ...(tp === null ? {} : { takeProfit: tp }),
            ...(sl === null ? {} : { stopLoss: sl }),
          });
          brackets.entryEnded(k.fill(entry, filled, 50));
          expect(sent).toHaveLength((tp === null ? 0 : 1) + (sl === null ? 0 : 1));
          for (const s of sent) {
            expect(s.request.qty).toBe(filled);
            expect(s.request.side).toBe(side === "buy" ? "sell" : "buy");
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
