import type { ExecutionReport } from "@quantkit/backtest";
import { afterEach, describe, expect, test } from "vitest";
import { kernelOrder } from "../gateway/kernelOrder.testutil.js";
import { AlpacaPaperGateway } from "./alpacaPaperGateway.js";
import {
  bundledBars,
  makeBars,
  TEST_KEY,
  TEST_SECRET,
  testCredentials,
  waitFor,
} from "./alpacaTest.testutil.js";
import { type FakeAlpaca, startFakeAlpaca } from "./fake/fakeAlpaca.js";
import type { MarketDataEvent } from "./marketDataStream.js";

const fakes: FakeAlpaca[] = [];
const gws: AlpacaPaperGateway[] = [];
afterEach(async () => {
  for (const g of gws.splice(0)) g.close();
  for (const f of fakes.splice(0)) await f.close();
});

async function setup(opts: Parameters<typeof startFakeAlpaca>[0]) {
  const fake = await startFakeAlpaca({ keyId: TEST_KEY, secretKey: TEST_SECRET, ...opts });
  fakes.push(fake);
  const data: MarketDataEvent[] = [];
  const errors: string[] = [];
  const gw = await AlpacaPaperGateway.start({
    baseUrl: fake.url,
    streamUrl: fake.streamUrl,
    dataUrl: fake.dataUrl,
    credentials: testCredentials(),
    onMarketData: (e) => data.push(e),
    onError: (m) => errors.push(m),
    reconnect: { backoff: { baseMs: 10, maxMs: 50 } },
  });
  gws.push(gw);
  const reports: ExecutionReport[] = [];
  gw.connect((r) => reports.push(r));
  return { fake, gw, reports, data, errors };
}

/** Three identical AAA bars (open 10, high 11, low 9, close 10, volume 1000). */
const threeFlatBars = () =>
  makeBars("AAA", [
    [10, 11, 9, 10, 1000],
    [10, 11, 9, 10, 1000],
    [10, 11, 9, 10, 1000],
  ]);

/** A second gateway on the same fake broker, as a restarted process starts it (no market data). */
async function restart(fake: FakeAlpaca) {
  const gw = await AlpacaPaperGateway.start({
    baseUrl: fake.url,
    streamUrl: fake.streamUrl,
    dataUrl: null,
    credentials: testCredentials(),
  });
  gws.push(gw);
  const reports: ExecutionReport[] = [];
  gw.connect((r) => reports.push(r));
  return { gw, reports };
}

