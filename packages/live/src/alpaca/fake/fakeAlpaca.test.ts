import { afterEach, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { makeBars, waitFor } from "../alpacaTest.testutil.js";
import { streamFrame } from "../schemas/marketData.js";
import { parseRfc3339Ms } from "../schemas/primitives.js";
import { tradingStreamMessage } from "../schemas/tradeUpdate.js";
import { type FakeAlpaca, startFakeAlpaca } from "./fakeAlpaca.js";

const fakes: FakeAlpaca[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const rows = [
  [10, 11, 9, 10, 1000],
  [10, 12, 8, 11, 1000],
  [11, 12, 10, 11.5, 1000],
  [11, 12, 10, 11, 1000],
] as const;
async function start(opts: Partial<Parameters<typeof startFakeAlpaca>[0]> = {}) {
  const f = await startFakeAlpaca({ replay: [makeBars("AAA", rows)], ...opts });
  fakes.push(f);
  return f;
}
const H = { "APCA-API-KEY-ID": "FAKEKEYID", "APCA-API-SECRET-KEY": "FAKESECRET" };

/** `POST /v2/orders`: a day market buy of 1 AAA under client order id `cid`, as a raw HTTP request. */
function postMarketBuy(f: FakeAlpaca, cid: string): Promise<Response> {
  return fetch(`${f.url}/v2/orders`, {
    method: "POST",
    headers: { ...H, "content-type": "application/json" },
    body: JSON.stringify({
      symbol: "AAA",
      qty: "1",
      side: "buy",
      type: "market",
      time_in_force: "day",
      client_order_id: cid,
    }),
  });
}

/** A raw WebSocket client collecting frames (text and whether the frame was binary). */
async function raw(url: string) {
  const ws = new WebSocket(url);
  const frames: { text: string; binary: boolean }[] = [];
  ws.on("message", (d, binary) => frames.push({ text: Buffer.from(d as Buffer).toString("utf8"), binary }));
  const closed = new Promise<number>((r) => ws.on("close", (code) => r(code)));
  await new Promise((r) => ws.once("open", r));
  return { ws, frames, closed, send: (m: unknown) => ws.send(JSON.stringify(m)) };
}

describe("startFakeAlpaca", () => {
  test("REST: 403 without or with wrong keys, 404 unknown path/order, 429 with Retry-After and X-RateLimit headers", async () => {
    const f = await start({ rateLimit: { perMinute: 60, burst: 2 } });
    expect((await fetch(`${f.url}/v2/account`)).status).toBe(403);
    const wrong = await fetch(`${f.url}/v2/account`, { headers: { ...H, "APCA-API-SECRET-KEY": "nope" } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 40310000 });
    expect((await fetch(`${f.url}/v2/nothing`, { headers: H })).status).toBe(404);
    const r404 = await fetch(`${f.url}/v2/orders/abc`, { headers: H });
    expect(r404.status).toBe(404);
    expect(await r404.json()).toEqual({ code: 40410000, message: "order not found" });
    const r429 = await fetch(`${f.url}/v2/account`, { headers: H });
    expect(r429.status).toBe(429);
    expect(await r429.json()).toEqual({ code: 42910000, message: "rate limit exceeded" });
    expect(Number(r429.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(r429.headers.get("x-ratelimit-limit")).toBe("60");
    expect(r429.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(r429.headers.get("x-ratelimit-reset")) * 1000).toBeGreaterThan(Date.now() - 1000);
    expect(f.requests.map((r) => r.status)).toEqual([403, 403, 404, 404, 429]);
  });

  test("trade_updates stream: listen refused before auth, then authorized; events arrive as binary JSON frames", async () => {
    const f = await start();
    const c = await raw(f.streamUrl);
    c.send({ action: "listen", data: { streams: ["trade_updates"] } });
    await waitFor("unauthorized", () => c.frames.length === 1);
    expect(JSON.parse(c.frames[0]?.text ?? "")).toEqual({
      stream: "authorization",
      data: { status: "unauthorized", action: "listen" },
    });
    c.send({ action: "authenticate", data: { key_id: "FAKEKEYID", secret_key: "FAKESECRET" } });
    c.send({ action: "listen", data: { streams: ["trade_updates"] } });
    await waitFor("listening", () => c.frames.length === 3);
    const res = await postMarketBuy(f, "w1");
    expect(res.status).toBe(200);
    await waitFor("events", () => c.frames.length === 5);
    expect(c.frames.every((x) => x.binary)).toBe(true);
    const msgs = c.frames.map((x) => tradingStreamMessage.parse(JSON.parse(x.text)));
    expect(msgs.map((m) => (m.stream === "trade_updates" ? m.data.event : m.stream))).toEqual([
      "authorization",
      "authorization",
      "listening",
      "new",
      "fill",
    ]);
    c.ws.close();
  });

  test("trade_updates stream: a wrong secret is answered unauthorized and the socket closed", async () => {
    const f = await start();
    const c = await raw(f.streamUrl);
    c.send({ action: "authenticate", data: { key_id: "FAKEKEYID", secret_key: "bad" } });
    expect(await c.closed).toBe(1008);
    expect(JSON.parse(c.frames[0]?.text ?? "")).toMatchObject({ data: { status: "unauthorized" } });
  });

  test("data stream: connected → 401 before auth → 402 on bad keys; authenticated subscription receives replayed bars", async () => {
    const f = await start({ warmupSteps: 0 });
    const bad = await raw(f.dataUrl);
    bad.send({ action: "subscribe", bars: ["AAA"] });
    bad.send({ action: "auth", key: "FAKEKEYID", secret: "bad" });
    expect(await bad.closed).toBe(1008);
    expect(bad.frames.map((x) => JSON.parse(x.text)[0])).toEqual([
      { T: "success", msg: "connected" },
      { T: "error", code: 401, msg: "not authenticated" },
      { T: "error", code: 402, msg: "auth failed" },
    ]);
    const c = await raw(f.dataUrl);
    c.send({ action: "auth", key: "FAKEKEYID", secret: "FAKESECRET" });
    c.send({ action: "subscribe", bars: ["AAA"] });
    await waitFor("subscribed", () => c.frames.length === 3);
    f.play({ intervalMs: 5 });
    await waitFor("4 bars", () => c.frames.length === 7);
    const bars = c.frames.slice(3).flatMap((x) => streamFrame.parse(JSON.parse(x.text)));
    expect(bars.map((b) => (b.T === "b" ? [parseRfc3339Ms(b.t), b.o, b.c] : []))).toEqual(
      rows.map((r, i) => [Date.UTC(2024, 0, 2 + i, 5), r[0], r[3]]),
    );
    expect(f.clock.now()).toBe(Date.UTC(2024, 0, 5, 5) + 86_400_000);
    c.ws.close();
  });

  test("injected 5xx answers without processing; drop-response processes then cuts the socket", async () => {
    const f = await start();
    f.injectFault({ kind: "status", status: 503, count: 1, method: "POST" });
    f.injectFault({ kind: "drop-response", count: 1, method: "POST" });
    const post = (cid: string) => postMarketBuy(f, cid);
    expect((await post("f1")).status).toBe(503);
    await expect(post("f2")).rejects.toThrow();
    expect((await post("f3")).status).toBe(200);
    expect(
      f.broker
        .listOrders({ status: "all" })
        .map((o) => o.client_order_id)
        .sort(),
    ).toEqual(["f2", "f3"]);
  });
});
