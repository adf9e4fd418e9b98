import type { IncomingMessage, ServerResponse } from "node:http";
import { WallClock } from "@quantkit/core";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { z } from "zod";
import { type FakeClient, FakeVenue } from "./fakeVenue.js";
import type { SourceTrade } from "./replayData.js";
import { replyJson } from "./replyJson.js";

const toyFault = z.object({ kind: z.literal("mark") }).strict();
type ToyFault = z.infer<typeof toyFault>;

const trades: SourceTrade[] = Array.from({ length: 30 }, (_, i) => ({
  id: 100 + i,
  ts: i,
  price: 1,
  size: 1,
  side: 1,
  priceText: "1",
  sizeText: "1",
}));

/** A toy venue: every client gets each trade id as text; faults are logged with the replay position. */
class ToyVenue extends FakeVenue<ToyFault, FakeClient> {
  readonly log: string[] = [];

  private constructor() {
    super(trades, new WallClock(), { tradesPerTick: 4, tickMs: 1 }, toyFault, { path: "/toy" });
  }

  static async start(): Promise<ToyVenue> {
    const v = new ToyVenue();
    await v.listen();
    return v;
  }

  fault(f: ToyFault): void {
    this.log.push(`${f.kind}@${this.cursor}`);
  }

  protected connect(ws: WebSocket): void {
    this.track({ ws });
  }

  protected tick(count: number): void {
    const end = Math.min(this.trades.length, this.cursor + count);
    for (; this.cursor < end; this.cursor++) {
      this.scheduled.fire(this.cursor, this.inject);
      for (const c of this.clients) c.ws.send(String(this.trades[this.cursor]!.id));
    }
    if (this.cursor >= this.trades.length) this.pause();
  }

  protected rest(req: IncomingMessage, res: ServerResponse): void {
    replyJson(res, 200, { url: req.url, published: this.published });
  }
}

let venue: ToyVenue | null = null;
afterEach(async () => {
  await venue?.close();
  venue = null;
});

describe("FakeVenue (what the fake venues share)", () => {
  it("serves REST and WebSocket on its URLs, tracks clients, replays every trade once in order, fires scheduled faults at exact points", async () => {
    venue = await ToyVenue.start();
    expect(venue.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/toy$/);
    expect(await (await fetch(`${venue.restUrl}/x`)).json()).toEqual({ url: "/x", published: 0 });
    const ws = new WebSocket(venue.wsUrl);
    const got: number[] = [];
    ws.on("message", (d) => got.push(Number(String(d))));
    await new Promise((r) => ws.once("open", r));
    while (venue.connected === 0) await new Promise((r) => setTimeout(r, 2));
    expect(venue.connected).toBe(1);
    venue.schedule([
      { at: 13, fault: { kind: "mark" } },
      { at: 5, fault: { kind: "mark" } },
    ]);
    expect(() => venue!.schedule([{ at: 1, fault: { kind: "other" } as unknown as ToyFault }])).toThrow();
    venue.play();
    venue.play(); // a second play() while playing changes nothing
    while (got.length < trades.length) await new Promise((r) => setTimeout(r, 2));
    expect(got).toEqual(trades.map((t) => t.id));
    expect(venue.published).toBe(trades.length);
    expect(venue.log).toEqual(["mark@5", "mark@13"]);
    ws.terminate();
    while (venue.connected > 0) await new Promise((r) => setTimeout(r, 2));
  });

  it("pause() stops the replay where it is; close() closes sockets and servers", async () => {
    venue = await ToyVenue.start();
    venue.play();
    venue.pause();
    const at = venue.published;
    await new Promise((r) => setTimeout(r, 20));
    expect(venue.published).toBe(at);
    const ws = new WebSocket(venue.wsUrl);
    await new Promise((r) => ws.once("open", r));
    const closed = new Promise((r) => ws.once("close", r));
    const url = venue.restUrl;
    await venue.close();
    venue = null;
    await closed;
    await expect(fetch(url)).rejects.toThrow();
  });
});
