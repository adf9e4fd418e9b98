import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExecutionReport, Order } from "@quantkit/backtest";
import { WallClock } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixGateway } from "../../gateway/fixGateway.js";
import { FixCodec } from "../fixCodec.js";
import { loadFixDictionary } from "../fixDictionary.js";
import type { FixMessage } from "../fixMessage.js";
import { testDataPath } from "../testData.js";
import { fixTimestamp } from "./fixSession.js";
import { FixTcpConnection } from "./fixTcpConnection.js";

/**
 * A session against a REAL FIX engine: QuickFIX C++ (Debian libquickfix-dev) running test-data/quickfix/acceptor.cpp,
 * compiled here into a temp dir cached by source hash, started on a free loopback port and killed by PID.
 */
const dictPath = testDataPath("fix/FIX42.xml");
const codec = new FixCodec(loadFixDictionary(dictPath));
const clock = new WallClock();
let acceptor: ChildProcess | undefined;
let port = 0;
let debug = () => "";
let storeDir = "";
const acceptorLines: string[] = [];

function compileAcceptor(): string {
  const src = testDataPath("quickfix/acceptor.cpp");
  const hash = createHash("sha256").update(readFileSync(src)).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), `quantkit-quickfix-${hash}`);
  const bin = join(dir, "acceptor");
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    execFileSync("g++", ["-std=c++14", "-O1", "-w", src, "-o", `${bin}.tmp`, "-lquickfix", "-lpthread"], {
      stdio: "pipe",
    });
    renameSync(`${bin}.tmp`, bin);
  }
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitFor(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms)
      throw new Error(
        `timed out waiting for ${what}; acceptor said: ${acceptorLines.join(" / ")}; ${debug()}`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const bin = compileAcceptor();
  port = await freePort();
  storeDir = mkdtempSync(join(tmpdir(), "quantkit-quickfix-store-"));
  acceptor = spawn(bin, [`${port}`, dictPath, "VENUE", "QK", storeDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  acceptor.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
    const lines = out.split("\n");
    out = lines.pop() ?? "";
    acceptorLines.push(...lines);
  });
  acceptor.stderr?.on("data", (d: Buffer) => acceptorLines.push(`stderr: ${d.toString().trim()}`));
  await waitFor("acceptor READY", () => acceptorLines.includes("READY"));
}, 120_000);

afterAll(() => {
  if (acceptor?.pid !== undefined && acceptor.exitCode === null) process.kill(acceptor.pid, "SIGTERM");
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
});

