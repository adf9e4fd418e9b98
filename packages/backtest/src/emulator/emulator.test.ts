import { describe, expect, it } from "vitest";
import { type Order, type OrderRequestInput, orderRequestSchema } from "../orders/order.js";
import { OrderManager } from "../orders/order-manager.js";
import { type EmulatorListener, ExecutionEmulator } from "./emulator.js";
import type { FillModelOptions } from "./fill-model.js";
import { firstReach, type IntrabarPolicy, intrabarPath, priceAt } from "./intrabar-path.js";

type Ev = [string, string, number?, number?];

function harness(model: FillModelOptions = {}) {
  const events: Ev[] = [];
  const listener: EmulatorListener = {
    fill: (id, qty, price) => events.push(["fill", id, qty, price]),
    cancel: (id) => events.push(["cancel", id]),
    expire: (id) => events.push(["expire", id]),
  };
  const em = new ExecutionEmulator(model, listener);
  const om = new OrderManager();
  const add = (r: OrderRequestInput, arrival = 0, ref = 100): Order => {
    const o = om.create(orderRequestSchema.parse(r), arrival);
    em.accept(o, arrival, ref);
    return o;
  };
  let t = 0;
  const bar = (o: number, h: number, l: number, c: number, v = 1e9, pos = 0) => {
    em.onBar("X", t, o, h, l, c, v, t + 60_000, pos);
    t += 60_000;
  };
  return { em, events, add, bar };
}

describe("intrabar path", () => {
  it("named policies order the extremes", () => {
    const out = new Float64Array(4);
    expect([...intrabarPath(100, 112, 88, 100, "OHLC", 0, out)]).toEqual([100, 112, 88, 100]);
    expect([...intrabarPath(100, 112, 88, 100, "OLHC", 0, out)]).toEqual([100, 88, 112, 100]);
    expect([...intrabarPath(100, 112, 95, 100, "nearest-first", 0, out)]).toEqual([100, 95, 112, 100]);
    expect([...intrabarPath(100, 112, 95, 100, "pessimistic", 5, out)]).toEqual([100, 95, 112, 100]);
    expect([...intrabarPath(100, 112, 95, 100, "pessimistic", -5, out)]).toEqual([100, 112, 95, 100]);
    expect([...intrabarPath(100, 112, 95, 100, "optimistic", 5, out)]).toEqual([100, 112, 95, 100]);
  });
  it("firstReach/priceAt walk the path", () => {
    const p = new Float64Array([10, 12, 9, 11]);
    expect(firstReach(p, 1, 9.5, 0)).toBeCloseTo(4.5, 12);
    expect(firstReach(p, -1, 11.5, 0)).toBeCloseTo(1.5, 12);
    expect(firstReach(p, -1, 11.5, 2)).toBe(2);
    expect(firstReach(p, -1, 11.5, 3)).toBe(-1);
    expect(firstReach(p, -1, 10.5, 4.5)).toBeCloseTo(6.5, 12);
    expect(firstReach(p, 1, 8, 0)).toBe(-1);
    expect(priceAt(p, 3)).toBe(11);
  });
});

