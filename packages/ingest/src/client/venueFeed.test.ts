import { WallClock } from "@quantkit/core";
import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { LoopbackServer } from "../fake/loopbackServer.js";
import type { FeedEvent, NormalizedTrade } from "../types.js";
import { FeedConnection } from "./feedConnection.js";
import { TEST_CONNECTION } from "./feedConnection.testutil.js";
import { VenueFeed } from "./venueFeed.js";

const trade = (tradeId: number): NormalizedTrade => ({
  kind: "trade",
  ts: tradeId,
  price: 1,
  size: 1,
  side: 1,
  exchange: "toy",
  symbol: "X",
  tradeId,
  eventTs: tradeId,
});

/** A toy venue: subscribes with "sub", frames are trade ids as text, REST knows every id. */
class ToyFeed extends VenueFeed {
  readonly opened: boolean[] = [];
  readonly backfills: [number, number][] = [];
  checks = 0;

  constructor(wsUrl: string) {
    super(
      "binance",
      "toy",
      { ...TEST_CONNECTION, wsUrl, checkEveryMs: 5, buffer: { capacity: 100, policy: "pause" } },
      { X: 0 },
      new WallClock(),
    );
  }

  protected onOpen(ws: { send(text: string): void }, reconnect: boolean): void {
    this.opened.push(reconnect);
    ws.send("sub");
  }

  protected onMessage(raw: string): void {
    this.conn.push(trade(Number(raw)), "X", "trade");
  }

  protected override onCheck(): void {
    this.checks++;
  }

  protected async *backfill(_symbol: string, from: number, to: number): AsyncGenerator<FeedEvent> {
    this.backfills.push([from, to]);
    for (let id = from; id <= to; id++) {
      this.trades.backfilled("X", id);
      yield trade(id);
    }
  }
}

const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe("VenueFeed (what the venue feeds share)", () => {
  it("drives a subclass's onOpen/onMessage/onCheck/backfill: events() yields trade ids once, in order; close() ends them", async () => {
    const server = new LoopbackServer(() => {}, { path: "/" });
    server.wss.on("connection", (ws: WebSocket) =>
      ws.on("message", (m) => {
        if (String(m) === "sub") for (const id of [1, 2, 2, 5, 6]) ws.send(String(id));
      }),
    );
    await server.listen();
    servers.push(server);
    const feed = new ToyFeed(server.url("ws", "/"));
    expect(feed.isConnected).toBe(false);
    feed.start();
    const got: number[] = [];
    for await (const ev of feed.events()) {
      got.push((ev as NormalizedTrade).tradeId);
      if (got.length === 6) break;
    }
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
    expect(feed.backfills).toEqual([[3, 4]]);
    expect(feed.metrics.total("duplicates")).toBe(1);
    expect(feed.metrics.total("trades_backfilled")).toBe(2);
    expect(feed.opened).toEqual([false]);
    expect(feed.isConnected).toBe(true);
    expect(feed.buffered).toBe(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(feed.checks).toBeGreaterThan(0);
    await feed.close();
    expect(feed.isConnected).toBe(false);
    const after: FeedEvent[] = [];
    for await (const ev of feed.events()) after.push(ev);
    expect(after).toEqual([]);
  });

  it("backoffDelay(k) is the connection's: the same seeded sequence as a FeedConnection with the same options", () => {
    const feed = new ToyFeed("ws://127.0.0.1:9/");
    const clock = new WallClock();
    const conn = new FeedConnection<FeedEvent>(TEST_CONNECTION, clock, feed.metrics);
    for (let k = 0; k < 8; k++) expect(feed.backoffDelay(k)).toBe(conn.backoffDelay(k));
  });
});