describe("FixSession against a QuickFIX C++ acceptor (real FIX engine on loopback)", () => {
  it("logon, heartbeats, NewOrderSingle → ExecutionReports, cancel, forced gaps both ways recovered by resend, logout; both sides agree on sequence numbers", async () => {
    const conn = await FixTcpConnection.open(
      { senderCompId: "QK", targetCompId: "VENUE", heartBtInt: 1 },
      { codec, clock },
      { host: "127.0.0.1", port, tickMs: 100 },
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
    await waitFor("logon", () => s.state === "active");
    expect(acceptorLines).toContain("LOGON");

    // Heartbeats both ways (HeartBtInt = 1 s)
    await waitFor(
      "heartbeats",
      () =>
        admin.filter((m) => m.msgType === "0").length >= 2 && sentTypes.filter((t) => t === "0").length >= 2,
      8000,
    );

    // NewOrderSingle (market) → ExecutionReport New, then Fill
    order("M1", "1");
    await waitFor("M1 reports", () => execsFor("M1").length === 2);
    expect(execsFor("M1")).toEqual(["0/0/0", "2/2/100"]);
    expect(reports.find((r) => r.get(11) === "M1" && r.get(150) === "2")?.get(31)).toBe("100.25");

    // Limit order rests, then OrderCancelRequest → ExecutionReport Canceled
    order("L1", "2");
    await waitFor("L1 New", () => execsFor("L1").length === 1);
    s.sendApp("F", [
      [41, "L1"],
      [11, "CX1"],
      [55, "MSFT"],
      [54, "1"],
      [60, fixTimestamp(clock.now())],
      [38, "100"],
    ]);
    await waitFor("cancel", () => execsFor("CX1").length === 1);
    expect(execsFor("CX1")).toEqual(["4/4/0"]);

    // Forced gap from the acceptor (it skips one MsgSeqNum): we send ResendRequest, QuickFIX gap-fills.
    order("GAP1", "1");
    await waitFor("GAP1 reports", () => execsFor("GAP1").length === 2);
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
    await waitFor(
      "LOST1 and AFTER1 reports",
      () => execsFor("LOST1").length === 2 && execsFor("AFTER1").length === 2,
    );
    expect(dropped).toBe(true);
    expect(admin.some((m) => m.msgType === "2")).toBe(true);
    expect(acceptorLines).toContain("APP D LOST1 Y");
    expect(rejects).toEqual([]);

    // Logout; the acceptor prints its next sender/target numbers, which must be ours mirrored.
    s.logout();
    await waitFor(
      "logout",
      () => s.state === "disconnected" && acceptorLines.some((l) => l.startsWith("LOGOUT")),
    );
    const [, venueNextSender, venueNextTarget] = (
      acceptorLines.find((l) => l.startsWith("LOGOUT")) as string
    ).split(" ");
    expect(Number(venueNextSender)).toBe(s.store.nextTargetSeq);
    expect(Number(venueNextTarget)).toBe(s.store.nextSenderSeq);
    // Every order got exactly its reports once: resent duplicates (PossDupFlag=Y) were recognised, not re-delivered.
    expect(["M1", "L1", "CX1", "GAP1", "LOST1", "AFTER1"].map((id) => execsFor(id).length)).toEqual([
      2, 1, 1, 2, 2, 2,
    ]);
    expect(acceptorLines.filter((l) => l.startsWith("APP D LOST1"))).toEqual(["APP D LOST1 Y"]);
    conn.close();
  }, 60_000);

  it("FixGateway (backtest Gateway interface) over the same venue: ack + fill for a market order, ack + cancel for a limit order, positions from fills", async () => {
    const conn = await FixTcpConnection.open(
      { senderCompId: "QK", targetCompId: "VENUE", heartBtInt: 5 },
      { codec, clock },
      { host: "127.0.0.1", port, tickMs: 200 },
    );
    await waitFor("logon", () => conn.session.state === "active");
    const gw = new FixGateway(conn.session, clock);
    const reports: ExecutionReport[] = [];
    gw.connect((r) => reports.push(r));
    expect(() => gw.subscribe("MSFT", "bars")).toThrow(/no bars market data/);
    const order = (id: string, type: "market" | "limit", side: "buy" | "sell", qty: number): Order => ({
      id,
      clientOrderId: `gw-${id}`,
      symbol: "MSFT",
      side,
      qty,
      type,
      limitPrice: type === "limit" ? 99.5 : undefined,
      stopPrice: undefined,
      tif: "DAY",
      strategyId: "s",
      ocoGroup: undefined,
      tag: undefined,
      status: "NEW",
      venueOrderId: undefined,
      filledQty: 0,
      avgFillPrice: 0,
      createdTs: clock.now(),
      updatedTs: clock.now(),
      reason: undefined,
      parentId: undefined,
    });
    gw.submit(order("1", "market", "buy", 300));
    gw.submit(order("2", "market", "sell", 100));
    const limit = order("3", "limit", "buy", 50);
    gw.submit(limit);
    await waitFor("acks and fills", () => reports.length === 5);
    expect(gw.openOrderIds()).toEqual(["3"]);
    gw.cancel(limit);
    await waitFor("cancel", () => reports.some((r) => r.kind === "canceled"));
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
    await waitFor("logout", () => conn.session.state === "disconnected");
    conn.close();
  }, 30_000);
});
