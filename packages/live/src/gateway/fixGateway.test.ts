import type { ExecutionReport, Order } from "@quantkit/backtest";
import { WallClock } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixCodec } from "../fix/fixCodec.js";
import { loadFixDictionary } from "../fix/fixDictionary.js";
import { FixTcpConnection } from "../fix/session/fixTcpConnection.js";
import { type QuickfixAcceptor, startQuickfixAcceptor, waitFor } from "../fix/session/quickfixAcceptor.js";
import { testDataPath } from "../fix/testData.js";
import { FixGateway } from "./fixGateway.js";
import { kernelOrder } from "./kernelOrder.testutil.js";

const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));
const clock = new WallClock();
let venue: QuickfixAcceptor;
const wait = (what: string, cond: () => boolean, ms = 10_000) =>
  waitFor(what, cond, ms, () => venue.lines.join(" / "));

beforeAll(async () => {
  venue = await startQuickfixAcceptor();
}, 120_000);

afterAll(() => venue?.stop());

describe("FixGateway against the QuickFIX C++ acceptor", () => {
  it("FixGateway (backtest Gateway interface) over the same venue: ack + fill for a market order, ack + cancel for a limit order, positions from fills", async () => {
    const conn = await FixTcpConnection.open(
      { senderCompId: "QK", targetCompId: "VENUE", heartBtInt: 5 },
      { codec, clock },
      { host: "127.0.0.1", port: venue.port, tickMs: 200 },
    );
    await wait("logon", () => conn.session.state === "active");
    const gw = new FixGateway(conn.session, clock);
    const reports: ExecutionReport[] = [];
    gw.connect((r) => reports.push(r));
    expect(() => gw.subscribe("MSFT", "bars")).toThrow(/no bars market data/);
    const order = (id: string, type: "market" | "limit", side: "buy" | "sell", qty: number): Order => {
      const now = clock.now();
      return kernelOrder(id, {
        clientOrderId: `gw-${id}`,
        symbol: "MSFT",
        side,
        qty,
        type,
        limitPrice: type === "limit" ? 99.5 : undefined,
        tif: "DAY",
        status: "NEW",
        avgFillPrice: 0,
        createdTs: now,
        updatedTs: now,
      });
    };
    gw.submit(order("1", "market", "buy", 300));
    gw.submit(order("2", "market", "sell", 100));
    const limit = order("3", "limit", "buy", 50);
    gw.submit(limit);
    await wait("acks and fills", () => reports.length === 5);
    expect(gw.openOrderIds()).toEqual(["3"]);
    gw.cancel(limit);
    await wait("cancel", () => reports.some((r) => r.kind === "canceled"));
    expect(reports.map((r) => `${r.kind}:${r.orderId}`)).toEqual([
      "ack:1",
      "fill:1",
      "ack:2",
      "fill:2",
      "ack:3",
      "canceled:3",
    ]);
    expect(reports[1]).toMatchObject({ kind: "fill", qty: 300, price: 100.25, leaves: 0 });
    expect(gw.openOrderIds()).toEqual([]);
    expect(gw.positions()).toEqual([
      {
        symbol: "MSFT",
        qty: 200,
        avgPrice: 100.25,
        lastPrice: 100.25,
        realized: 0,
        unrealized: 0,
        commissions: 0,
      },
    ]);
    conn.session.logout();
    await wait("logout", () => conn.session.state === "disconnected");
    conn.close();
  }, 30_000);
});
