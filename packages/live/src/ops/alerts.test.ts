import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SimulatedClock } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertManager } from "./alerts.js";

const received: { path: string; body: { source: string; alert: { kind: string; message: string } } }[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", () => {
    received.push({ path: req.url ?? "", body: JSON.parse(body) });
    res.writeHead(req.url === "/fail" ? 500 : 204);
    res.end();
  });
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("AlertManager", () => {
  it("POSTs each alert kind once to a real webhook receiver, re-arming when the condition clears", async () => {
    received.length = 0;
    const clock = new SimulatedClock(1_000_000);
    const a = new AlertManager(clock, {
      webhookUrl: `${base}/hook`,
      positionLimit: (s) => (s === "X" ? 10 : undefined),
      drawdown: 0.05,
    });
    a.onPosition("X", 10);
    a.onPosition("Y", 1e9);
    a.onPosition("X", -11);
    a.onPosition("X", -12); // still breached: no second alert
    // 9 accepted + 1 rejected = 10 % (not above); one more rejection → 2/11 > 10 %
    for (let i = 0; i < 9; i++) a.onOrderOutcome(false);
    a.onOrderOutcome(true);
    expect(a.raised.map((x) => x.kind)).toEqual(["position-limit"]);
    a.onOrderOutcome(true);
    a.onEquity(100_000);
    a.onEquity(96_000);
    a.onEquity(94_999);
    a.onEquity(94_000);
    clock.advanceTo(1_000_000 + 299_999);
    a.tick();
    clock.advanceTo(1_000_000 + 300_000);
    a.tick();
    a.tick();
    a.markData(clock.now());
    clock.advanceTo(1_000_000 + 600_001);
    a.tick();
    await a.flush();
    const kinds = received.map((r) => r.body.alert.kind);
    expect(kinds).toEqual(["position-limit", "rejection-rate", "drawdown", "no-data", "no-data"]);
    expect(received.every((r) => r.path === "/hook" && r.body.source === "quantkit-paper")).toBe(true);
    expect(received[1]!.body.alert.message).toMatch(/18\.2 % over the last 11 orders/);
    expect(a.deliveryErrors).toBe(0);
  });

  it("counts failed deliveries without throwing", async () => {
    const errors: unknown[] = [];
    const a = new AlertManager(
      new SimulatedClock(0),
      { webhookUrl: `${base}/fail`, drawdown: 0.1 },
      undefined,
      (e) => errors.push(e),
    );
    a.onEquity(100);
    a.onEquity(80);
    await a.flush();
    expect(a.deliveryErrors).toBe(1);
    expect(String(errors[0])).toMatch(/HTTP 500/);
  });
});
