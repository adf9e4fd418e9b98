import { streaming, trading } from "@alpacahq/alpaca-trade-api";
import { afterEach, describe, expect, test } from "vitest";
import { bundledBars, TEST_KEY, TEST_SECRET, waitFor } from "./alpacaTest.testutil.js";
import { type FakeAlpaca, startFakeAlpaca } from "./fake/fakeAlpaca.js";

const fakes: FakeAlpaca[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

describe("the official @alpacahq/alpaca-trade-api 4.0.2 as a real client of the fake broker", () => {
  test("submits, lists, replaces and cancels orders, reads positions, the account and the clock, and streams trade_updates", async () => {
    const fake = await startFakeAlpaca({
      keyId: TEST_KEY,
      secretKey: TEST_SECRET,
      replay: await bundledBars(),
      cash: 1_000_000,
    });
    fakes.push(fake);
    const config = new trading.Configuration({ keyId: TEST_KEY, secret: TEST_SECRET, basePath: fake.url });
    const orders = new trading.OrdersApi(config);
    const positions = new trading.PositionsApi(config);
    const accounts = new trading.AccountsApi(config);
    const clock = await new trading.ClockApi(config).legacyClock();
    expect(clock.timestamp).toBeInstanceOf(Date);
    expect(clock.timestamp.getTime()).toBe(Math.floor(fake.clock.now()));

    // trade_updates over the SDK's own WebSocket client (binary frames on paper)
    const events: string[] = [];
    const stream = new streaming.TradingStream({
      url: fake.streamUrl,
      credentials: { keyId: TEST_KEY, secret: TEST_SECRET },
      reconnect: false,
    });
    stream.onTradeUpdate((u) => events.push(`${u.event}:${u.order.clientOrderId}`));
    stream.onConnect(() => stream.subscribeTradeUpdates());
    stream.connect();
    expect((await stream.whenAuthenticated()).authenticated).toBe(true);
    await waitFor("listening", () => fake.connections().trading === 1);

    const m = await orders.postOrder({
      postOrderRequest: {
        symbol: "ORCL",
        qty: "10",
        side: "buy",
        type: "market",
        timeInForce: "day",
        clientOrderId: "sdk-m1",
      },
    });
    expect(m.clientOrderId).toBe("sdk-m1");
    expect(m.createdAt).toBeInstanceOf(Date);
    const lim = await orders.postOrder({
      postOrderRequest: {
        symbol: "NVDA",
        qty: "5",
        side: "buy",
        type: "limit",
        limitPrice: "1",
        timeInForce: "gtc",
        clientOrderId: "sdk-l1",
      },
    });
    expect(lim.status).toBe("accepted");

    await waitFor("fill event", () => events.includes("fill:sdk-m1"));
    const open = await orders.getAllOrders({ status: "open" });
    expect(open.map((o) => o.clientOrderId)).toEqual(["sdk-l1"]);
    const all = await orders.getAllOrders({ status: "all" });
    expect(all.map((o) => o.clientOrderId).sort()).toEqual(["sdk-l1", "sdk-m1"]);
    const byCid = await orders.getOrderByClientOrderId({ clientOrderId: "sdk-l1" });
    expect(byCid.id).toBe(lim.id);

    const limId = lim.id as string;
    const replaced = await orders.patchOrderByOrderId({
      orderId: limId,
      patchOrderRequest: { qty: "3", limitPrice: "2", clientOrderId: "sdk-l1-r" },
    });
    expect(replaced.clientOrderId).toBe("sdk-l1-r");
    const repId = replaced.id as string;
    expect(replaced.replaces).toBe(limId);
    await orders.deleteOrderByOrderID({ orderId: repId });
    expect((await orders.getOrderByOrderID({ orderId: repId })).status).toBe("canceled");
    await waitFor("canceled event", () => events.includes("canceled:sdk-l1-r"));
    expect(events).toContain("replaced:sdk-l1");

    const pos = await positions.getAllOpenPositions();
    expect(pos.map((p) => [p.symbol, Number(p.qty)])).toEqual([["ORCL", 10]]);
    expect(Number(pos[0]?.qty)).toBe(fake.broker.positionQty("ORCL"));
    const acct = await accounts.getAccount();
    expect(acct.status).toBe("ACTIVE");
    const filled = await orders.getOrderByOrderID({ orderId: m.id as string });
    expect(filled.status).toBe("filled");
    expect(Number(acct.cash)).toBeCloseTo(1_000_000 - 10 * Number(filled.filledAvgPrice), 6);

    // the SDK's typed errors see the fake's 404 and 422
    await expect(
      orders.getOrderByOrderID({ orderId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toBeInstanceOf(trading.NotFoundError);
    await expect(
      orders.postOrder({
        postOrderRequest: {
          symbol: "ORCL",
          qty: "1",
          side: "buy",
          type: "market",
          timeInForce: "day",
          clientOrderId: "sdk-m1",
        },
      }),
    ).rejects.toBeInstanceOf(trading.ValidationError);
    stream.disconnect();
  });

  test("its msgpack market-data client (StockDataStream) authenticates, subscribes and receives the replayed bars", async () => {
    const bars = await bundledBars();
    const fake = await startFakeAlpaca({
      keyId: TEST_KEY,
      secretKey: TEST_SECRET,
      replay: bars,
      warmupSteps: 0,
    });
    fakes.push(fake);
    const stream = new streaming.StockDataStream({
      url: fake.dataUrl,
      credentials: { keyId: TEST_KEY, secret: TEST_SECRET },
      reconnect: false,
    });
    const got: { symbol: string; close: number; ts: number }[] = [];
    stream.onBar((b) =>
      got.push({ symbol: b.symbol, close: b.close, ts: new Date(String(b.timestamp)).getTime() }),
    );
    stream.onConnect(() => stream.subscribeForBars(["ORCL"]));
    stream.connect();
    expect((await stream.whenAuthenticated()).authenticated).toBe(true);
    await waitFor("subscribed", () => fake.subscriptions().includes("ORCL"));
    fake.step(3);
    await waitFor("3 bars", () => got.length === 3);
    const orcl = bars[0];
    expect(got).toEqual([0, 1, 2].map((i) => ({ symbol: "ORCL", close: orcl?.close[i], ts: orcl?.ts[i] })));
    stream.disconnect();
  });
});
