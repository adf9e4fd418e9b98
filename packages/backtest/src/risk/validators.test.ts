import { describe, expect, it } from "vitest";
import { KillSwitch } from "./killSwitch.js";
import { MaxOrderSize } from "./maxOrderSize.js";
import { MaxPosition } from "./maxPosition.js";
import { OrderThrottle } from "./orderThrottle.js";
import { PriceBand } from "./priceBand.js";
import { RiskDecision } from "./riskDecision.js";
import { type RiskCheckContext, type RiskValidator, SymbolLimits } from "./riskValidator.js";
import { SelfTradePrevention } from "./selfTradePrevention.js";
import type { RiskOpenOrder, RiskOrderRequest, RiskStateView } from "./types.js";

const base: RiskOrderRequest = {
  clientOrderId: "c",
  symbol: "X",
  side: "buy",
  type: "limit",
  quantity: 1,
  limitPrice: 100,
};
function state(over: Partial<RiskStateView> = {}): RiskStateView {
  return {
    time: 0,
    positions: new Map(),
    openOrders: [],
    mids: new Map([["X", 100]]),
    equity: 1000,
    peakEquity: 1000,
    ...over,
  };
}
function run(v: RiskValidator, o: Partial<RiskOrderRequest>, s: RiskStateView = state()) {
  const d = new RiskDecision();
  const order = { ...base, ...o };
  d.reset(order, s.time);
  const warnings: number[] = [];
  const ctx: RiskCheckContext = { warnAt: 0.9, warn: (_v, _r, value) => warnings.push(value) };
  const ok = v.check(order, s, d, ctx);
  if (ok) v.commit?.(order, s);
  expect(ok).toBe(d.accepted);
  return { ok, d, warnings };
}
const resting = (
  side: "buy" | "sell",
  limitPrice: number | undefined,
  remaining = 1,
  symbol = "X",
): RiskOpenOrder => ({
  clientOrderId: `r${side}${limitPrice}`,
  symbol,
  side,
  remaining,
  limitPrice,
});

describe("MaxOrderSize", () => {
  const v = new MaxOrderSize(new SymbolLimits(10, { Y: 2 }));
  it("accepts quantity equal to the limit and warns at ≥ 90%", () => {
    expect(run(v, { quantity: 10 })).toMatchObject({ ok: true, warnings: [10] });
    expect(run(v, { quantity: 9 }).warnings).toEqual([9]);
    expect(run(v, { quantity: 8.99 }).warnings).toEqual([]);
  });
  it("rejects quantity just above the limit with value and limit", () => {
    const r = run(v, { quantity: 10.000001 });
    expect(r.d).toMatchObject({
      accepted: false,
      validator: "max-order-size",
      reason: "max-order-size",
      limit: 10,
    });
  });
  it("uses the per-symbol override", () => {
    expect(run(v, { symbol: "Y", quantity: 3 }).ok).toBe(false);
    expect(run(v, { symbol: "Y", quantity: 2 }).ok).toBe(true);
  });
});

describe("MaxPosition", () => {
  const v = new MaxPosition(new SymbolLimits(10));
  it("rejects a buy taking the net position above the limit; equal passes", () => {
    const s = state({ positions: new Map([["X", 8]]) });
    expect(run(v, { quantity: 2 }, s).ok).toBe(true);
    expect(run(v, { quantity: 2.5 }, s).d).toMatchObject({ reason: "max-position", value: 10.5, limit: 10 });
  });
  it("checks the net position on the short side too (flip)", () => {
    const s = state({ positions: new Map([["X", 5]]) });
    expect(run(v, { side: "sell", quantity: 15 }, s).ok).toBe(true); // → −10
    expect(run(v, { side: "sell", quantity: 15.5 }, s).ok).toBe(false); // → −10.5
  });
  it("always accepts an order reducing a breached position", () => {
    const s = state({ positions: new Map([["X", 30]]) });
    expect(run(v, { side: "sell", quantity: 5 }, s).ok).toBe(true);
    expect(run(v, { side: "buy", quantity: 0.1 }, s).ok).toBe(false);
  });
  it("counts open orders on the same side and symbol only (worst case)", () => {
    const oo = [resting("buy", 99, 4), resting("sell", 101, 100), resting("buy", 99, 100, "Z")];
    const s = state({ positions: new Map([["X", 5]]), openOrders: oo });
    expect(run(v, { quantity: 1 }, s).ok).toBe(true); // 5+1+4 = 10
    expect(run(v, { quantity: 1.5 }, s).d.value).toBe(10.5);
  });
});

