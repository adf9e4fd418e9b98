import { SimulatedClock } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { makeBars } from "../alpacaTest.testutil.js";
import type { TradeUpdate } from "../schemas/tradeUpdate.js";
import { tradeUpdate } from "../schemas/tradeUpdate.js";
import { BarReplay } from "./barReplay.js";
import { FakeBroker, FakeBrokerError } from "./fakeBroker.js";

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function setup(rows: Parameters<typeof makeBars>[1], opts: { cash?: number; participation?: number } = {}) {
  const bars = makeBars("AAA", rows);
  const replay = new BarReplay([bars]);
  const clock = new SimulatedClock(0);
  const events: TradeUpdate[] = [];
  const broker = new FakeBroker({ symbols: ["AAA"], ...opts }, clock, (u) => events.push(u));
  const step = () => {
    const s = replay.next();
    if (s) {
      clock.advanceTo(s.closeTs);
      broker.publish(s);
    }
    return s;
  };
  return { bars, broker, events, step };
}

const mkt = (qty: number, side: "buy" | "sell" = "buy", extra: Record<string, string> = {}) => ({
  symbol: "AAA",
  qty: String(qty),
  side,
  type: "market" as const,
  time_in_force: "gtc" as const,
  ...extra,
});

describe("FakeBroker (the fake Alpaca's engine)", () => {
  test("lifecycle accepted → new → partial_fill → fill, volume-limited per bar, string numbers and ns timestamps", async () => {
    const { broker, events, step } = setup([
      [10, 11, 9, 10, 1000],
      [10.5, 12, 10, 11, 1000],
      [11, 12, 10, 11, 1000],
    ]);
    step();
    const o = broker.submit(mkt(250, "buy", { client_order_id: "a" }));
    expect(o.status).toBe("accepted");
    await flush();
    expect(events.map((e) => e.event)).toEqual(["new", "partial_fill"]);
    expect(events[1]).toMatchObject({ qty: "100", price: "10", position_qty: "100" });
    step();
    step();
    expect(events.map((e) => e.event)).toEqual(["new", "partial_fill", "partial_fill", "fill"]);
    expect(events.slice(2).map((e) => [e.qty, e.price])).toEqual([
      ["100", "10.5"],
      ["50", "11"],
    ]);
    const last = events[3]?.order;
    expect(last).toMatchObject({ status: "filled", filled_qty: "250", qty: "250" });
    expect(Number(last?.filled_avg_price)).toBeCloseTo((100 * 10 + 100 * 10.5 + 50 * 11) / 250, 12);
    expect(last?.filled_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    for (const e of events) expect(tradeUpdate.safeParse(e).success).toBe(true);
    expect(broker.account().cash).toBe(String(100_000 - (100 * 10 + 100 * 10.5 + 50 * 11)));
  });

  test("limit orders fill at the limit or better only when the bar trades through it; stops trigger on the range", async () => {
    const { broker, events, step } = setup([
      [10, 11, 9, 10, 1e6],
      [10, 10.5, 9.5, 10, 1e6],
      [9.8, 10, 8.5, 9, 1e6],
      [9, 12, 9, 11, 1e6],
    ]);
    step();
    broker.submit({ ...mkt(5), type: "limit", limit_price: "9", client_order_id: "lim" });
    broker.submit({ ...mkt(5), type: "stop", stop_price: "11.5", client_order_id: "stp" });
    await flush();
    step(); // low 9.5 > 9: no fill
    expect(events.filter((e) => e.event === "fill")).toEqual([]);
    step(); // low 8.5: limit fills at min(9, open 9.8) = 9
    expect(events.find((e) => e.event === "fill")).toMatchObject({
      price: "9",
      order: { client_order_id: "lim" },
    });
    step(); // high 12 ≥ 11.5: stop triggers, fills at max(open 9, stop 11.5)
    expect(events.filter((e) => e.event === "fill").map((e) => [e.order.client_order_id, e.price])).toEqual([
      ["lim", "9"],
      ["stp", "11.5"],
    ]);
  });

  test("errors: 422 duplicate client_order_id / unknown asset / missing limit, 403 buying power and shares, 404, 422 not cancelable", async () => {
    const { broker, step } = setup([[10, 11, 9, 10, 1e6]], { cash: 1000 });
    step();
    broker.submit(mkt(1, "buy", { client_order_id: "x" }));
    const err = (f: () => unknown): [number, number, string] | undefined => {
      try {
        f();
      } catch (e) {
        if (e instanceof FakeBrokerError) return [e.status, e.code, e.message];
        throw e;
      }
      return undefined;
    };
    expect(err(() => broker.submit(mkt(1, "buy", { client_order_id: "x" })))).toEqual([
      422,
      40010001,
      "client_order_id must be unique",
    ]);
    expect(err(() => broker.submit({ ...mkt(1), symbol: "ZZZ" }))?.[0]).toBe(422);
    expect(err(() => broker.submit({ ...mkt(1), type: "limit" }))?.[2]).toMatch(/limit_price/);
    expect(err(() => broker.submit(mkt(200)))).toEqual([403, 40310000, "insufficient buying power"]);
    expect(err(() => broker.getOrder("nope"))?.[0]).toBe(404);
    await flush();
    expect(err(() => broker.submit(mkt(5, "sell")))?.[2]).toMatch(/insufficient qty available.*available: 1/);
    const id = broker.getOrderByClientId("x").id;
    expect(err(() => broker.cancel(id))).toEqual([422, 42210000, 'order is already in "filled" state']);
  });

  test("replace creates a new order (replaces/replaced_by linked), old one reported replaced", async () => {
    const { broker, events, step } = setup([[10, 11, 9, 10, 1e6]]);
    step();
    const o = broker.submit({ ...mkt(10), type: "limit", limit_price: "5", client_order_id: "r" });
    await flush();
    const n = broker.replace(o.id, { qty: "4", limit_price: "6", client_order_id: "r2" });
    await flush();
    expect(n).toMatchObject({ replaces: o.id, qty: "4", limit_price: "6", status: "accepted" });
    expect(broker.getOrder(o.id)).toMatchObject({ status: "replaced", replaced_by: n.id });
    expect(events.map((e) => `${e.event}:${e.order.client_order_id}`)).toEqual([
      "new:r",
      "replaced:r",
      "new:r2",
    ]);
    expect(broker.listOrders().map((x) => x.id)).toEqual([n.id]);
  });

  test("invariants over random order flow (property): fills within bar range and per-bar liquidity, limits respected, cash and positions consistent, terminal states final", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.double({ min: 5, max: 15, noNaN: true }),
            fc.double({ min: 0.001, max: 0.1, noNaN: true }),
            fc.integer({ min: 0, max: 5000 }),
          ),
          { minLength: 2, maxLength: 8 },
        ),
        fc.array(
          fc.record({
            side: fc.constantFrom("buy" as const, "sell" as const),
            qty: fc.integer({ min: 1, max: 800 }),
            limit: fc.option(fc.double({ min: 4, max: 16, noNaN: true }), { nil: undefined }),
            tif: fc.constantFrom("gtc" as const, "day" as const, "ioc" as const, "fok" as const),
            at: fc.integer({ min: 0, max: 7 }),
          }),
          { maxLength: 20 },
        ),
        async (barSpec, orders) => {
          const rows = barSpec.map(([mid, spread, vol]) => {
            const o = mid;
            const c = mid * (1 + spread / 3);
            return [o, Math.max(o, c) * (1 + spread), Math.min(o, c) * (1 - spread), c, vol] as const;
          });
          const { broker, events, step, bars } = setup(rows, { cash: 1e7, participation: 0.2 });
          const shortOk = (side: string, qty: number) => side === "buy" || broker.positionQty("AAA") >= qty;
          let barIdx = -1;
          const fillsByBar = new Map<number, number>();
          const barOf = new Map<TradeUpdate, number>();
          const recordFrom = events.length;
          for (let b = 0; b < rows.length; b++) {
            step();
            barIdx = b;
            for (const [k, o] of orders.entries()) {
              if (o.at !== b || !shortOk(o.side, o.qty)) continue;
              try {
                broker.submit({
                  symbol: "AAA",
                  qty: String(o.qty),
                  side: o.side,
                  type: o.limit === undefined ? "market" : "limit",
                  time_in_force: o.tif,
                  client_order_id: `c${k}`,
                  ...(o.limit === undefined ? {} : { limit_price: String(Number(o.limit.toFixed(2))) }),
                });
              } catch (e) {
                // a legitimate refusal: closing more than is available (open orders hold shares)
                expect(e).toBeInstanceOf(FakeBrokerError);
                expect((e as FakeBrokerError).message).toMatch(/insufficient qty available/);
              }
              await flush();
            }
            for (const e of events) if (!barOf.has(e)) barOf.set(e, barIdx);
          }
          let cash = 1e7;
          let pos = 0;
          const terminal = new Set<string>();
          for (const e of events.slice(recordFrom)) {
            const id = e.order.id;
            expect(terminal.has(id), `${e.event} after terminal`).toBe(false);
            if (["fill", "canceled", "expired", "replaced"].includes(e.event)) terminal.add(id);
            if (e.event !== "fill" && e.event !== "partial_fill") continue;
            const q = Number(e.qty);
            const p = Number(e.price);
            const b = barOf.get(e) as number;
            expect(p).toBeGreaterThanOrEqual((bars.low[b] as number) - 1e-9);
            expect(p).toBeLessThanOrEqual((bars.high[b] as number) + 1e-9);
            if (e.order.limit_price != null) {
              const lp = Number(e.order.limit_price);
              if (e.order.side === "buy") expect(p).toBeLessThanOrEqual(lp + 1e-9);
              else expect(p).toBeGreaterThanOrEqual(lp - 1e-9);
            }
            fillsByBar.set(b, (fillsByBar.get(b) ?? 0) + q);
            const signed = e.order.side === "buy" ? q : -q;
            pos += signed;
            cash -= signed * p;
            expect(Number(e.position_qty)).toBeCloseTo(pos, 6);
            expect(Number(e.order.filled_qty)).toBeLessThanOrEqual(Number(e.order.qty) + 1e-9);
          }
          for (const [b, q] of fillsByBar)
            expect(q).toBeLessThanOrEqual(0.2 * (bars.volume[b] as number) + 1e-6);
          expect(broker.positionQty("AAA")).toBeCloseTo(pos, 6);
          expect(Number(broker.account().cash)).toBeCloseTo(cash, 4);
          for (const o of orders.keys()) {
            const ord = broker
              .listOrders({ status: "all", limit: 500 })
              .find((x) => x.client_order_id === `c${o}`);
            if (ord && (ord.time_in_force === "ioc" || ord.time_in_force === "fok"))
              expect(["filled", "canceled"]).toContain(ord.status);
            if (ord?.time_in_force === "fok") expect(["0", ord.qty]).toContain(ord.filled_qty);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
