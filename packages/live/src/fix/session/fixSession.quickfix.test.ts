import { WallClock } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixCodec } from "../fixCodec.js";
import { loadFixDictionary } from "../fixDictionary.js";
import type { FixMessage } from "../fixMessage.js";
import { testDataPath } from "../testData.js";
import { fixTimestamp } from "./fixSession.js";
import { FixTcpConnection } from "./fixTcpConnection.js";
import { type QuickfixAcceptor, startQuickfixAcceptor, waitFor } from "./quickfixAcceptor.js";

/**
 * A session against a REAL FIX engine: QuickFIX C++ (Debian libquickfix-dev) running test-data/quickfix/acceptor.cpp,
 * compiled into a temp dir cached by source hash, started on a free loopback port and killed by PID.
 */
const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));
const clock = new WallClock();
let venue: QuickfixAcceptor;
let debug = () => "";
const wait = (what: string, cond: () => boolean, ms = 10_000) =>
  waitFor(what, cond, ms, () => `acceptor said: ${venue.lines.join(" / ")}; ${debug()}`);

beforeAll(async () => {
  venue = await startQuickfixAcceptor();
}, 120_000);

afterAll(() => venue?.stop());

describe("FixSession against a QuickFIX C++ acceptor (real FIX engine on loopback)", () => {
  it("logon, heartbeats, NewOrderSingle → ExecutionReports, cancel, forced gaps both ways recovered by resend, logout; both sides agree on sequence numbers", async () => {
    const conn = await FixTcpConnection.open(
      { senderCompId: "QK", targetCompId: "VENUE", heartBtInt: 1 },
      { codec, clock },
      { host: "127.0.0.1", port: venue.port, tickMs: 100 },
    );
    const s = conn.session;
    const reports: FixMessage[] = [];
    const admin: FixMessage[] = [];
    const gaps: { from: number; to: number }[] = [];
    const sentTypes: string[] = [];
    const rejects: FixMessage[] = [];
    s.on((e) => {
      if (e.type === "app") reports.push(e.message);
      else if (e.type === "admin") admin.push(e.message);
      else if (e.type === "gap") gaps.push({ from: e.from, to: e.to });
      else if (e.type === "reject") rejects.push(e.message);
    });
    const trace: string[] = [];
    s.on((e) => {
      if (e.type === "app" || e.type === "admin") trace.push(`in ${e.message.toString()}`);
      else trace.push(`${e.type} ${JSON.stringify(e)}`);
    });
    debug = () => trace.slice(-40, -14).join("\n");
    conn.outboundFilter = (b) => {
      trace.push(`out ${codec.parse(b).toString()}`);
      sentTypes.push(codec.parse(b).msgType);
      return true;
    };
    const order = (clOrdId: string, ordType: "1" | "2") =>
      s.sendApp("D", [
        [11, clOrdId],
        [21, "1"],
        [55, "MSFT"],
        [54, "1"],
        [60, fixTimestamp(clock.now())],
        [38, "100"],
        [40, ordType],
        ...(ordType === "2" ? ([[44, "99.50"]] as const) : []),
      ]);
    const execsFor = (id: string) =>
      reports
        .filter((r) => r.msgType === "8" && r.get(11) === id)
        .map((r) => `${r.get(150)}/${r.get(39)}/${r.get(14)}`);

    // Logon
    await wait("logon", () => s.state === "active");
    expect(venue.lines).toContain("LOGON");

    // Heartbeats both ways (HeartBtInt = 1 s)
    await wait(
      "heartbeats",
      () =>
        admin.filter((m) => m.msgType === "0").length >= 2 && sentTypes.filter((t) => t === "0").length >= 2,
      8000,
    );

    // NewOrderSingle (market) → ExecutionReport New, then Fill
    order("M1", "1");
    await wait("M1 reports", () => execsFor("M1").length === 2);
    expect(execsFor("M1")).toEqual(["0/0/0", "2/2/100"]);
    expect(reports.find((r) => r.get(11) === "M1" && r.get(150) === "2")?.get(31)).toBe("100.25");

    // Limit order rests, then OrderCancelRequest → ExecutionReport Canceled
    order("L1", "2");
    await wait("L1 New", () => execsFor("L1").length === 1);
    s.sendApp("F", [
      [41, "L1"],
      [11, "CX1"],
      [55, "MSFT"],
      [54, "1"],
      [60, fixTimestamp(clock.now())],
      [38, "100"],
    ]);
    await wait("cancel", () => execsFor("CX1").length === 1);
    expect(execsFor("CX1")).toEqual(["4/4/0"]);

    // Forced gap from the acceptor (it skips one MsgSeqNum): we send ResendRequest, QuickFIX gap-fills.
    order("GAP1", "1");
    await wait("GAP1 reports", () => execsFor("GAP1").length === 2);
    expect(gaps).toHaveLength(1);
    expect(sentTypes).toContain("2");
    expect(admin.some((m) => m.msgType === "4" && m.get(123) === "Y")).toBe(true);

    // Forced gap from us (one NewOrderSingle lost on the wire): QuickFIX sends ResendRequest, we resend it as a
    // PossDup and the venue executes it.
    let dropped = false;
    conn.outboundFilter = (b) => {
      const m = codec.parse(b);
      sentTypes.push(m.msgType);
      if (!dropped && m.get(11) === "LOST1") {
        dropped = true;
        return false;
      }
      return true;
    };
    order("LOST1", "1");
    order("AFTER1", "1");
    await wait(
      "LOST1 and AFTER1 reports",
      () => execsFor("LOST1").length === 2 && execsFor("AFTER1").length === 2,
    );
    expect(dropped).toBe(true);
    expect(admin.some((m) => m.msgType === "2")).toBe(true);
    expect(venue.lines).toContain("APP D LOST1 Y");
    expect(rejects).toEqual([]);

    // Logout; the acceptor prints its next sender/target numbers, which must be ours mirrored.
    s.logout();
    await wait("logout", () => s.state === "disconnected" && venue.lines.some((l) => l.startsWith("LOGOUT")));
    const [, venueNextSender, venueNextTarget] = (
      venue.lines.find((l) => l.startsWith("LOGOUT")) as string
    ).split(" ");
    expect(Number(venueNextSender)).toBe(s.store.nextTargetSeq);
    expect(Number(venueNextTarget)).toBe(s.store.nextSenderSeq);
    // Every order got exactly its reports once: resent duplicates (PossDupFlag=Y) were recognised, not re-delivered.
    expect(["M1", "L1", "CX1", "GAP1", "LOST1", "AFTER1"].map((id) => execsFor(id).length)).toEqual([
      2, 1, 1, 2, 2, 2,
    ]);
    expect(venue.lines.filter((l) => l.startsWith("APP D LOST1"))).toEqual(["APP D LOST1 Y"]);
    conn.close();
  }, 60_000);
});
