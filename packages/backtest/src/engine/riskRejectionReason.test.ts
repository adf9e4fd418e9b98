import { describe, expect, it } from "vitest";
import { parseRiskConfig } from "../risk/riskConfig.js";
import { RiskEngine } from "../risk/riskEngine.js";
import type { RiskStateView } from "../risk/types.js";
import { KernelOrders } from "./kernelOrders.testutil.js";
import { riskRejectionReason } from "./riskRejectionReason.js";
import { riskOrderRequest } from "./riskViews.js";

const state = (mids: Record<string, number> = {}): RiskStateView => ({
  time: 5,
  positions: new Map(),
  openOrders: [],
  mids: new Map(Object.entries(mids)),
  equity: 1e5,
  peakEquity: 1e5,
});

describe("riskRejectionReason(decision, risk)", () => {
  it("names the validator and reason, with the value and limit when the validator measured one", () => {
    const risk = RiskEngine.fromConfig(
      parseRiskConfig({ maxOrderQty: { default: 10 }, priceBand: { bps: 50 } }),
    );
    const k = new KernelOrders();
    const big = riskOrderRequest(k.created({ symbol: "X", side: "buy", qty: 11 }));
    expect(riskRejectionReason(risk.check(big, state({ X: 100 })), risk)).toBe(
      "max-order-size: max-order-size (value 11, limit 10)",
    );
    const noMid = riskOrderRequest(
      k.created({ symbol: "Y", side: "buy", qty: 1, type: "limit", limitPrice: 1 }),
    );
    expect(riskRejectionReason(risk.check(noMid, state()), risk)).toBe("price-band: no-mid");
  });

  it("explains a kill-switch rejection by the trip's time, trigger and detail", () => {
    const risk = RiskEngine.fromConfig(parseRiskConfig({}));
    risk.killSwitch.trip("manual", 1_000, "operator");
    const o = riskOrderRequest(new KernelOrders().created({ symbol: "X", side: "buy", qty: 1 }));
    expect(riskRejectionReason(risk.check(o, state({ X: 100 })), risk)).toBe(
      "kill-switch: tripped at 1970-01-01T00:00:01.000Z on manual (operator)",
    );
  });
});
