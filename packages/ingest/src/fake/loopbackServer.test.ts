import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { LoopbackServer } from "./loopbackServer.js";
import { replyJson } from "./replyJson.js";

const open: LoopbackServer[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

describe("LoopbackServer (a fake venue's HTTP + WebSocket server on 127.0.0.1)", () => {
  it("listens on a free 127.0.0.1 port, serves REST and WebSocket on it, and close() frees the port", async () => {
    const a = new LoopbackServer((req, res) => replyJson(res, 200, { path: req.url }), { path: "/ws" });
    const b = new LoopbackServer((_req, res) => replyJson(res, 404, {}), { path: "/" });
    a.wss.on("connection", (ws) => ws.send("hello"));
    await a.listen();
    await b.listen();
    open.push(b);
    expect(a.url("http")).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.url("ws", "/ws")).toBe(`${a.url("http").replace("http", "ws")}/ws`);
    expect(a.url("http")).not.toBe(b.url("http"));
    const r = await fetch(`${a.url("http")}/x?y=1`);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.json()).toEqual({ path: "/x?y=1" });
    const ws = new WebSocket(a.url("ws", "/ws"));
    const first = await new Promise<string>((resolve) => ws.once("message", (d) => resolve(String(d))));
    expect(first).toBe("hello");
    ws.terminate();
    const url = a.url("http");
    await a.close();
    await expect(fetch(url)).rejects.toThrow();
  });

  it("WebSocket options pass through: autoPong false leaves pings unanswered, the default answers them", async () => {
    const pongs = async (s: LoopbackServer) => {
      await s.listen();
      open.push(s);
      const ws = new WebSocket(s.url("ws", "/"));
      await new Promise((r) => ws.once("open", r));
      let got = 0;
      ws.on("pong", () => got++);
      ws.ping();
      await new Promise((r) => setTimeout(r, 100));
      ws.terminate();
      return got;
    };
    expect(await pongs(new LoopbackServer(() => {}, { path: "/" }))).toBe(1);
    expect(await pongs(new LoopbackServer(() => {}, { path: "/", autoPong: false }))).toBe(0);
  });
});