describe("PriceBand", () => {
  const v = new PriceBand(50);
  it("accepts exactly at the band edge and rejects beyond it (both sides of the mid)", () => {
    expect(run(v, { limitPrice: 100.5 }).ok).toBe(true);
    expect(run(v, { limitPrice: 99.5 }).ok).toBe(true);
    const r = run(v, { limitPrice: 100.51 });
    expect(r.d.reason).toBe("price-band");
    expect(r.d.value).toBeCloseTo(51, 9);
    expect(run(v, { limitPrice: 99.49 }).ok).toBe(false);
  });
  it("warns from 45 bps", () => {
    expect(run(v, { limitPrice: 100.46 }).warnings.length).toBe(1);
    expect(run(v, { limitPrice: 100.44 }).warnings.length).toBe(0);
  });
  it("uses the stop price when there is no limit price; market orders pass", () => {
    expect(run(v, { type: "stop", limitPrice: undefined, stopPrice: 102 }).ok).toBe(false);
    expect(run(v, { type: "market", limitPrice: undefined }).ok).toBe(true);
  });
  it("rejects with no-mid when the mid is missing, NaN or zero, unless allowed", () => {
    for (const mids of [new Map<string, number>(), new Map([["X", Number.NaN]]), new Map([["X", 0]])]) {
      expect(run(v, {}, state({ mids })).d.reason).toBe("no-mid");
      expect(run(new PriceBand(50, "allow"), {}, state({ mids })).ok).toBe(true);
    }
  });
});

describe("SelfTradePrevention", () => {
  const v = new SelfTradePrevention();
  it("rejects a buy limit at or through our resting sell, accepts one below", () => {
    const s = state({ openOrders: [resting("sell", 101)] });
    expect(run(v, { limitPrice: 101 }, s).d).toMatchObject({ reason: "self-trade", value: 101 });
    expect(run(v, { limitPrice: 102 }, s).ok).toBe(false);
    expect(run(v, { limitPrice: 100.99 }, s).ok).toBe(true);
  });
  it("rejects a sell limit at or through our resting buy", () => {
    const s = state({ openOrders: [resting("buy", 99)] });
    expect(run(v, { side: "sell", limitPrice: 99 }, s).ok).toBe(false);
    expect(run(v, { side: "sell", limitPrice: 99.01 }, s).ok).toBe(true);
  });
  it("rejects a market order when we rest on the other side; ignores other symbols, same side and resting stops", () => {
    expect(
      run(v, { type: "market", limitPrice: undefined }, state({ openOrders: [resting("sell", 500)] })).ok,
    ).toBe(false);
    const others = [resting("sell", 90, 1, "Z"), resting("buy", 101), resting("sell", undefined)];
    expect(run(v, { type: "market", limitPrice: undefined }, state({ openOrders: others })).ok).toBe(true);
  });
  it("lets a new stop order through (not marketable until triggered)", () => {
    const s = state({ openOrders: [resting("sell", 90)] });
    expect(run(v, { type: "stop", limitPrice: undefined, stopPrice: 105 }, s).ok).toBe(true);
  });
});