describe("AlpacaPaperGateway against the fake broker", () => {
  test("full session on bundled ORCL/NVDA bars: stream, submit, partial fill, replace, cancel, fill; positions match the broker", async () => {
    const { fake, gw, reports, data, errors } = await setup({
      replay: await bundledBars(),
      participation: 0.001,
      cash: 10_000_000,
    });
    gw.subscribe("ORCL", "bars");
    gw.subscribe("NVDA", "bars");
    await waitFor("subscribed", () => fake.subscriptions().length === 2);
    fake.step(1);
    await waitFor("bars", () => data.length >= 2);
    expect(data.map((d) => d.symbol).sort()).toEqual(["NVDA", "ORCL"]);
    const orclBar = data.find((d) => d.symbol === "ORCL");
    expect(orclBar?.kind).toBe("bar");

    // ORCL liquidity at 0.1% of ~15M shares/day: a 1,000,000-share order cannot fill at once.
    const small = kernelOrder("1", { symbol: "ORCL", side: "buy", qty: 10 });
    gw.submit(small);
    await waitFor("fill 1", () => reports.some((r) => r.kind === "fill" && r.orderId === "1"));
    const r1 = reports.filter((r) => r.orderId === "1");
    expect(r1.map((r) => r.kind)).toEqual(["ack", "fill"]);
    const f1 = r1[1] as Extract<ExecutionReport, { kind: "fill" }>;
    expect(f1.qty).toBe(10);
    expect(f1.leaves).toBe(0);
    expect(f1.price).toBe(orclBar?.kind === "bar" ? orclBar.close : Number.NaN);

    const big = kernelOrder("2", { symbol: "NVDA", side: "buy", qty: 60_000 });
    gw.submit(big);
    await waitFor("partial", () => reports.some((r) => r.kind === "fill" && r.orderId === "2"));
    const p1 = reports.find((r) => r.kind === "fill" && r.orderId === "2") as Extract<
      ExecutionReport,
      { kind: "fill" }
    >;
    expect(p1.leaves).toBeGreaterThan(0);
    expect(p1.qty + p1.leaves).toBe(60_000);
    expect(gw.openOrderIds()).toEqual(["2"]);

    // replace down to (filled + 100): the remainder becomes 100 shares on a new venue order
    gw.replace({ ...big, status: "PARTIAL_FILL", venueOrderId: "x", filledQty: p1.qty } as never, {
      qty: p1.qty + 100,
    });
    await waitFor("replaced", () => reports.some((r) => r.kind === "replaced" && r.orderId === "2"));
    fake.step(1);
    await waitFor("fill after replace", () =>
      reports.some((r) => r.kind === "fill" && r.orderId === "2" && r.leaves === 0),
    );
    const fills2 = reports.filter((r) => r.kind === "fill" && r.orderId === "2") as Extract<
      ExecutionReport,
      { kind: "fill" }
    >[];
    expect(fills2.reduce((s, f) => s + f.qty, 0)).toBe(p1.qty + 100);

    // a resting limit far below the market, then cancel
    const lim = kernelOrder("3", { symbol: "ORCL", side: "buy", qty: 5, type: "limit", limitPrice: 1 });
    gw.submit(lim);
    await waitFor("ack 3", () => reports.some((r) => r.kind === "ack" && r.orderId === "3"));
    gw.cancel(lim);
    await waitFor("canceled 3", () => reports.some((r) => r.kind === "canceled" && r.orderId === "3"));
    expect(gw.openOrderIds()).toEqual([]);

    // sell part of ORCL
    gw.submit(kernelOrder("4", { symbol: "ORCL", side: "sell", qty: 4 }));
    await waitFor("fill 4", () => reports.some((r) => r.kind === "fill" && r.orderId === "4"));

    const snap = await gw.reconcileSnapshot();
    const brokerPos = Object.fromEntries(snap.positions.map((p) => [p.symbol, p.qty]));
    expect(brokerPos).toEqual({ ORCL: 6, NVDA: p1.qty + 100 });
    const mirror = Object.fromEntries(gw.positions().map((p) => [p.symbol, p.qty]));
    expect(mirror).toEqual(brokerPos);
    expect(fake.broker.positionQty("NVDA")).toBe(p1.qty + 100);
    expect(snap.openOrders).toEqual([]);
    expect(errors).toEqual([]);
    // every ack precedes the order's fills
    for (const id of ["1", "2", "3", "4"]) expect(reports.find((r) => r.orderId === id)?.kind).toBe("ack");
  });

  test("broker rejections become reject reports naming the reason (403 buying power, 422 unknown asset)", async () => {
    const { gw, reports } = await setup({ replay: [makeBars("AAA", [[10, 11, 9, 10, 1e6]])], cash: 1000 });
    gw.submit(kernelOrder("1", { symbol: "AAA", side: "buy", qty: 1000 }));
    gw.submit(kernelOrder("2", { symbol: "ZZZ", side: "buy", qty: 1 }));
    await waitFor("rejects", () => reports.filter((r) => r.kind === "reject").length === 2);
    const rej = reports.filter((r) => r.kind === "reject") as Extract<ExecutionReport, { kind: "reject" }>[];
    expect(rej.find((r) => r.orderId === "1")?.reason).toMatch(/403.*insufficient buying power/);
    expect(rej.find((r) => r.orderId === "2")?.reason).toMatch(/422.*ZZZ/);
    expect(gw.openOrderIds()).toEqual([]);
  });

  test("day limit order expires at the next session; IOC remainder is canceled", async () => {
    const { fake, gw, reports } = await setup({
      replay: [threeFlatBars()],
      participation: 0.1,
    });
    gw.submit(
      kernelOrder("1", { symbol: "AAA", side: "buy", qty: 5, type: "limit", limitPrice: 5, tif: "DAY" }),
    );
    gw.submit(kernelOrder("2", { symbol: "AAA", side: "buy", qty: 500, tif: "IOC" }));
    await waitFor("ioc", () => reports.some((r) => r.kind === "canceled" && r.orderId === "2"));
    const f2 = reports.find((r) => r.kind === "fill" && r.orderId === "2") as Extract<
      ExecutionReport,
      { kind: "fill" }
    >;
    expect(f2.qty).toBe(100); // 10% of 1000 shares
    fake.step(1); // first session the day order sees
    fake.step(1); // a later session: expired
    await waitFor("expired", () => reports.some((r) => r.kind === "expired" && r.orderId === "1"));
  });

  test("disconnect mid-session: both streams reconnect, fills made while disconnected are reported once", async () => {
    const { fake, gw, reports, data } = await setup({
      replay: [
        makeBars("AAA", [
          [10, 11, 9, 10, 1000],
          [10, 12, 8, 11, 1000],
          [11, 12, 10, 11.5, 1000],
          [11, 12, 10, 11, 1000],
        ]),
      ],
      participation: 0.1,
    });
    gw.subscribe("AAA", "bars");
    gw.submit(kernelOrder("1", { symbol: "AAA", side: "buy", qty: 150, tif: "GTC" }));
    await waitFor("partial", () => reports.some((r) => r.kind === "fill"));
    // marketable, but this bar's liquidity is used up: it rests
    gw.submit(kernelOrder("2", { symbol: "AAA", side: "buy", qty: 200, type: "limit", limitPrice: 10.5 }));
    await waitFor("ack 2", () => reports.some((r) => r.kind === "ack" && r.orderId === "2"));
    fake.dropStreams();
    fake.step(1); // fills the remaining 50 of order 1 and 50 of order 2 while nobody listens…
    fake.broker.cancel(fake.broker.getOrderByClientId("qk-2").id); // …and order 2 is then canceled
    await waitFor("reconnected", () => gw.status().reconnects >= 2 && gw.status().trading === "ready");
    await waitFor("missed fill", () => reports.some((r) => r.kind === "fill" && r.leaves === 0));
    await waitFor("missed cancel", () => reports.some((r) => r.kind === "canceled" && r.orderId === "2"));
    expect(gw.openOrderIds()).toEqual([]);
    const fills = reports.filter((r) => r.kind === "fill") as Extract<ExecutionReport, { kind: "fill" }>[];
    expect(fills.map((f) => [f.orderId, f.qty, f.price, f.leaves])).toEqual([
      ["1", 100, 10, 50],
      ["1", 50, 10, 0], // bar 2 open
      ["2", 50, 10, 150],
    ]);
    expect(reports.filter((r) => r.orderId === "2").map((r) => r.kind)).toEqual(["ack", "fill", "canceled"]);
    // market data resubscribed after reconnect
    await waitFor("resubscribed", () => fake.subscriptions().includes("AAA"));
    const before = data.length;
    fake.step(1);
    await waitFor("bar after reconnect", () => data.length > before);
    expect(gw.positions()[0]?.qty).toBe(200);
  });

  test("adopt after a restart: a second gateway takes over a replaced order, replaces it again with a fresh id and gets its fills", async () => {
    const { fake, gw, reports } = await setup({
      replay: [threeFlatBars()],
    });
    const o = kernelOrder("1", { symbol: "AAA", side: "buy", qty: 10, type: "limit", limitPrice: 5 });
    gw.submit(o);
    await waitFor("ack", () => reports.some((r) => r.kind === "ack"));
    gw.replace(o, { limitPrice: 6 });
    await waitFor("replaced", () => reports.some((r) => r.kind === "replaced"));
    gw.close(); // "crash"
    const { gw: gw2, reports: r2 } = await restart(fake);
    const venue = await gw2.client.getOrderByClientId("qk-1-r1");
    expect(venue?.status).toBe("new");
    gw2.adopt({ ...o, status: "ACKNOWLEDGED", venueOrderId: venue?.id ?? "" } as never, venue);
    expect(gw2.openOrderIds()).toEqual(["1"]);
    gw2.replace(o, { limitPrice: 10 });
    await waitFor("replaced again", () => r2.some((r) => r.kind === "replaced"));
    expect((await gw2.client.getOrderByClientId("qk-1-r2"))?.limit_price).toBe("10");
    fake.step(1);
    await waitFor("fill", () => r2.some((r) => r.kind === "fill" && r.leaves === 0));
    expect(r2.map((r) => r.kind)).toEqual(["replaced", "fill"]);
    expect(r2.every((r) => r.orderId === "1")).toBe(true);
  });

  test("re-submitting an order the broker already filled (restart replaying its log) reports ack + fill, no duplicate", async () => {
    const { fake, gw, reports } = await setup({ replay: [makeBars("AAA", [[10, 11, 9, 10, 1000]])] });
    const o = kernelOrder("1", { symbol: "AAA", side: "buy", qty: 5 });
    gw.submit(o);
    await waitFor("fill", () => reports.some((r) => r.kind === "fill"));
    gw.close();
    const { gw: gw2, reports: r2 } = await restart(fake);
    gw2.submit(o);
    await waitFor("replayed fill", () => r2.some((r) => r.kind === "fill"));
    expect(r2.map((r) => r.kind)).toEqual(["ack", "fill"]);
    expect(r2[1]).toMatchObject({ qty: 5, price: 10, leaves: 0 });
    expect(fake.broker.listOrders({ status: "all" }).length).toBe(1);
    expect(fake.broker.positionQty("AAA")).toBe(5);
    expect(gw2.openOrderIds()).toEqual([]);
  });

  test("a cancel sent while a replace is in flight cancels the replacement (no cancel-reject)", async () => {
    const { fake, gw, reports } = await setup({ replay: [makeBars("AAA", [[10, 11, 9, 10, 1000]])] });
    const o = kernelOrder("1", { symbol: "AAA", side: "buy", qty: 10, type: "limit", limitPrice: 5 });
    gw.submit(o);
    await waitFor("ack", () => reports.some((r) => r.kind === "ack"));
    gw.replace(o, { limitPrice: 6 });
    gw.cancel(o);
    await waitFor("canceled", () => reports.some((r) => r.kind === "canceled"));
    expect(reports.map((r) => r.kind)).toEqual(["ack", "replaced", "canceled"]);
    expect(
      fake.broker
        .listOrders({ status: "all" })
        .map((x) => [x.client_order_id, x.status])
        .sort(),
    ).toEqual([
      ["qk-1", "replaced"],
      ["qk-1-r1", "canceled"],
    ]);
  });
});
