import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { WebSocketServer } from "ws";
import { TEST_KEY, TEST_SECRET, testCredentials, waitFor } from "./alpacaTest.testutil.js";
import { type MarketDataEvent, MarketDataStream } from "./marketDataStream.js";

const DOCS = "/work/shared/datasets/alpaca/docs_entity_examples";
const example = (f: string): Record<string, unknown> => JSON.parse(readFileSync(`${DOCS}/${f}`, "utf8"));
const servers: WebSocketServer[] = [];
const streams: MarketDataStream[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.stop();
  for (const w of servers.splice(0)) {
    for (const c of w.clients) c.terminate();
    await new Promise((r) => w.close(r));
  }
});

/** A scripted v2 data server: connected → auth check → subscription echo; `push` sends a frame to all clients. */
async function server() {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  servers.push(wss);
  await new Promise((r) => wss.once("listening", r));
  const received: unknown[] = [];
  wss.on("connection", (ws) => {
    ws.send(JSON.stringify([{ T: "success", msg: "connected" }]));
    ws.on("message", (raw) => {
      const m = JSON.parse(String(raw)) as {
        action: string;
        key?: string;
        secret?: string;
        bars?: string[];
        trades?: string[];
        quotes?: string[];
      };
      received.push(m);
      if (m.action === "auth")
        ws.send(
          JSON.stringify([
            m.key === TEST_KEY && m.secret === TEST_SECRET
              ? { T: "success", msg: "authenticated" }
              : { T: "error", code: 402, msg: "auth failed" },
          ]),
        );
      else
        ws.send(
          JSON.stringify([
            { T: "subscription", trades: m.trades ?? [], quotes: m.quotes ?? [], bars: m.bars ?? [] },
          ]),
        );
    });
  });
  const push = (frame: unknown) => {
    for (const c of wss.clients) c.send(JSON.stringify(frame));
  };
  return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v2/iex`, received, push };
}

describe("MarketDataStream", () => {
  test("decodes Alpaca's documented bar, trade and quote messages into typed events (ns timestamps → epoch ms with µs)", async () => {
    const srv = await server();
    const events: MarketDataEvent[] = [];
    const errors: string[] = [];
    const md = new MarketDataStream(
      srv.url,
      testCredentials(),
      (e) => events.push(e),
      (m) => errors.push(m),
    );
    streams.push(md);
    md.subscribe("bars", ["SPY"]);
    md.subscribe("trades", ["AAPL"]);
    md.subscribe("quotes", ["AMD"]);
    await md.start();
    expect(srv.received).toEqual([
      { action: "auth", key: TEST_KEY, secret: TEST_SECRET },
      { action: "subscribe", bars: ["SPY"], trades: ["AAPL"], quotes: ["AMD"] },
    ]);
    srv.push([
      example("stream-bar-v2.json"),
      example("stream-trade-v2.json"),
      example("stream-quote-v2.json"),
    ]);
    await waitFor("3 events", () => events.length === 3);
    expect(events).toEqual([
      {
        kind: "bar",
        symbol: "SPY",
        ts: Date.UTC(2021, 1, 22, 19, 15),
        open: 388.985,
        high: 389.13,
        low: 388.975,
        close: 389.12,
        volume: 49378,
      },
      { kind: "trade", symbol: "AAPL", ts: Date.UTC(2021, 1, 22, 15, 51, 44, 208), price: 126.55, size: 1 },
      {
        kind: "quote",
        symbol: "AMD",
        ts: Date.UTC(2021, 1, 22, 15, 51, 45, 335) + 0.689,
        bid: 87.66,
        bidSize: 1,
        ask: 87.68,
        askSize: 4,
      },
    ]);
    // a malformed message is reported (naming the field), the valid one in the same frame still delivered
    srv.push([{ ...example("stream-trade-v2.json"), p: "126.55" }, example("stream-bar-v2.json")]);
    await waitFor("4 events", () => events.length === 4);
    expect(errors).toEqual([expect.stringMatching(/message 0 invalid at p/)]);
  });

  test("reconnects after a drop, re-authenticates and re-subscribes everything", async () => {
    const srv = await server();
    const md = new MarketDataStream(
      srv.url,
      testCredentials(),
      () => {},
      () => {},
      { backoff: { baseMs: 5, maxMs: 20 } },
    );
    streams.push(md);
    md.subscribe("bars", ["SPY"]);
    await md.start();
    md.subscribe("trades", ["AAPL"]);
    await waitFor("2nd subscribe", () => srv.received.length === 3);
    for (const c of srv.wss.clients) c.terminate();
    await waitFor("reconnected", () => md.reconnects === 1 && md.state === "ready");
    expect(srv.received.slice(3)).toEqual([
      { action: "auth", key: TEST_KEY, secret: TEST_SECRET },
      { action: "subscribe", bars: ["SPY"], trades: ["AAPL"], quotes: [] },
    ]);
  });
});
