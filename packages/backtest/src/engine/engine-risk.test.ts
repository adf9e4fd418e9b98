import { describe, expect, it } from "vitest";
import { Engine } from "./engine.js";
import type { Strategy } from "./strategy.js";

describe("Engine risk integration", () => {
  it("the kill switch trips on loss: resting orders are canceled, new orders rejected, all audited", async () => {
    const { emptyBars } = await import("@quantkit/core");
    const n = 30;
    const bars = emptyBars("X", "1d", n);
    for (let i = 0; i < n; i++) {
      const p = 100 - i * 2; // steady decline
      bars.ts[i] = i * 86_400_000;
      bars.open[i] = p;
      bars.high[i] = p + 0.5;
      bars.low[i] = p - 2.5;
      bars.close[i] = p - 2;
      bars.volume[i] = 1e6;
    }
    const s: Strategy = {
      onBar(bar, ctx) {
        if (bar.index === 0) ctx.submit({ symbol: "X", side: "buy", qty: 100 });
        if (bar.index === 1) ctx.submit({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 1 });
        if (bar.index === 20) ctx.submit({ symbol: "X", side: "buy", qty: 1 });
      },
    };
    const e = new Engine({ bars: [bars], strategy: s, risk: { killSwitch: { maxLoss: 1000 } } });
    const r = e.run();
    const [entry, resting, late] = r.orders;
    expect(entry!.status).toBe("FILLED");
    expect(resting!.status).toBe("CANCELED");
    expect(late!.status).toBe("REJECTED");
    expect(late!.reason).toMatch(/kill-switch/);
    expect(e.log.records.some((x) => x.type === "kill-switch")).toBe(true);
  });

  it("a venue halt cancels working orders as unsolicited cancels", async () => {
    const { randomBars } = await import("./random-bars.js");
    const bars = randomBars(10, 4);
    let engine: Engine | undefined;
    const s: Strategy = {
      onBar(bar, ctx) {
        if (bar.index === 1) ctx.submit({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 1 });
        if (bar.index === 4) engine!.gateway.haltSymbol("X", "LULD halt");
      },
    };
    engine = new Engine({ bars: [bars], strategy: s });
    const r = engine.run();
    expect(r.orders[0]).toMatchObject({ status: "CANCELED", reason: "unsolicited: LULD halt" });
    expect(r.orderManager.audit({ to: "CANCELED" })[0]!.initiator).toBe("venue");
  });
});

describe("Engine account checks", () => {
  it("rejects orders beyond buying power (cash account) and short sales when shorting is off", async () => {
    const { randomBars } = await import("./random-bars.js");
    const bars = randomBars(10, 6);
    const s: Strategy = {
      onBar(bar, ctx) {
        if (bar.index === 1) {
          ctx.submit({ symbol: "X", side: "buy", qty: Math.floor(9_000 / bar.close) }); // fits
          ctx.submit({ symbol: "X", side: "buy", qty: Math.floor(5_000 / bar.close) }); // 9k reserved + 5k > 10k
        }
        if (bar.index === 3) ctx.submit({ symbol: "X", side: "sell", qty: 10_000 }); // would go short
      },
    };
    const r = new Engine({
      bars: [bars],
      strategy: s,
      portfolio: { initialCash: 10_000, maxLeverage: 1, allowShort: false },
    }).run();
    expect(r.orders.map((o) => o.status)).toEqual(["FILLED", "REJECTED", "REJECTED"]);
    const rej = r.orderManager.audit({ to: "REJECTED" });
    expect(rej.map((e) => e.initiator)).toEqual(["system", "system"]);
    expect(rej[0]!.reason).toMatch(/insufficient buying power/);
    expect(rej[1]!.reason).toMatch(/short selling not allowed/);
  });

  it("leverage 2 allows twice the equity", async () => {
    const { randomBars } = await import("./random-bars.js");
    const bars = randomBars(5, 6);
    const s: Strategy = {
      onBar(bar, ctx) {
        if (bar.index === 1) ctx.submit({ symbol: "X", side: "buy", qty: Math.floor(15_000 / bar.close) });
      },
    };
    const r = new Engine({
      bars: [bars],
      strategy: s,
      portfolio: { initialCash: 10_000, maxLeverage: 2 },
    }).run();
    expect(r.orders[0]!.status).toBe("FILLED");
    expect(r.portfolio.leverage).toBeGreaterThan(1);
  });
});
