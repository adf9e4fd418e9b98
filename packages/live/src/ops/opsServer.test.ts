import { readFileSync } from "node:fs";
import { SimulatedClock } from "@quantkit/core";
import { afterEach, describe, expect, it } from "vitest";
import { MockGateway } from "../gateway/mockGateway.js";
import { LiveNode } from "../paper/liveNode.js";
import { openJournal, tempDir } from "../paper/paperTestUtil.testutil.js";
import { startOpsServer } from "./opsServer.js";
import { PaperOps } from "./paperOps.js";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("startOpsServer with PaperOps", () => {
  it("serves /metrics and /health (503 with reasons, then 200), and writes order/trade/error log streams", async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const clock = new SimulatedClock(1_700_000_000_000);
    const gw = new MockGateway({ clock });
    const { journal, recovery } = openJournal(dir);
    const node = new LiveNode({
      gateway: gw,
      strategy: { id: "t" },
      symbols: ["X"],
      timeframe: "1m",
      runId: "r",
      journal,
      recovered: recovery.records,
      clock,
      risk: { maxOrderQty: { default: 100 } },
    });
    const ops = new PaperOps({ stateDir: dir, secrets: ["sk-SECRET-123"], clock });
    cleanups.push(() => ops.close());
    ops.attach(node);
    const srv = await startOpsServer({ port: 0, registry: ops.metrics.registry, health: ops.health });
    cleanups.push(() => srv.close());
    let h = await fetch(`${srv.url}/health`);
    expect(h.status).toBe(503);
    expect(((await h.json()) as { reasons: string[] }).reasons).toEqual(["broker not connected"]);
    await node.start();
    gw.push({ kind: "bar", symbol: "X", ts: 0, open: 10, high: 10, low: 10, close: 10, volume: 5 });
    node.context.submit({ symbol: "X", side: "buy", qty: 3 });
    gw.push({ kind: "bar", symbol: "X", ts: 60_000, open: 11, high: 11, low: 11, close: 11, volume: 5 });
    node.context.submit({ symbol: "X", side: "buy", qty: 1000 }); // rejected by max order size
    h = await fetch(`${srv.url}/health`);
    expect(h.status).toBe(200);
    const text = await (await fetch(`${srv.url}/metrics`)).text();
    expect(text).toContain('quantkit_orders_submitted_total{symbol="X"} 1');
    expect(text).toContain('quantkit_orders_filled_total{symbol="X"} 1');
    expect(text).toMatch(/quantkit_orders_rejected_total\{source="risk",reason="max-order-size"\} 1/);
    expect(text).toContain("quantkit_paper_connected 1");
    expect(text).toContain('quantkit_paper_position{symbol="X"} 3');
    expect(text).toContain('quantkit_paper_market_events_total{kind="bar"} 2');
    expect((await fetch(`${srv.url}/nope`)).status).toBe(404);
    gw.disconnect("socket closed");
    h = await fetch(`${srv.url}/health`);
    expect(h.status).toBe(503);
    expect(((await h.json()) as { reasons: string[] }).reasons).toEqual(["broker not connected"]);
    ops.logs.error.error({ apiSecret: "sk-SECRET-123" }, "failed with key sk-SECRET-123");
    ops.close();
    const orders = readFileSync(ops.logs.files.order, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(orders.map((o) => o.status)).toEqual(["PENDING_NEW", "ACKNOWLEDGED", "FILLED", "REJECTED"]);
    const trades = readFileSync(ops.logs.files.trade, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ stream: "trade", symbol: "X", qty: 3, price: 11 });
    const errors = readFileSync(ops.logs.files.error, "utf8");
    expect(errors).toContain("max-order-size");
    expect(errors).toContain("[REDACTED]");
    expect(errors).not.toContain("sk-SECRET-123");
    await node.stop();
  });
});
