import { afterEach, describe, expect, it } from "vitest";
import { bundledBars, TEST_KEY, TEST_SECRET, testCredentials } from "../alpaca/alpacaTest.testutil.js";
import { type FakeAlpaca, startFakeAlpaca } from "../alpaca/fake/fakeAlpaca.js";
import { AlpacaLiveGateway, baseClientOrderId } from "./alpacaLiveGateway.js";
import type { LiveNodeEvent } from "./liveNode.js";
import { LiveNode } from "./liveNode.js";
import { openJournal, tempDir } from "./paperTestUtil.testutil.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const until = async (cond: () => boolean, ms = 15_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("AlpacaLiveGateway + LiveNode against the fake broker", () => {
  it("baseClientOrderId folds cancel-replace suffixes", () => {
    expect(baseClientOrderId("run-12-r1-r2")).toBe("run-12");
    expect(baseClientOrderId("run-12")).toBe("run-12");
  });

  it("trades, replaces (the chain reconciles without discrepancies), survives a stream drop (disconnect → reconnect → reconcile)", async () => {
    const bars = await bundledBars();
    const fake: FakeAlpaca = await startFakeAlpaca({
      replay: bars,
      keyId: TEST_KEY,
      secretKey: TEST_SECRET,
      rateLimit: false,
    });
    cleanups.push(() => fake.close());
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const gw = new AlpacaLiveGateway(
      { baseUrl: fake.url, streamUrl: fake.streamUrl, dataUrl: fake.dataUrl, credentials: testCredentials() },
      20,
    );
    const { journal, recovery } = openJournal(dir);
    let limitId = "";
    const node = new LiveNode({
      gateway: gw,
      strategy: {
        id: "t",
        onBar(bar, ctx) {
          if (bar.symbol !== "ORCL" || limitId !== "") return;
          ctx.submit({ symbol: "ORCL", side: "buy", qty: 5 });
          limitId = ctx.submit({
            symbol: "ORCL",
            side: "buy",
            qty: 3,
            type: "limit",
            limitPrice: bar.close * 0.5,
          }).id;
        },
      },
      symbols: ["ORCL"],
      timeframe: "1d",
      runId: "gwtest",
      journal,
      recovered: recovery.records,
    });
    const events: LiveNodeEvent[] = [];
    node.on((e) => {
      if (e.type !== "data") events.push(e);
    });
    cleanups.push(() => node.stop({ waitMs: 500 }));
    await node.start();
    fake.step(2);
    await until(
      () =>
        limitId !== "" &&
        node.orders.get(limitId)?.status === "ACKNOWLEDGED" &&
        node.portfolio.qty("ORCL") === 5,
    );
    expect(node.context.replace(limitId, { qty: 4, limitPrice: 10 })).toBe(true);
    await until(
      () => node.orders.get(limitId)?.status === "ACKNOWLEDGED" && node.orders.get(limitId)?.qty === 4,
    );
    const r = await node.reconcile("test");
    expect(r.actions).toEqual([]);
    fake.dropStreams();
    await until(() => events.some((e) => e.type === "connection" && !e.event.connected));
    await until(() => events.some((e) => e.type === "reconcile" && e.trigger === "reconnect"));
    expect(gw.connected).toBe(true);
    fake.step(1);
    const rec = events.filter((e) => e.type === "reconcile");
    expect(rec.every((e) => e.type === "reconcile" && e.actions.length === 0)).toBe(true);
    expect(node.portfolio.qty("ORCL")).toBe(5);
  }, 60_000);
});
