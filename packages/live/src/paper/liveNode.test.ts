import { readFileSync } from "node:fs";
import {
  type BarView,
  createStrategy,
  Engine,
  type Order,
  randomBars,
  readEventLog,
  type Strategy,
  type StrategyContext,
} from "@quantkit/backtest";
import { barCloseTime, SimulatedClock } from "@quantkit/core";
import { GaussianHmm, OnlineHmmFilter } from "@quantkit/regimes";
import { afterEach, describe, expect, it } from "vitest";
import { MockGateway } from "../gateway/mockGateway.js";
import { LiveNode, type LiveNodeOptions } from "./liveNode.js";
import { openJournal, pushBars, tempDir } from "./paperTestUtil.testutil.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup(opts: Partial<LiveNodeOptions> & { gw?: MockGateway; dir?: string } = {}) {
  let dir = opts.dir;
  if (dir === undefined) {
    const t = tempDir();
    cleanups.push(t.cleanup);
    dir = t.dir;
  }
  const clock = (opts.clock as SimulatedClock | undefined) ?? new SimulatedClock(1_700_000_000_000);
  const gw = opts.gw ?? new MockGateway({ clock });
  const { journal, recovery } = openJournal(dir);
  const node = new LiveNode({
    gateway: gw,
    strategy: opts.strategy ?? { id: "noop" },
    symbols: opts.symbols ?? ["X"],
    timeframe: "1m",
    runId: opts.runId ?? "run1",
    journal,
    recovered: recovery.records,
    clock,
    ...(opts.risk !== undefined ? { risk: opts.risk } : {}),
    ...(opts.crashHook !== undefined ? { crashHook: opts.crashHook } : {}),
  });
  return { node, gw, dir, clock, journal };
}

/** A strategy that uses the streaming indicators and the regime online filter, and trades on both. */
class RegimeRsi implements Strategy {
  readonly id = "regime-rsi";
  private rsi!: InstanceType<StrategyContext["indicators"]["Rsi"]>;
  private filter!: OnlineHmmFilter;
  private prev = Number.NaN;
  onStart(ctx: StrategyContext): void {
    this.rsi = new ctx.indicators.Rsi({ period: 5 });
    this.filter = new OnlineHmmFilter(
      GaussianHmm.fromParams({
        startProb: [0.5, 0.5],
        transMat: [
          [0.95, 0.05],
          [0.05, 0.95],
        ],
        means: [0.001, -0.001],
        covars: [1e-4, 4e-4],
      }),
    );
  }
  onBar(bar: BarView, ctx: StrategyContext): void {
    const r = this.rsi.update(bar.close);
    if (!Number.isNaN(this.prev)) {
      this.filter.update(Math.log(bar.close / this.prev));
      ctx.signal("regime", this.filter.mostLikely);
    }
    this.prev = bar.close;
    if (Number.isNaN(r)) return;
    ctx.signal("rsi", r);
    const pos = ctx.position(bar.symbol);
    if (r < 35 && this.filter.mostLikely === 0 && pos <= 0)
      ctx.submit({ symbol: bar.symbol, side: "buy", qty: 3 });
    else if (r > 65 && pos > 0) ctx.submit({ symbol: bar.symbol, side: "sell", qty: pos });
  }
}

