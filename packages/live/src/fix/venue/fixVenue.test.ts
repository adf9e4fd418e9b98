import type { ExecutionReport, Order } from "@quantkit/backtest";
import { WallClock } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixGateway } from "../../gateway/fixGateway.js";
import { kernelOrder } from "../../gateway/kernelOrder.testutil.js";
import { FixCodec } from "../fixCodec.js";
import { loadFixDictionary } from "../fixDictionary.js";
import { FixTcpConnection } from "../session/fixTcpConnection.js";
import { waitFor } from "../session/quickfixAcceptor.js";
import { testDataPath } from "../testData.js";
import { FixVenue } from "./fixVenue.js";

const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));
const clock = new WallClock();
let venue: FixVenue;
const wait = (what: string, cond: () => boolean) => waitFor(what, cond, 10_000, () => "");

beforeAll(async () => {
  venue = await FixVenue.start(codec, clock, { heartBtInt: 5 });
});
afterAll(() => venue?.close());

function order(
  id: string,
  side: "buy" | "sell",
  qty: number,
  type: "market" | "limit",
  limitPrice?: number,
): Order {
  const now = clock.now();
  return kernelOrder(id, {
    clientOrderId: `c-${id}`,
    symbol: "ORCL",
    side,
    qty,
    type,
    limitPrice,
    status: "NEW",
    createdTs: now,
    updatedTs: now,
  });
}

describe("FixVenue: a FIX acceptor backed by the execution emulator", () => {
  it("FixGateway ↔ FixVenue over TCP: acks, bar-driven fills at the emulator's prices, replace, cancel, cancel-reject, positions, agreeing sequence numbers", async () => {
    const conn = await FixTcpConnection.open(
      { senderCompId: "QK", targetCompId: "VENUE", heartBtInt: 5 },
      { codec, clock },
      { host: "127.0.0.1", port: venue.port, tickMs: 200 },
    );
    await wait("logon", () => conn.session.state === "active" && venue.session?.state === "active");
    const gw = new FixGateway(conn.session, clock);
    const reports: ExecutionReport[] = [];
    gw.connect((r) => reports.push(r));
    const count = (kind: string) => reports.filter((r) => r.kind === kind).length;

    const market = order("1", "buy", 100, "market");
    const cheap = order("2", "buy", 50, "limit", 30);
    const far = order("3", "sell", 10, "limit", 100);
    gw.submit(market);
    gw.submit(cheap);
    gw.submit(far);
    await wait("three acks", () => count("ack") === 3);
    gw.replace(cheap, { qty: 80, limitPrice: 39.2 });
    await wait("replaced", () => count("replaced") === 1);

    // One complete bar after the orders arrived: the market order fills at its open, the replaced limit at 39.2
    // (the bar trades down to 38), the sell limit at 100 stays working.
    const t0 = clock.now() + 60_000;
    venue.bar("ORCL", t0, 40, 40.5, 38, 39.5, 1e6, t0 + 60_000);
    await wait("two fills", () => count("fill") === 2);
    const fills = reports.filter((r): r is Extract<ExecutionReport, { kind: "fill" }> => r.kind === "fill");
    expect(fills.map((f) => [f.orderId, f.qty, f.price, f.leaves])).toEqual([
      ["1", 100, 40, 0],
      ["2", 80, 39.2, 0],
    ]);
    expect(gw.openOrderIds()).toEqual(["3"]);

    gw.cancel(far);
    await wait("canceled", () => count("canceled") === 1);
    gw.cancel(market); // already filled: the venue answers OrderCancelReject
    await wait("cancel-reject", () => count("cancel-reject") === 1);
    expect(gw.openOrderIds()).toEqual([]);
    const [position] = gw.positions();
    expect(position?.qty).toBe(180);
    expect(position?.avgPrice).toBeCloseTo((100 * 40 + 80 * 39.2) / 180, 12);

    conn.session.logout();
    await wait("logout", () => conn.session.state === "disconnected");
    // both sides agree on the sequence numbers
    expect(venue.session?.store.nextTargetSeq).toBe(conn.session.store.nextSenderSeq);
    expect(conn.session.store.nextTargetSeq).toBe(venue.session?.store.nextSenderSeq);
    conn.close();
  }, 30_000);
});
