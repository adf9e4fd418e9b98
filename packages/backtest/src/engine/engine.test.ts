import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bars, sliceBars } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readEventLog } from "../log/event-log.js";
import { replayLog } from "../log/replay.js";
import { Engine, type EngineOptions } from "./engine.js";
import { randomBars } from "./random-bars.js";
import { RandomStrategy } from "./random-strategy.js";
import type { Strategy } from "./strategy.js";

const opts = (bars: Bars[], strategy: Strategy, extra: Partial<EngineOptions> = {}): EngineOptions => ({
  bars,
  strategy,
  portfolio: { initialCash: 100_000, commission: { perShare: 0.01, minimum: 0.5 }, maxLeverage: 4 },
  fill: { volumeParticipation: 0.05, intrabar: "pessimistic", slippage: { model: "fixed-bps", bps: 2 } },
  latency: { ackFixedMs: 100, ackJitterMs: 50_000, fillFixedMs: 10, fillJitterMs: 100 },
  seed: 3,
  ...extra,
});

describe("Engine", () => {
  it("delivers a bar at its close and fills a market order decided on it at the next bar's open", () => {
    const bars = randomBars(5, 1);
    const seen: number[] = [];
    let sma!: { update(x: number): number; value: number };
    const s: Strategy = {
      onStart(ctx) {
        sma = new ctx.indicators.Sma({ period: 2 });
      },
      onBar(bar, ctx) {
        seen.push(ctx.now);
        expect(ctx.now).toBe(bar.ts + 60_000);
        expect(ctx.history("X").length).toBe(bar.index + 1);
        sma.update(bar.close);
        if (bar.index === 1) ctx.submit({ symbol: "X", side: "buy", qty: 3 });
      },
    };
    const r = new Engine({ bars: [bars], strategy: s }).run();
    expect(seen).toEqual([...bars.ts].map((t) => t + 60_000));
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ qty: 3, price: bars.open[2], ts: bars.ts[2]! + 60_000 });
    expect(r.orders[0]!.status).toBe("FILLED");
    expect(sma.value).toBeCloseTo((bars.close[3]! + bars.close[4]!) / 2, 12);
  });

  it("P&L is conserved and the equity column matches cash + positions (property, random strategies)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const bars = randomBars(300, seed);
        const r = new Engine(opts([bars], new RandomStrategy(seed, 0.4))).run();
        const pf = r.portfolio;
        expect(pf.equity - pf.initialCash).toBeCloseTo(pf.realized + pf.unrealized - pf.totalCommissions, 6);
        const lastT = r.equityTs.at(-1)!;
        if (!r.fills.some((f) => f.ts > lastT)) expect(r.equity.at(-1)).toBe(pf.equity);
        // every fill happens strictly after the order was created, never before its arrival
        const created = new Map(r.orders.map((o) => [o.id, o.createdTs]));
        for (const f of r.fills) expect(f.ts).toBeGreaterThan(created.get(f.orderId)!);
      }),
      { numRuns: 25 },
    );
  });

  it("no look-ahead: appending future bars never changes past decisions (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 20, max: 180 }), (seed, k) => {
        const full = randomBars(200, seed);
        const prefix = sliceBars(full, 0, k);
        const ea = new Engine(opts([prefix], new RandomStrategy(seed, 0.5)));
        const eb = new Engine(opts([full], new RandomStrategy(seed, 0.5)));
        const a = ea.run();
        const b = eb.run();
        const cut = prefix.ts[k - 1]! + 60_000;
        const past = (e: Engine) => e.log.records.filter((r) => r.ts <= cut && r.type !== "end");
        expect(past(eb)).toEqual(past(ea));
        expect(b.fills.filter((f) => f.ts <= cut)).toEqual(a.fills.filter((f) => f.ts <= cut));
        expect([...b.equity.subarray(0, k - 1)]).toEqual([...a.equity.subarray(0, k - 1)]);
      }),
      { numRuns: 25 },
    );
  });

  it("replaying the event log rebuilds identical orders, positions and equity (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const bars = [randomBars(250, seed, "A"), randomBars(250, seed + 1, "B")];
        const o = opts(bars, new RandomStrategy(seed, 0.5));
        const e = new Engine(o);
        const r = e.run();
        const replay = replayLog(e.log.records, bars, o.portfolio);
        expect(replay.orders).toEqual(r.orders);
        expect(replay.positions).toEqual(r.portfolio.positions());
        expect(replay.cash).toBe(r.portfolio.cash);
        expect(replay.equity).toEqual(r.equity);
      }),
      { numRuns: 15 },
    );
  });

  it("replays from a JSONL file on disk; identical runs write byte-identical logs", () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-engine-"));
    const bars = [randomBars(400, 11)];
    const run = (path: string) =>
      new Engine({ ...opts(bars, new RandomStrategy(11, 0.5)), log: { path } }).run();
    const r = run(join(dir, "a.jsonl"));
    run(join(dir, "b.jsonl"));
    const { records, truncated } = readEventLog(join(dir, "a.jsonl"));
    expect(truncated).toBeNull();
    expect(readEventLog(join(dir, "b.jsonl")).records).toEqual(records);
    const replay = replayLog(records, bars, opts(bars, {}).portfolio);
    expect(replay.orders).toEqual(r.orders);
    expect(replay.equity).toEqual(r.equity);
  });

  it("pre-trade risk rejections are audited with the validator and reason", () => {
    const bars = randomBars(10, 2);
    const s: Strategy = {
      onBar(bar, ctx) {
        if (bar.index === 1) ctx.submit({ symbol: "X", side: "buy", qty: 500 });
        if (bar.index === 2) ctx.submit({ symbol: "X", side: "buy", qty: 5 });
      },
    };
    const r = new Engine({ bars: [bars], strategy: s, risk: { maxOrderQty: { default: 100 } } }).run();
    expect(r.orders.map((o) => o.status)).toEqual(["REJECTED", "FILLED"]);
    const rej = r.orderManager.audit({ symbol: "X", to: "REJECTED" });
    expect(rej).toHaveLength(1);
    expect(rej[0]).toMatchObject({ initiator: "risk" });
    expect(rej[0]!.reason).toMatch(/max-order-size/);
  });

  it("brackets: exits are placed on the entry fill and resolve OCO; cancel/replace/timers flow through the kernel", () => {
    const bars = randomBars(60, 5);
    const updates: string[] = [];
    let limitId = "";
    const s: Strategy = {
      onStart(ctx) {
        ctx.setTimer("t1", bars.ts[3]! + 30_000);
      },
      onTimer(name, ts, ctx) {
        updates.push(`timer ${name} ${ts === ctx.now}`);
        limitId = ctx.submit({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 1 }).id;
      },
      onBar(bar, ctx) {
        if (bar.index === 5) ctx.replace(limitId, { limitPrice: 2 });
        if (bar.index === 7) ctx.cancel(limitId);
        if (bar.index === 10)
          ctx.submitBracket({
            entry: { symbol: "X", side: "buy", qty: 2 },
            takeProfit: bar.close * 1.01,
            stopLoss: bar.close * 0.99,
          });
      },
      onOrderUpdate(o) {
        updates.push(`${o.id} ${o.status}`);
      },
    };
    const r = new Engine({ bars: [bars], strategy: s }).run();
    expect(updates[0]).toBe("timer t1 true");
    const lim = r.orders.find((o) => o.id === limitId)!;
    expect(lim.status).toBe("CANCELED");
    expect(lim.limitPrice).toBe(2);
    const children = r.orders.filter((o) => o.parentId !== undefined);
    expect(children).toHaveLength(2);
    expect(children.every((c) => c.ocoGroup === children[0]!.ocoGroup)).toBe(true);
    const statuses = children.map((c) => c.status).sort();
    expect(["CANCELED,FILLED", "ACKNOWLEDGED,ACKNOWLEDGED"]).toContain(statuses.join(","));
  });

  it("a bracket entry that ends partly filled (IOC remainder canceled) protects the filled quantity", () => {
    const bars = randomBars(10, 8);
    for (let i = 0; i < 10; i++) bars.volume[i] = 40; // 10 % cap → 4 per bar
    const s: Strategy = {
      onBar(bar, ctx) {
        if (bar.index === 1)
          ctx.submitBracket({
            entry: { symbol: "X", side: "buy", qty: 10, tif: "IOC" },
            takeProfit: 1e6,
            stopLoss: 1,
          });
      },
    };
    const r = new Engine({ bars: [bars], strategy: s, fill: { volumeParticipation: 0.1 } }).run();
    expect(r.orders[0]).toMatchObject({ status: "CANCELED", filledQty: 4 });
    const kids = r.orders.filter((o) => o.parentId === r.orders[0]!.id);
    expect(kids.map((k) => [k.type, k.qty, k.status])).toEqual([
      ["limit", 4, "ACKNOWLEDGED"],
      ["stop", 4, "ACKNOWLEDGED"],
    ]);
  });
});
