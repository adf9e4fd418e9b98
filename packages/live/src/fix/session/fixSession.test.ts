import { SimulatedClock } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { FixCodec } from "../fixCodec.js";
import { loadFixDictionary } from "../fixDictionary.js";
import { FixMessage } from "../fixMessage.js";
import { testDataPath } from "../testData.js";
import { FixFramer } from "./fixFramer.js";
import { MemoryFixSeqStore } from "./fixSeqStore.js";
import { FixSession, type FixSessionEvent, fixTimestamp } from "./fixSession.js";

const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));
const T0 = Date.UTC(2024, 0, 2, 14, 30);

/** A scripted counterparty ("VENUE") talking to our initiator ("QK") with a simulated clock. */
function setup(heartBtInt = 30) {
  const clock = new SimulatedClock(T0);
  const out: FixMessage[] = [];
  const events: FixSessionEvent[] = [];
  const store = new MemoryFixSeqStore();
  const s = new FixSession(
    { senderCompId: "QK", targetCompId: "VENUE", heartBtInt },
    { codec, clock, store, send: (b) => out.push(codec.parse(b)) },
  );
  s.on((e) => events.push(e));
  let venueSeq = 1;
  const venue = (msgType: string, fields: [number, string][] = [], seq = venueSeq++) =>
    codec.serialize(
      new FixMessage(
        "FIX.4.2",
        [35, 34, 49, 52, 56, ...fields.map((f) => f[0])],
        [msgType, `${seq}`, "VENUE", fixTimestamp(clock.now()), "QK", ...fields.map((f) => f[1])],
      ),
    );
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 500) {
      clock.advanceTo(clock.now() + 500);
      s.tick();
    }
  };
  const logon = () => {
    s.logon();
    s.receive(
      venue("A", [
        [98, "0"],
        [108, `${heartBtInt}`],
      ]),
    );
  };
  const execReport = (clOrdId: string, seq?: number) =>
    venue(
      "8",
      [
        [37, "O1"],
        [11, clOrdId],
        [17, "X1"],
        [20, "0"],
        [150, "0"],
        [39, "0"],
        [55, "MSFT"],
        [54, "1"],
        [151, "100"],
        [14, "0"],
        [6, "0"],
      ],
      seq,
    );
  return {
    clock,
    out,
    events,
    store,
    s,
    venue,
    advance,
    logon,
    execReport,
    setVenueSeq: (n: number) => (venueSeq = n),
  };
}

const types = (ms: FixMessage[]) => ms.map((m) => `${m.msgType}:${m.get(34)}`);