describe("OrderThrottle", () => {
  it("allows maxOrders per sliding window of state time and frees a slot exactly windowMs later", () => {
    const v = new OrderThrottle(2, 1000);
    expect(run(v, {}, state({ time: 0 })).ok).toBe(true);
    expect(run(v, {}, state({ time: 10 })).warnings).toEqual([2]);
    expect(run(v, {}, state({ time: 999 })).d).toMatchObject({ reason: "throttle", value: 3, limit: 2 });
    expect(run(v, {}, state({ time: 1000 })).ok).toBe(true); // t=0 left the window (t > now − 1000)
    expect(run(v, {}, state({ time: 1009 })).ok).toBe(false);
    expect(run(v, {}, state({ time: 1010 })).ok).toBe(true);
  });
  it("counts symbols separately and only accepted orders", () => {
    const v = new OrderThrottle(1, 1000);
    expect(run(v, {}, state({ time: 0 })).ok).toBe(true);
    expect(run(v, { symbol: "Y" }, state({ time: 1 })).ok).toBe(true);
    expect(run(v, {}, state({ time: 2 })).ok).toBe(false);
    expect(run(v, {}, state({ time: 3 })).ok).toBe(false);
    expect(v.inWindow("X")).toBe(1); // rejections are not counted
  });
  it("matches a brute-force sliding-window count on a long random stream (ring wrap-around)", () => {
    const v = new OrderThrottle(5, 100);
    const accepted: number[] = [];
    let t = 0;
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      t += seed % 40;
      const inWindow = accepted.filter((a) => a > t - 100).length;
      const ok = run(v, {}, state({ time: t })).ok;
      expect(ok).toBe(inWindow < 5);
      if (ok) accepted.push(t);
    }
  });
});

describe("KillSwitch", () => {
  it("trips on loss ≥ maxLoss from the start equity, calls onKill once and rejects everything after", () => {
    const kills: string[] = [];
    const ks = new KillSwitch({ maxLoss: 100, onKill: (r) => kills.push(r.reason) });
    expect(run(ks, {}, state({ equity: 1000 })).ok).toBe(true); // start equity = 1000
    expect(run(ks, {}, state({ equity: 905 })).warnings).toEqual([95]);
    expect(run(ks, {}, state({ equity: 900, time: 5 })).d.reason).toBe("kill-switch");
    expect(run(ks, {}, state({ equity: 2000 })).ok).toBe(false); // stays tripped
    expect(kills).toEqual(["loss"]);
    expect(ks.record).toMatchObject({ reason: "loss", time: 5 });
    ks.reset();
    expect(run(ks, {}, state({ equity: 2000 })).ok).toBe(true);
  });
  it("trips on drawdown from the peak (equal trips)", () => {
    const ks = new KillSwitch({ maxDrawdown: 0.25 });
    expect(ks.evaluate(state({ equity: 751, peakEquity: 1000 }))).toBe(false);
    expect(ks.evaluate(state({ equity: 750, peakEquity: 1000 }))).toBe(true);
    expect(ks.record?.reason).toBe("drawdown");
  });
  it("trips on a position breach of the order's symbol", () => {
    const ks = new KillSwitch({ positionBreachMultiple: 1.5, maxPosition: new SymbolLimits(10) });
    expect(run(ks, {}, state({ positions: new Map([["X", -15]]) })).ok).toBe(true);
    expect(run(ks, {}, state({ positions: new Map([["X", -15.1]]) })).ok).toBe(false);
    expect(ks.record?.reason).toBe("position-breach");
  });
  it("trips on a reported error unless disabled; the first reason wins", () => {
    const ks = new KillSwitch({ maxLoss: 1 });
    ks.reportError(new RangeError("feed died"), 42);
    ks.trip("manual", 43, "by hand");
    expect(ks.record).toEqual({ reason: "error", time: 42, detail: "RangeError: feed died" });
    const off = new KillSwitch({ onError: false });
    off.reportError(new Error("x"), 1);
    expect(off.tripped).toBe(false);
  });
});

describe("KillSwitch.evaluate", () => {
  it("scans every symbol's position for a breach, not only the next order's", () => {
    const kills: string[] = [];
    const ks = new KillSwitch({
      positionBreachMultiple: 1,
      maxPosition: new SymbolLimits(10, { Z: 100 }),
      onKill: (r) => kills.push(r.detail),
    });
    expect(
      ks.evaluate(
        state({
          positions: new Map([
            ["X", 10],
            ["Z", 99],
          ]),
        }),
      ),
    ).toBe(false);
    expect(
      ks.evaluate(
        state({
          positions: new Map([
            ["X", 1],
            ["Y", -10.5],
          ]),
          time: 9,
        }),
      ),
    ).toBe(true);
    expect(kills).toEqual(["Y |position| 10.5 > 10"]);
    expect(ks.record?.time).toBe(9);
  });
});
