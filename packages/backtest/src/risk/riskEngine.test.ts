import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValidationError } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { loadRiskConfig, parseRiskConfig, parseRiskConfigText } from "./riskConfig.js";
import { type RiskDecisionRecord, snapshotDecision } from "./riskDecision.js";
import { RiskEngine } from "./riskEngine.js";
import type { RiskOrderRequest, RiskStateView } from "./types.js";

const yamlText = `
maxOrderQty: { default: 10, symbols: { BTC: 2 } }
maxPosition: { default: 20 }
priceBand: { bps: 100 }
throttle: { maxOrders: 3, windowMs: 1000 }
killSwitch: { maxLoss: 500, maxDrawdown: 0.2 }
`;
const order: RiskOrderRequest = {
  clientOrderId: "c1",
  symbol: "ETH",
  side: "buy",
  type: "limit",
  quantity: 1,
  limitPrice: 100,
};
const st = (over: Partial<RiskStateView> = {}): RiskStateView => ({
  time: 0,
  positions: new Map(),
  openOrders: [],
  mids: new Map([
    ["ETH", 100],
    ["BTC", 100],
  ]),
  equity: 10_000,
  peakEquity: 10_000,
  ...over,
});

describe("risk config", () => {
  it("loads the same limits from YAML and JSON files and applies defaults", () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-risk-"));
    const fromYaml = parseRiskConfigText(yamlText);
    writeFileSync(join(dir, "l.yaml"), yamlText);
    writeFileSync(join(dir, "l.json"), JSON.stringify(fromYaml));
    expect(loadRiskConfig(join(dir, "l.yaml"))).toEqual(fromYaml);
    expect(loadRiskConfig(join(dir, "l.json"))).toEqual(fromYaml);
    expect(fromYaml).toMatchObject({
      warnAt: 0.9,
      selfTradePrevention: true,
      priceBand: { missingMid: "reject" },
    });
  });
  it("rejects bad limits naming the field", () => {
    expect(() => parseRiskConfig({ maxOrderQty: { default: -1 } })).toThrow(ValidationError);
    expect(() => parseRiskConfig({ maxOrderQty: { default: -1 } })).toThrow(/maxOrderQty\.default/);
    expect(() => parseRiskConfig({ throttle: { maxOrders: 1.5, windowMs: 10 } })).toThrow(
      /throttle\.maxOrders/,
    );
    expect(() => parseRiskConfig({ maxOrderSize: 3 })).toThrow(/maxOrderSize|Unrecognized/);
    expect(() => parseRiskConfigText("a: [1,")).toThrow(/Cannot parse/);
  });
});

describe("RiskEngine", () => {
  const make = () => {
    const log: RiskDecisionRecord[] = [];
    const warns: string[] = [];
    const kills: string[] = [];
    const engine = RiskEngine.fromConfig(parseRiskConfigText(yamlText), {
      onDecision: (d) => log.push(snapshotDecision(d)),
      onWarning: (w) => warns.push(`${w.validator}:${w.usage.toFixed(2)}`),
      onKill: (r) => kills.push(r.reason),
    });
    return { engine, log, warns, kills };
  };

  it("runs the chain fail-fast in order and logs every decision with validator and reason", () => {
    const { engine, log } = make();
    // too big AND outside the band: the first validator in the chain (max order size) rejects
    engine.check({ ...order, quantity: 11, limitPrice: 150 }, st());
    engine.check({ ...order, quantity: 1, limitPrice: 150 }, st());
    engine.check(order, st());
    expect(log.map((d) => `${d.validator}/${d.reason}`)).toEqual([
      "max-order-size/max-order-size",
      "price-band/price-band",
      "/accepted",
    ]);
    expect(log[0]).toMatchObject({ clientOrderId: "c1", symbol: "ETH", value: 11, limit: 10 });
  });

  it("returns the same decision object every time (allocation-free)", () => {
    const { engine } = make();
    expect(engine.check(order, st())).toBe(engine.check({ ...order, quantity: 99 }, st()));
  });

  it("rejects malformed orders before any validator", () => {
    const { engine } = make();
    for (const bad of [
      { quantity: 0 },
      { quantity: -1 },
      { quantity: Number.NaN },
      { limitPrice: 0 },
      { stopPrice: Number.POSITIVE_INFINITY },
    ]) {
      expect(engine.check({ ...order, ...bad }, st()).reason).toBe("invalid-order");
    }
  });

  it("warns at 90% of a limit and still accepts", () => {
    const { engine, warns } = make();
    expect(engine.check({ ...order, symbol: "BTC", quantity: 1.8 }, st()).accepted).toBe(true);
    expect(warns).toEqual(["max-order-size:0.90"]);
  });

  it("the throttle counts only orders accepted by the whole chain", () => {
    const { engine } = make();
    engine.check({ ...order, quantity: 50 }, st({ time: 1 })); // rejected by size
    for (let t = 2; t < 5; t++) expect(engine.check(order, st({ time: t })).accepted).toBe(true);
    expect(engine.check(order, st({ time: 5 })).reason).toBe("throttle");
  });

  it("kill switch: a drawdown trips it, cancels all via onKill once, then every order is rejected", () => {
    const { engine, kills, log } = make();
    engine.check(order, st());
    expect(engine.evaluate(st({ equity: 9_550, peakEquity: 12_000 }))).toBe(true); // loss 450 < 500, drawdown 0.204
    expect(engine.check(order, st({ time: 10 })).reason).toBe("kill-switch");
    expect(engine.check({ ...order, quantity: 1e9 }, st({ time: 11 })).reason).toBe("kill-switch");
    expect(kills).toEqual(["drawdown"]);
    expect(engine.killSwitch.record?.detail).toMatch(/drawdown 0\.2/);
    expect(log.at(-1)?.validator).toBe("kill-switch");
  });

  it("kill switch: a reported error trips it", () => {
    const { engine, kills } = make();
    engine.reportError(new Error("gateway down"), 3);
    expect(engine.check(order, st()).accepted).toBe(false);
    expect(kills).toEqual(["error"]);
  });
});

describe("RiskEngine.evaluate warnings", () => {
  it("warns once when drawdown crosses 90% of its limit on marks, again after dropping back below", () => {
    const warns: string[] = [];
    const engine = RiskEngine.fromConfig(parseRiskConfig({ killSwitch: { maxDrawdown: 0.2 } }), {
      onWarning: (w) => warns.push(`${w.time}:${w.usage.toFixed(2)}:${w.order === null}`),
    });
    const mark = (time: number, equity: number) => engine.evaluate(st({ time, equity, peakEquity: 10_000 }));
    mark(1, 9_000); // dd 0.10 → 50%
    mark(2, 8_150); // dd 0.185 → 92.5%: warn
    mark(3, 8_100); // still near: no repeat
    mark(4, 9_500); // back below
    expect(mark(5, 8_120)).toBe(false); // crosses again: warn
    expect(warns).toEqual(["2:0.93:true", "5:0.94:true"]);
  });
});