describe("FixSession (initiator) with a SimulatedClock", () => {
  it("logs on with HeartBtInt, EncryptMethod and MsgSeqNum 1, and goes active on the Logon reply", () => {
    const { s, out, logon } = setup(30);
    logon();
    expect(out[0]?.toString()).toBe(`8=FIX.4.2|35=A|34=1|49=QK|52=${fixTimestamp(T0)}|56=VENUE|98=0|108=30|`);
    expect(s.state).toBe("active");
  });

  it("sends a Heartbeat after HeartBtInt seconds of silence, not before", () => {
    const { out, logon, advance, venue, s } = setup(30);
    logon();
    advance(29_500);
    s.receive(venue("0"));
    expect(types(out)).toEqual(["A:1"]);
    advance(500);
    expect(types(out)).toEqual(["A:1", "0:2"]);
  });

  it("sends a TestRequest after HeartBtInt × 1.2 without input and disconnects when it is not answered", () => {
    const { out, logon, advance, s } = setup(10);
    logon();
    advance(12_000);
    const tr = out.find((m) => m.msgType === "1");
    expect(tr?.get(112)).toBe("TEST");
    expect(s.state).toBe("active");
    advance(10_000);
    expect(s.state).toBe("disconnected");
  });

  it("answers a TestRequest with a Heartbeat carrying its TestReqID", () => {
    const { out, logon, venue, s } = setup();
    logon();
    s.receive(venue("1", [[112, "PING7"]]));
    expect(out.at(-1)?.msgType).toBe("0");
    expect(out.at(-1)?.get(112)).toBe("PING7");
  });

  it("detects a gap, sends one ResendRequest, queues later messages and delivers everything in order once filled", () => {
    const { out, events, logon, execReport, s, store } = setup();
    logon();
    s.receive(execReport("B", 3));
    s.receive(execReport("C", 4));
    expect(types(out).slice(1)).toEqual(["2:2"]);
    expect(out.at(-1)?.get(7)).toBe("2");
    expect(out.at(-1)?.get(16)).toBe("0");
    expect(events.filter((e) => e.type === "app")).toHaveLength(0);
    s.receive(execReport("A", 2));
    expect(events.flatMap((e) => (e.type === "app" ? [e.message.get(11)] : []))).toEqual(["A", "B", "C"]);
    expect(store.nextTargetSeq).toBe(5);
  });

  it("applies SequenceReset-GapFill and ignores PossDup duplicates below the expected number", () => {
    const { events, logon, execReport, s, venue, store } = setup();
    logon();
    s.receive(
      venue(
        "4",
        [
          [36, "5"],
          [123, "Y"],
        ],
        2,
      ),
    );
    expect(store.nextTargetSeq).toBe(5);
    const dup = codec.parse(execReport("OLD", 3));
    dup.tags.splice(2, 0, 43);
    dup.values.splice(2, 0, "Y");
    s.receive(codec.serialize(dup));
    expect(events.filter((e) => e.type === "app")).toHaveLength(0);
    expect(s.state).toBe("active");
  });

  it("logs out and disconnects when MsgSeqNum is lower than expected without PossDupFlag", () => {
    const { out, logon, execReport, s } = setup();
    logon();
    s.receive(execReport("A", 2));
    s.receive(execReport("A", 2));
    expect(out.at(-1)?.msgType).toBe("5");
    expect(out.at(-1)?.get(58)).toMatch(/MsgSeqNum too low, expecting 3 but received 2/);
    expect(s.state).toBe("disconnected");
  });

  it("answers a ResendRequest with the stored order (PossDupFlag=Y, OrigSendingTime) and gap-fills admin messages", () => {
    const { out, logon, venue, s, clock } = setup();
    logon();
    s.sendApp("D", [
      [11, "c1"],
      [21, "1"],
      [55, "MSFT"],
      [54, "1"],
      [60, fixTimestamp(clock.now())],
      [40, "1"],
    ]);
    s.receive(venue("1", [[112, "X"]])); // our Heartbeat reply is seq 3
    clock.advanceTo(clock.now() + 5000);
    s.receive(
      venue("2", [
        [7, "1"],
        [16, "0"],
      ]),
    );
    const resent = out.slice(3);
    expect(resent.map((m) => `${m.msgType}:${m.get(34)}:${m.get(43)}:${m.get(36) ?? m.get(11)}`)).toEqual([
      "4:1:Y:2",
      "D:2:Y:c1",
      "4:3:Y:4",
    ]);
    expect(resent[1]?.get(122)).toBe(fixTimestamp(T0));
    expect(resent[1]?.get(52)).toBe(fixTimestamp(T0 + 5000));
  });

  it("ignores a message with a bad CheckSum (and reports it), then rejects an undefined tag with Reject 35=3", () => {
    const { out, events, logon, venue, s, setVenueSeq } = setup();
    logon();
    const bad = venue("0");
    bad[bad.length - 2] = 48 + (((bad[bad.length - 2] as number) - 47) % 10);
    s.receive(bad);
    expect(events.some((e) => e.type === "ignored" && e.error.reason === "CheckSum")).toBe(true);
    expect(types(out)).toEqual(["A:1"]);
    setVenueSeq(2);
    s.receive(venue("0", [[999, "HI"]]));
    expect(out.at(-1)?.toString()).toContain("|45=2|58=Invalid tag number|371=999|372=0|373=0|");
  });

  it("sends Logout and reaches disconnected on the counterparty's Logout", () => {
    const { out, logon, venue, s } = setup();
    logon();
    s.logout();
    expect(s.state).toBe("logoutSent");
    s.receive(venue("5"));
    expect(s.state).toBe("disconnected");
    expect(types(out)).toEqual(["A:1", "5:2"]);
  });

  it("refuses to send application messages before logon", () => {
    const { s } = setup();
    expect(() => s.sendApp("D", [])).toThrow(/active session/);
  });
});

describe("FixFramer", () => {
  const m1 = codec.serialize(new FixMessage("FIX.4.2", [35, 112], ["1", "a"]));
  const m2 = codec.serialize(new FixMessage("FIX.4.2", [35, 58], ["5", "b\x01c"]));
  it("reassembles messages split at every byte boundary and skips leading garbage", () => {
    const all = Buffer.concat([Buffer.from("junk"), m1, m2]);
    for (let cut = 0; cut <= all.length; cut++) {
      const f = new FixFramer();
      const got = [...f.push(all.subarray(0, cut)), ...f.push(all.subarray(cut))];
      expect(got.map((b) => b.toString("latin1"))).toEqual([m1.toString("latin1"), m2.toString("latin1")]);
    }
  });
  it("skips a frame with a non-numeric BodyLength and resynchronises on the next 8=FIX", () => {
    const f = new FixFramer();
    const got = f.push(Buffer.concat([Buffer.from("8=FIX.4.2\x019=AB\x0135=0\x0110=000\x01", "latin1"), m1]));
    expect(got.map((b) => b.toString("latin1"))).toEqual([m1.toString("latin1")]);
    expect(f.problems[0]?.reason).toBe("BodyLength");
  });
});
