import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRiskConfig } from "./riskConfig.js";
import { RiskEngine } from "./riskEngine.js";
import type { RiskOpenOrder, RiskOrderRequest, RiskStateView } from "./types.js";

/** A straightforward reference of the default chain, written from the README's rules (not from the code). */
function reference(cfg: { size: number; pos: number; bps: number; maxOrders: number; windowMs: number }) {
  const accepted = new Map<string, number[]>();
  return (o: RiskOrderRequest, s: RiskStateView): string => {
    if (!(o.quantity > 0 && Number.isFinite(o.quantity))) return "invalid-order";
    if (o.quantity > cfg.size) return "max-order-size";
    const pos = s.positions.get(o.symbol) ?? 0;
    const sign = o.side === "buy" ? 1 : -1;
    const after = pos + sign * o.quantity;
    if (Math.abs(after) > Math.abs(pos)) {
      const open = s.openOrders
        .filter((x) => x.symbol === o.symbol && x.side === o.side)
        .reduce((a, x) => a + x.remaining, 0);
      if (Math.abs(after + sign * open) > cfg.pos) return "max-position";
    }
    const price = o.limitPrice ?? o.stopPrice;
    if (price !== undefined) {
      const mid = s.mids.get(o.symbol);
      if (mid === undefined || !(mid > 0)) return "no-mid";
      if ((Math.abs(price - mid) / mid) * 1e4 > cfg.bps) return "price-band";
    }
    if (!(o.limitPrice === undefined && o.stopPrice !== undefined)) {
      const crosses = s.openOrders.some(
        (x) =>
          x.symbol === o.symbol &&
          x.side !== o.side &&
          x.limitPrice !== undefined &&
          (o.limitPrice === undefined ||
            (o.side === "buy" ? x.limitPrice <= o.limitPrice : x.limitPrice >= o.limitPrice)),
      );
      if (crosses) return "self-trade";
    }
    const times = (accepted.get(o.symbol) ?? []).filter((t) => t > s.time - cfg.windowMs);
    if (times.length >= cfg.maxOrders) return "throttle";
    accepted.set(o.symbol, [...times, s.time]);
    return "accepted";
  };
}

describe("RiskEngine (property)", () => {
  it("decides exactly like a plain reference implementation of the chain on random order streams", () => {
    const sym = fc.constantFrom("A", "B");
    const order = fc.record({
      symbol: sym,
      side: fc.constantFrom("buy" as const, "sell" as const),
      quantity: fc.integer({ min: 1, max: 12 }),
      kind: fc.constantFrom("market", "limit", "stop"),
      px: fc.integer({ min: 97, max: 103 }),
      dt: fc.constantFrom(0, 50, 100, 150, 200, 333),
    });
    const open = fc.array(
      fc.record({
        symbol: sym,
        side: fc.constantFrom("buy" as const, "sell" as const),
        remaining: fc.integer({ min: 1, max: 5 }),
        px: fc.option(fc.integer({ min: 97, max: 103 }), { nil: undefined }),
      }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(
        fc.record({
          size: fc.integer({ min: 1, max: 10 }),
          pos: fc.integer({ min: 5, max: 40 }),
          bps: fc.constantFrom(100, 200, 250, 1000),
          maxOrders: fc.integer({ min: 1, max: 4 }),
          windowMs: fc.constantFrom(100, 200, 1000),
        }),
        fc.array(order, { maxLength: 60 }),
        open,
        fc.integer({ min: -20, max: 20 }),
        (cfg, orders, opens, posA) => {
          const engine = RiskEngine.fromConfig(
            parseRiskConfig({
              maxOrderQty: { default: cfg.size },
              maxPosition: { default: cfg.pos },
              priceBand: { bps: cfg.bps },
              throttle: { maxOrders: cfg.maxOrders, windowMs: cfg.windowMs },
            }),
          );
          const ref = reference(cfg);
          const openOrders: RiskOpenOrder[] = opens.map((o, i) => ({
            clientOrderId: `o${i}`,
            symbol: o.symbol,
            side: o.side,
            remaining: o.remaining,
            limitPrice: o.px,
          }));
          let time = 0;
          orders.forEach((o, i) => {
            time += o.dt;
            const state: RiskStateView = {
              time,
              positions: new Map([["A", posA]]),
              openOrders,
              mids: new Map([
                ["A", 100],
                ["B", 100],
              ]),
              equity: 1,
              peakEquity: 1,
            };
            const req: RiskOrderRequest = {
              clientOrderId: `c${i}`,
              symbol: o.symbol,
              side: o.side,
              type: o.kind,
              quantity: o.quantity,
              limitPrice: o.kind === "limit" ? o.px : undefined,
              stopPrice: o.kind === "stop" ? o.px : undefined,
            };
            expect(engine.check(req, state).reason).toBe(ref(req, state));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