describe("LiveNode", () => {
  it("runs the same strategy code as the backtester: identical fills and signals on the same bars", async () => {
    const bars = randomBars(400, 11, "X", "1m");
    for (const make of [
      () => createStrategy({ strategy: "sma-cross", params: { fast: 5, slow: 20 } }),
      () => new RegimeRsi(),
    ]) {
      const bt = new Engine({ bars: [bars], strategy: make() }).run();
      const { node, gw, clock, journal } = setup({ strategy: make() });
      await node.start();
      for (let i = 0; i < bars.length; i++) {
        clock.advanceTo(barCloseTime(bars.ts[i]!, "1m"));
        pushBars(gw, bars, i, i + 1);
      }
      expect(bt.fills.length).toBeGreaterThan(5);
      const key = (f: { side: string; qty: number; price: number }) => `${f.side}:${f.qty}@${f.price}`;
      expect(node.fills.map(key)).toEqual(bt.fills.map(key));
      expect(node.portfolio.qty("X")).toBe(bt.portfolio.qty("X"));
      const liveSignals = readEventLog(journal.path)
        .records.filter((r) => r.type === "signal")
        .map((r) => r.payload);
      const engine = new Engine({ bars: [bars], strategy: make() });
      engine.run();
      const backSignals = engine.log.records.filter((r) => r.type === "signal").map((r) => r.payload);
      expect(liveSignals).toEqual(backSignals);
      await node.stop();
    }
  });

  it("writes every intent to the journal, fsynced, before the gateway sees the order", async () => {
    class CheckingGateway extends MockGateway {
      seenOnDisk: boolean[] = [];
      path = "";
      override submit(order: Order): void {
        const text = readFileSync(this.path, "utf8");
        this.seenOnDisk.push(
          text.includes(`"intent"`) && text.includes(`"clientOrderId":"${order.clientOrderId}"`),
        );
        super.submit(order);
      }
    }
    const clock = new SimulatedClock(1_700_000_000_000);
    const gw = new CheckingGateway({ clock });
    const { node, journal } = setup({ gw, clock });
    gw.path = journal.path;
    await node.start();
    const fsyncs0 = journal.fsyncs;
    for (let i = 0; i < 5; i++)
      node.context.submit({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 1 });
    expect(gw.seenOnDisk).toEqual([true, true, true, true, true]);
    expect(journal.fsyncs - fsyncs0).toBe(5);
    expect(gw.submissions).toEqual(["run1-1", "run1-2", "run1-3", "run1-4", "run1-5"]);
    await node.stop();
  });

  it("rebuilds orders and positions from the journal on restart and continues the client order id sequence", async () => {
    const clock = new SimulatedClock(1_700_000_000_000);
    const gw = new MockGateway({ clock, autoFill: false });
    const a = setup({ gw, clock });
    await a.node.start();
    const ctx = a.node.context;
    ctx.submit({ symbol: "X", side: "buy", qty: 10 });
    ctx.submit({ symbol: "X", side: "buy", qty: 5, type: "limit", limitPrice: 9 });
    gw.fill("run1-1", 4, 10);
    gw.fill("run1-1", 6, 11);
    const before = a.node.orders.all().map((o) => [o.clientOrderId, o.status, o.filledQty, o.avgFillPrice]);
    // simulate a crash: no stop(), just drop the node; a new one replays the same journal
    const b = setup({ gw, clock, dir: a.dir });
    const r = await b.node.start();
    expect(r.actions).toEqual([]);
    expect(b.node.orders.all().map((o) => [o.clientOrderId, o.status, o.filledQty, o.avgFillPrice])).toEqual(
      before,
    );
    expect(b.node.portfolio.qty("X")).toBe(10);
    expect(b.node.context.submit({ symbol: "X", side: "sell", qty: 1 }).clientOrderId).toBe("run1-3");
    // reports on the recovered order still reach it
    gw.fill("run1-2", 5, 9);
    expect(b.node.orders.byClientOrderId("run1-2")?.status).toBe("FILLED");
    expect(b.node.portfolio.qty("X")).toBe(15);
  });

  it("detects fills that happened while disconnected and applies them on reconnect", async () => {
    const clock = new SimulatedClock(1_700_000_000_000);
    const gw = new MockGateway({ clock, autoFill: false });
    const { node, journal } = setup({ gw, clock });
    await node.start();
    node.context.submit({ symbol: "X", side: "buy", qty: 10, type: "limit", limitPrice: 100 });
    gw.fill("run1-1", 3, 100);
    gw.disconnect();
    gw.fill("run1-1", 7, 99);
    expect(gw.dropped.length).toBe(1);
    expect(node.portfolio.qty("X")).toBe(3);
    gw.reconnect();
    await new Promise((r) => setTimeout(r, 20));
    const o = node.orders.byClientOrderId("run1-1")!;
    expect(o.status).toBe("FILLED");
    expect(o.filledQty).toBe(10);
    expect(o.avgFillPrice).toBeCloseTo(gw.brokerOrder("run1-1")!.avgFillPrice, 12);
    expect(node.portfolio.qty("X")).toBe(10);
    const recs = readEventLog(journal.path).records.filter((r) => r.type === "reconcile");
    expect(recs.map((r) => (r.payload as { rule: string }).rule)).toEqual(["missed-fill"]);
  });

  it("reconciles on start: broker position wins, unknown local orders are canceled, ours are adopted, foreign ones logged", async () => {
    const clock = new SimulatedClock(1_700_000_000_000);
    const gw = new MockGateway({ clock, autoFill: false, autoAck: false });
    const a = setup({ gw, clock });
    await a.node.start();
    a.node.context.submit({ symbol: "X", side: "buy", qty: 2, type: "limit", limitPrice: 5 });
    // a new process against a broker that never heard of run1-1 (e.g. its send was lost)
    const b = setup({ gw: new MockGateway({ clock, autoFill: false }), clock, dir: a.dir });
    const gw2 = b.gw;
    gw2.placeAtBroker({
      clientOrderId: "run1-9",
      symbol: "X",
      side: "buy",
      type: "limit",
      qty: 4,
      limitPrice: 5,
    });
    gw2.placeAtBroker({
      clientOrderId: "other-1",
      symbol: "Y",
      side: "sell",
      type: "limit",
      qty: 1,
      limitPrice: 50,
    });
    gw2.setBrokerPosition("Y", 7, 20);
    const r = await b.node.start();
    expect(r.actions.map((x) => `${x.kind}:${x.rule}`)).toEqual([
      "close:unknown-to-broker",
      "adopt:adopted",
      "foreign:foreign-order",
      "position:broker-position-wins",
    ]);
    expect(b.node.orders.byClientOrderId("run1-1")!.status).toBe("CANCELED");
    expect(b.node.orders.byClientOrderId("run1-9")!.status).toBe("ACKNOWLEDGED");
    expect(b.node.portfolio.qty("Y")).toBe(7);
    expect(b.node.context.submit({ symbol: "X", side: "buy", qty: 1 }).clientOrderId).toBe("run1-10");
  });

  it("the kill switch works live: a drawdown trips it, working orders are canceled, new orders rejected", async () => {
    const clock = new SimulatedClock(1_700_000_000_000);
    const gw = new MockGateway({ clock });
    const { node } = setup({ gw, clock, risk: { killSwitch: { maxDrawdown: 0.05 } } });
    const kills: string[] = [];
    node.on((e) => {
      if (e.type === "kill") kills.push(e.record.reason);
    });
    await node.start();
    gw.push({ kind: "bar", symbol: "X", ts: 0, open: 100, high: 100, low: 100, close: 100, volume: 1 });
    node.context.submit({ symbol: "X", side: "buy", qty: 900 });
    gw.push({ kind: "bar", symbol: "X", ts: 60_000, open: 100, high: 100, low: 100, close: 100, volume: 1 });
    expect(node.portfolio.qty("X")).toBe(900);
    const resting = node.context.submit({ symbol: "X", side: "buy", qty: 1, type: "limit", limitPrice: 1 });
    expect(node.orders.get(resting.id)!.status).toBe("ACKNOWLEDGED");
    gw.push({ kind: "bar", symbol: "X", ts: 120_000, open: 93, high: 93, low: 93, close: 93, volume: 1 });
    expect(kills).toEqual(["drawdown"]);
    expect(node.orders.get(resting.id)!.status).toBe("CANCELED");
    const after = node.context.submit({ symbol: "X", side: "sell", qty: 1 });
    expect(after.status).toBe("REJECTED");
    expect(after.reason).toMatch(/^kill-switch/);
  });

  it("delivers bars with history() and marks positions; an out-of-order bar is reported, not delivered", async () => {
    const seen: number[] = [];
    const { node, gw, journal } = setup({
      strategy: {
        onBar(bar, ctx) {
          seen.push(ctx.history(bar.symbol).length);
        },
      },
    });
    await node.start();
    const bars = randomBars(3, 1, "X", "1m");
    pushBars(gw, bars);
    pushBars(gw, bars, 1, 2);
    expect(seen).toEqual([1, 2, 3]);
    const anomalies = readEventLog(journal.path).records.filter((r) => r.type === "data-anomaly");
    expect(anomalies).toHaveLength(1);
  });
});