describe("ExecutionEmulator on bars", () => {
  it("a market order fills at the open of the first bar opening at or after its arrival", () => {
    const h = harness();
    h.add({ symbol: "X", side: "buy", qty: 5 }, 60_000);
    h.bar(100, 101, 99, 100); // opens at 0 < arrival: not eligible
    expect(h.events).toEqual([]);
    h.bar(102, 103, 101, 102);
    expect(h.events).toEqual([["fill", "O1", 5, 102]]);
  });

  it("gap through a stop fills at the open, not at the stop price", () => {
    const h = harness();
    h.add({ symbol: "X", side: "sell", qty: 1, type: "stop", stopPrice: 95 });
    h.bar(90, 92, 85, 91);
    expect(h.events).toEqual([["fill", "O1", 1, 90]]);
    const g = harness();
    g.add({ symbol: "X", side: "sell", qty: 1, type: "stop", stopPrice: 95 });
    g.bar(100, 101, 94, 96);
    expect(g.events).toEqual([["fill", "O1", 1, 95]]);
  });

  it("a limit touched but not traded through does not fill (through), fills under touch", () => {
    const through = harness({ limitFill: "through" });
    through.add({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 95 });
    through.bar(100, 101, 95, 99);
    expect(through.events).toEqual([]);
    through.bar(99, 100, 94.5, 99);
    expect(through.events).toEqual([["fill", "O1", 1, 95]]);
    const touch = harness({ limitFill: "touch" });
    touch.add({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 95 });
    touch.bar(100, 101, 95, 99);
    expect(touch.events).toEqual([["fill", "O1", 1, 95]]);
  });

  it("a limit gapped through fills at the better open", () => {
    const h = harness();
    h.add({ symbol: "X", side: "sell", qty: 1, type: "limit", limitPrice: 105 });
    h.bar(108, 109, 104, 106);
    expect(h.events).toEqual([["fill", "O1", 1, 108]]);
  });

  it("volume participation cap: partial fills across bars, liquidity shared by our orders", () => {
    const h = harness({ volumeParticipation: 0.1 });
    h.add({ symbol: "X", side: "buy", qty: 25 });
    h.add({ symbol: "X", side: "buy", qty: 4 });
    h.bar(100, 101, 99, 100, 100);
    h.bar(101, 102, 100, 101, 100);
    h.bar(102, 103, 101, 102, 100);
    h.bar(103, 104, 102, 103, 100);
    expect(h.events).toEqual([
      ["fill", "O1", 10, 100],
      ["fill", "O1", 10, 101],
      ["fill", "O1", 5, 102],
      ["fill", "O2", 4, 102], // 10 − 5 left on bar 3
    ]);
  });

  it("IOC fills what it can and cancels the rest; FOK is all or nothing", () => {
    const ioc = harness({ volumeParticipation: 0.5 });
    ioc.add({ symbol: "X", side: "buy", qty: 80, tif: "IOC" });
    ioc.bar(100, 101, 99, 100, 100);
    expect(ioc.events).toEqual([
      ["fill", "O1", 50, 100],
      ["cancel", "O1"],
    ]);
    const fok = harness({ volumeParticipation: 0.5 });
    fok.add({ symbol: "X", side: "buy", qty: 80, tif: "FOK" });
    fok.add({ symbol: "X", side: "buy", qty: 40, tif: "FOK" });
    fok.bar(100, 101, 99, 100, 100);
    expect(fok.events).toEqual([
      ["cancel", "O1"],
      ["fill", "O2", 40, 100],
    ]);
    const iocLimit = harness();
    iocLimit.add({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 90, tif: "IOC" });
    iocLimit.bar(100, 101, 99, 100);
    expect(iocLimit.events).toEqual([["cancel", "O1"]]);
  });

  describe("stop-loss and take-profit touched in one bar (OCO), long position", () => {
    const cases: [IntrabarPolicy, string, number][] = [
      ["OHLC", "O1", 110],
      ["OLHC", "O2", 90],
      ["pessimistic", "O2", 90],
      ["optimistic", "O1", 110],
      ["nearest-first", "O1", 110], // tie (12 up, 12 down) goes high first
    ];
    for (const [policy, winner, price] of cases) {
      it(`${policy}: ${winner === "O1" ? "take-profit" : "stop-loss"} fills, the other is canceled`, () => {
        const h = harness({ intrabar: policy });
        h.add({ symbol: "X", side: "sell", qty: 1, type: "limit", limitPrice: 110, ocoGroup: "b" });
        h.add({ symbol: "X", side: "sell", qty: 1, type: "stop", stopPrice: 90, ocoGroup: "b" });
        h.bar(100, 112, 88, 100, 1e9, 1);
        expect(h.events).toEqual([
          ["fill", winner, 1, price],
          ["cancel", winner === "O1" ? "O2" : "O1"],
        ]);
      });
    }
  });

  it("trailing stop follows the high and triggers on the pullback", () => {
    const h = harness({ intrabar: "OHLC" });
    h.add({ symbol: "X", side: "sell", qty: 1, type: "trailing-stop", trailAmount: 5 }, 0, 100);
    h.bar(100, 103, 99, 102); // wm 103, level 98: low 99 no trigger
    expect(h.events).toEqual([]);
    h.bar(102, 110, 104, 108); // wm 110, level 105 → trigger at 105
    expect(h.events).toEqual([["fill", "O1", 1, 105]]);
    const pct = harness({ intrabar: "OHLC" });
    pct.add({ symbol: "X", side: "buy", qty: 1, type: "trailing-stop", trailPercent: 10 }, 0, 100);
    pct.bar(100, 101, 80, 90); // wm (min) 80 → level 88: close path 80→90 crosses 88
    expect(pct.events).toEqual([["fill", "O1", 1, 88]]);
  });

  it("a trailing stop accepted before any price starts its watermark at the first open", () => {
    const h = harness({ intrabar: "OHLC" });
    h.add({ symbol: "X", side: "sell", qty: 1, type: "trailing-stop", trailAmount: 5 }, 0, Number.NaN);
    h.bar(100, 104, 98, 101); // wm 104 after the high, level 99; low 98 → triggers at 99
    expect(h.events).toEqual([["fill", "O1", 1, 99]]);
  });

  it("stop-limit: triggered above the limit waits as a limit", () => {
    const h = harness();
    h.add({ symbol: "X", side: "buy", qty: 1, type: "stop-limit", stopPrice: 105, limitPrice: 106 });
    h.bar(108, 110, 107, 109); // triggered at the open 108 > 106: no fill
    expect(h.events).toEqual([]);
    h.bar(108, 109, 105, 106);
    expect(h.events).toEqual([["fill", "O1", 1, 106]]);
  });

  it("MOC fills at the close; slippage is adverse for takers and absent for limits", () => {
    const h = harness({ slippage: { model: "fixed-bps", bps: 100 } });
    h.add({ symbol: "X", side: "buy", qty: 1, type: "moc" });
    h.add({ symbol: "X", side: "sell", qty: 1, type: "limit", limitPrice: 101 });
    h.bar(100, 102, 99, 101);
    expect(h.events).toEqual([
      ["fill", "O2", 1, 101],
      ["fill", "O1", 1, 101 * 1.01],
    ]);
  });

  it("with a session calendar, MOO waits for the opening bar and MOC for the closing bar", () => {
    const events: [string, string, number?, number?][] = [];
    const em = new ExecutionEmulator(
      { session: { timezone: "America/New_York", open: "09:30", close: "16:00" } },
      { fill: (id, q, p) => events.push(["fill", id, q, p]), cancel: () => {}, expire: () => {} },
    );
    const om = new OrderManager();
    const day = Date.UTC(2024, 0, 2); // Tuesday; New York is UTC−5
    for (const type of ["moo", "moc"] as const) {
      const o = om.create(orderRequestSchema.parse({ symbol: "X", side: "buy", qty: 1, type }), day);
      expect(em.admit(o, day + 14 * 3_600_000, 100)).toBeUndefined(); // accepted before the open
      em.accept(o, day + 14 * 3_600_000, 100); // 09:00 New York
    }
    const hourBar = (h: number, m: number, px: number) => {
      const ts = day + (h + 5) * 3_600_000 + m * 60_000;
      em.onBar("X", ts, px, px + 1, px - 1, px + 0.5, 1e9, ts + 30 * 60_000, 0);
    };
    hourBar(9, 0, 99); // pre-open bar: neither
    hourBar(9, 30, 100); // opening bar: MOO at its open
    hourBar(15, 0, 103); // mid-session
    hourBar(15, 30, 104); // closing bar (ends 16:00): MOC at its close
    expect(events).toEqual([
      ["fill", "O1", 1, 100],
      ["fill", "O2", 1, 104.5],
    ]);
  });

  it("DAY orders expire at the end of the UTC day, GTD at expireAt", () => {
    const day = harness();
    day.add({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 50, tif: "DAY" });
    day.add({
      symbol: "X",
      side: "buy",
      qty: 1,
      type: "limit",
      limitPrice: 50,
      tif: "GTD",
      expireAt: 120_000,
    });
    day.bar(100, 101, 99, 100);
    day.bar(100, 101, 99, 100);
    day.bar(100, 101, 99, 100); // opens at 120000 ≥ expireAt
    expect(day.events).toEqual([["expire", "O2"]]);
    day.em.onBar("X", 86_400_000, 100, 101, 99, 100, 1e9, 86_460_000, 0);
    expect(day.events).toEqual([
      ["expire", "O2"],
      ["expire", "O1"],
    ]);
  });

  it("sessions and price bands reject at admission", () => {
    const h = harness({
      session: { timezone: "America/New_York", open: "09:30", close: "16:00" },
      priceBandPct: 5,
    });
    const om = new OrderManager();
    const o = om.create(
      orderRequestSchema.parse({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 90 }),
      0,
    );
    const tue1000 = Date.UTC(2024, 0, 2, 15, 0); // 10:00 New York
    expect(h.em.admit(o, Date.UTC(2024, 0, 2, 13, 0), 100)).toBe("outside trading session");
    expect(h.em.admit(o, Date.UTC(2024, 0, 6, 15, 0), 100)).toBe("outside trading session"); // Saturday
    expect(h.em.admit(o, tue1000, 100)).toMatch(/outside ±5% band/);
    expect(h.em.admit(o, tue1000, 93)).toBeUndefined();
  });
});
