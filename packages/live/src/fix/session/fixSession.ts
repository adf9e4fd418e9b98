import type { Clock } from "@quantkit/core";
import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { FixCodec } from "../fixCodec.js";
import { FixError } from "../fixError.js";
import { FixMessage } from "../fixMessage.js";
import { FixFramer } from "./fixFramer.js";
import { type FixSeqStore, MemoryFixSeqStore } from "./fixSeqStore.js";

/** Options of a {@link FixSession}, validated with zod. */
export const fixSessionOptions = z.object({
  /** SenderCompID (49) we send. */
  senderCompId: z.string().min(1),
  /** TargetCompID (56) we send (the counterparty's SenderCompID). */
  targetCompId: z.string().min(1),
  /** HeartBtInt (108) in seconds; default 30. */
  heartBtInt: z.number().int().min(1).max(3600).default(30),
  /** BeginString; default FIX.4.2. */
  beginString: z.string().default("FIX.4.2"),
  /** Send ResetSeqNumFlag (141=Y) on Logon and restart both sequences at 1; default false. */
  resetOnLogon: z.boolean().default(false),
  /** Validate received application messages against the dictionary (Reject 35=3 on failure); default true. */
  validateIncoming: z.boolean().default(true),
  /**
   * `initiator` (default) sends Logon; `acceptor` waits in `disconnected` for the counterparty's Logon and answers it
   * (honouring ResetSeqNumFlag), e.g. a test venue.
   */
  role: z.enum(["initiator", "acceptor"]).default("initiator"),
});
/** Input type of {@link fixSessionOptions}. */
export type FixSessionOptions = z.input<typeof fixSessionOptions>;

/** Session states: the initiator moves disconnected → logonSent → active → logoutSent → disconnected. */
export type FixSessionState = "disconnected" | "logonSent" | "active" | "logoutSent";

/** Something the session reports to its owner. */
export type FixSessionEvent =
  | { readonly type: "state"; readonly state: FixSessionState; readonly reason?: string }
  | { readonly type: "app"; readonly message: FixMessage; readonly possDup: boolean }
  | { readonly type: "admin"; readonly message: FixMessage }
  | { readonly type: "reject"; readonly message: FixMessage }
  | { readonly type: "ignored"; readonly error: FixError }
  | { readonly type: "gap"; readonly from: number; readonly to: number };

const ADMIN = new Set(["0", "1", "2", "3", "4", "5", "A"]);

function pad(n: number, w: number): string {
  return `${n}`.padStart(w, "0");
}

/**
 * Formats epoch ms as a FIX UTCTimestamp with milliseconds, `YYYYMMDD-HH:MM:SS.sss`.
 *
 * @param ms - UTC epoch milliseconds.
 * @example
 * fixTimestamp(0); // → "19700101-00:00:00.000"
 * @see https://www.onixs.biz/fix-dictionary/4.2/index.html (UTCTimestamp)
 */
export function fixTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}-${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/**
 * A FIX 4.2 initiator session, independent of the transport: feed it received bytes (`receive`), give it a `send`
 * callback, and call `tick()` periodically; time comes only from the injected {@link Clock}. It sends Logon with
 * HeartBtInt, heartbeats after HeartBtInt of silence, a TestRequest after HeartBtInt + 20% without input (and
 * disconnects when that goes unanswered for another HeartBtInt), answers TestRequests, numbers messages from a
 * pluggable {@link FixSeqStore}, detects gaps (ResendRequest, later messages queued until the gap is filled), answers
 * ResendRequests with the stored application messages (PossDupFlag=Y, OrigSendingTime) and SequenceReset-GapFill for
 * admin messages, applies SequenceReset, ignores messages with a bad BodyLength or CheckSum, rejects (35=3) messages
 * that fail dictionary validation, and logs out.
 *
 * @example
 * const s = new FixSession({ senderCompId: "QK", targetCompId: "VENUE", heartBtInt: 30 }, { codec, clock, send: (b) => socket.write(b) });
 * s.logon(); // sends 35=A|34=1|…|98=0|108=30
 * @see https://www.fixtrading.org/standards/fix-session-layer/
 */
export class FixSession {
  readonly options: z.output<typeof fixSessionOptions>;
  readonly store: FixSeqStore;
  private readonly codec: FixCodec;
  private readonly clock: Clock;
  private readonly sendBytes: (bytes: Buffer) => void;
  private readonly framer = new FixFramer();
  private readonly listeners: ((e: FixSessionEvent) => void)[] = [];
  private _state: FixSessionState = "disconnected";
  private lastSent = 0;
  private lastReceived = 0;
  private testRequestId: string | undefined;
  private testRequestSentAt = 0;
  private resendRange: { from: number; to: number } | undefined;
  private readonly queued = new Map<number, FixMessage>();

  /**
   * @param options - CompIDs, HeartBtInt (s), reset-on-logon, validation; see {@link fixSessionOptions}.
   * @param deps - the codec (with its dictionary), the clock, the byte sink and an optional sequence store.
   */
  constructor(
    options: FixSessionOptions,
    deps: { codec: FixCodec; clock: Clock; send: (bytes: Buffer) => void; store?: FixSeqStore },
  ) {
    this.options = parseWith(fixSessionOptions, options, "FIX session options");
    this.codec = deps.codec;
    this.clock = deps.clock;
    this.sendBytes = deps.send;
    this.store = deps.store ?? new MemoryFixSeqStore();
  }

  /** Current state. */
  get state(): FixSessionState {
    return this._state;
  }

  /**
   * Registers a listener for session events (state changes, application messages, rejects, ignored input, gaps).
   *
   * @param fn - called synchronously for each event.
   * @example
   * session.on((e) => { if (e.type === "app") console.log(e.message.msgType); });
   */
  on(fn: (e: FixSessionEvent) => void): void {
    this.listeners.push(fn);
  }

  private emit(e: FixSessionEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  private setState(state: FixSessionState, reason?: string): void {
    this._state = state;
    this.emit(reason === undefined ? { type: "state", state } : { type: "state", state, reason });
  }

  /** Sends Logon (35=A, 98=0, 108=HeartBtInt; 141=Y when resetOnLogon). Call once the transport is connected. */
  logon(): void {
    if (this.options.resetOnLogon) this.store.reset();
    const now = this.clock.now();
    this.lastReceived = now;
    this.setState("logonSent");
    const fields: [number, string][] = [
      [98, "0"],
      [108, `${this.options.heartBtInt}`],
    ];
    if (this.options.resetOnLogon) fields.push([141, "Y"]);
    this.sendAdmin("A", fields);
  }

  private acceptLogon(msg: FixMessage): void {
    if (msg.get(141) === "Y") {
      // The initiator restarted both sequences at 1; its Logon was our inbound 1.
      this.store.reset();
      this.store.nextTargetSeq = 2;
    }
    this.lastReceived = this.clock.now();
    const fields: [number, string][] = [
      [98, "0"],
      [108, msg.get(108) ?? `${this.options.heartBtInt}`],
    ];
    if (msg.get(141) === "Y") fields.push([141, "Y"]);
    this.sendAdmin("A", fields);
    this.setState("active");
  }

  /**
   * Sends Logout (35=5) and waits for the counterparty's Logout.
   *
   * @param text - optional Text (58).
   */
  logout(text?: string): void {
    if (this._state === "disconnected") return;
    this.sendAdmin("5", text ? [[58, text]] : []);
    this.setState("logoutSent");
  }

  /**
   * Sends an application message: header (49, 56, 34, 52) added, the message stored for resends.
   *
   * @param msgType - MsgType, e.g. "D" for NewOrderSingle.
   * @param fields - body fields in order as [tag, value] pairs.
   * @returns the MsgSeqNum used.
   * @example
   * session.sendApp("D", [[11, "c1"], [21, "1"], [55, "MSFT"], [54, "1"], [60, fixTimestamp(clock.now())], [40, "1"], [38, "100"]]); // → 2
   */
  sendApp(msgType: string, fields: readonly (readonly [number, string])[]): number {
    if (this._state !== "active")
      throw new FixError({
        reason: "MsgType",
        tag: 35,
        expected: "an active session to send application messages",
        actual: this._state,
      });
    const seq = this.store.nextSenderSeq;
    const { tags, values } = this.build(msgType, seq, fields);
    this.store.saveSent(seq, tags, values);
    this.store.nextSenderSeq = seq + 1;
    this.write(tags, values);
    return seq;
  }

  /**
   * Advances timers: heartbeat after HeartBtInt of silence, TestRequest after HeartBtInt × 1.2 without input,
   * disconnect when a TestRequest stays unanswered for another HeartBtInt. Call every second or so.
   */
  tick(): void {
    if (this._state === "disconnected") return;
    const now = this.clock.now();
    const hb = this.options.heartBtInt * 1000;
    if (this.testRequestId !== undefined && now - this.testRequestSentAt >= hb) {
      this.disconnect("TestRequest unanswered");
      return;
    }
    if (this._state === "active" && this.testRequestId === undefined && now - this.lastReceived >= hb * 1.2) {
      this.testRequestId = "TEST";
      this.testRequestSentAt = now;
      this.sendAdmin("1", [[112, this.testRequestId]]);
      return;
    }
    if (this._state === "active" && now - this.lastSent >= hb) this.sendAdmin("0", []);
  }

  /** Marks the transport as gone (socket closed or timed out). */
  disconnect(reason: string): void {
    if (this._state === "disconnected") return;
    this.testRequestId = undefined;
    this.resendRange = undefined;
    this.queued.clear();
    this.setState("disconnected", reason);
  }

  /**
   * Feeds bytes received from the transport; complete messages are processed in order.
   *
   * @param chunk - bytes as they arrive (any split).
   */
  receive(chunk: Uint8Array): void {
    for (const frame of this.framer.push(chunk)) {
      let msg: FixMessage;
      try {
        msg = this.codec.parse(frame);
      } catch (e) {
        if (!(e instanceof FixError)) throw e;
        // BodyLength and CheckSum verified but a field is garbled (e.g. "0=HI", "-1=HI"): session-level Reject.
        if (e.reason === "Garbled" && this.rejectGarbled(frame, e)) continue;
        // Bad BodyLength, CheckSum or framing: ignore the message (FIX session rule), report it.
        this.emit({ type: "ignored", error: e });
        continue;
      }
      this.process(msg);
    }
    for (const p of this.framer.problems.splice(0)) this.emit({ type: "ignored", error: p });
  }

  private process(msg: FixMessage): void {
    this.lastReceived = this.clock.now();
    const seqText = msg.get(34);
    const seq = seqText !== undefined && /^\d+$/.test(seqText) ? Number(seqText) : Number.NaN;
    if (
      msg.get(49) !== this.options.targetCompId ||
      msg.get(56) !== this.options.senderCompId ||
      Number.isNaN(seq)
    ) {
      this.reject(
        msg,
        Number.isNaN(seq) ? 34 : 49,
        Number.isNaN(seq) ? 1 : 9,
        Number.isNaN(seq) ? "MsgSeqNum missing" : "CompID problem",
      );
      if (!Number.isNaN(seq)) this.logout("CompID problem");
      return;
    }
    const type = msg.msgType;
    if (type === "4" && msg.get(123) !== "Y") {
      // SequenceReset-Reset: ignores MsgSeqNum.
      this.store.nextTargetSeq = Number(msg.get(36) ?? this.store.nextTargetSeq);
      this.drainQueue();
      return;
    }
    const expected = this.store.nextTargetSeq;
    if (type === "5") {
      // Logout is honoured whatever its MsgSeqNum (as QuickFIX does).
      if (seq === expected) this.store.nextTargetSeq = seq + 1;
      this.handle(msg);
      return;
    }
    if (seq > expected) {
      if (type === "A") this.handle(msg);
      this.queued.set(seq, msg);
      if (!this.resendRange) {
        this.resendRange = { from: expected, to: seq - 1 };
        this.emit({ type: "gap", from: expected, to: seq - 1 });
        this.sendAdmin("2", [
          [7, `${expected}`],
          [16, "0"],
        ]);
      }
      return;
    }
    if (seq < expected) {
      if (msg.get(43) === "Y") return; // a duplicate we already processed
      this.logout(`MsgSeqNum too low, expecting ${expected} but received ${seq}`);
      this.disconnect(`MsgSeqNum too low: expected ${expected}, got ${seq}`);
      return;
    }
    this.store.nextTargetSeq = seq + 1;
    this.handle(msg);
    this.drainQueue();
  }

  private drainQueue(): void {
    for (;;) {
      const next = this.queued.get(this.store.nextTargetSeq);
      if (!next) break;
      this.queued.delete(this.store.nextTargetSeq);
      this.store.nextTargetSeq++;
      this.handle(next);
    }
    for (const seq of this.queued.keys()) if (seq < this.store.nextTargetSeq) this.queued.delete(seq);
    if (this.resendRange && this.store.nextTargetSeq > this.resendRange.to) this.resendRange = undefined;
  }

  private handle(msg: FixMessage): void {
    const type = msg.msgType;
    if (type === "4") {
      this.emit({ type: "admin", message: msg });
      // SequenceReset-GapFill: the next expected number jumps to NewSeqNo (36).
      const newSeq = Number(msg.get(36));
      if (Number.isInteger(newSeq) && newSeq > this.store.nextTargetSeq) this.store.nextTargetSeq = newSeq;
      return;
    }
    if (this.options.validateIncoming) {
      try {
        this.codec.validate(msg, { userTagsFrom: Number.POSITIVE_INFINITY });
      } catch (e) {
        if (!(e instanceof FixError)) throw e;
        const code =
          e.reason === "TagNotDefined"
            ? 0
            : e.reason === "RequiredTagMissing"
              ? 1
              : e.reason === "UnknownMsgType"
                ? 11
                : 5;
        const text =
          e.reason === "TagNotDefined"
            ? "Invalid tag number"
            : e.reason === "RequiredTagMissing"
              ? "Required tag missing"
              : e.reason === "UnknownMsgType"
                ? "Invalid MsgType"
                : e.message;
        this.reject(msg, e.tag ?? 0, code, text);
        return;
      }
    }
    if (ADMIN.has(type)) this.emit({ type: "admin", message: msg });
    switch (type) {
      case "A":
        if (this._state === "logonSent") this.setState("active");
        else if (this.options.role === "acceptor" && this._state === "disconnected") this.acceptLogon(msg);
        return;
      case "0":
        if (this.testRequestId !== undefined && msg.get(112) === this.testRequestId)
          this.testRequestId = undefined;
        return;
      case "1":
        this.sendAdmin("0", [[112, msg.get(112) ?? ""]]);
        return;
      case "2":
        this.resend(Number(msg.get(7)), Number(msg.get(16)));
        return;
      case "3":
        this.emit({ type: "reject", message: msg });
        return;
      case "5":
        if (this._state !== "logoutSent") this.sendAdmin("5", []);
        this.disconnect("Logout");
        return;
      default:
        this.emit({ type: "app", message: msg, possDup: msg.get(43) === "Y" });
    }
  }

  private rejectGarbled(frame: Buffer, e: FixError): boolean {
    const fields = frame.toString("latin1").split("\x01");
    const value = (tag: string) => fields.find((f) => f.startsWith(`${tag}=`))?.slice(tag.length + 1);
    const seq = Number(value("34"));
    if (
      !Number.isInteger(seq) ||
      seq !== this.store.nextTargetSeq ||
      value("49") !== this.options.targetCompId
    )
      return false;
    this.lastReceived = this.clock.now();
    this.store.nextTargetSeq = seq + 1;
    const badTag = (e.actual ?? "").split("=")[0] ?? "";
    this.sendAdmin("3", [
      [45, `${seq}`],
      [58, "Invalid tag number"],
      [371, badTag],
      [372, value("35") ?? "?"],
      [373, "0"],
    ]);
    this.drainQueue();
    return true;
  }

  private reject(msg: FixMessage, tag: number, code: number, text: string): void {
    const ref = msg.get(34);
    const fields: [number, string][] = [];
    if (ref !== undefined) fields.push([45, ref]);
    fields.push([58, text], [371, `${tag}`], [372, msg.msgType || "?"], [373, `${code}`]);
    this.sendAdmin("3", fields);
  }

  private resend(from: number, toField: number): void {
    const last = this.store.nextSenderSeq - 1;
    const to = toField === 0 || toField > last ? last : toField;
    let gapStart = from;
    const flushGap = (upTo: number) => {
      if (upTo <= gapStart) return;
      // SequenceReset-GapFill replacing admin messages gapStart..upTo-1 (MsgSeqNum = gapStart, PossDupFlag=Y).
      const { tags, values } = this.build("4", gapStart, [
        [36, `${upTo}`],
        [123, "Y"],
      ]);
      tags.splice(2, 0, 43);
      values.splice(2, 0, "Y");
      this.write(tags, values);
    };
    for (const m of this.store.sentBetween(from, to)) {
      flushGap(m.seq);
      const tags = [...m.tags];
      const values = [...m.values];
      const i52 = tags.indexOf(52);
      const orig = values[i52] as string;
      values[i52] = fixTimestamp(this.clock.now());
      tags.splice(i52 + 1, 0, 122);
      values.splice(i52 + 1, 0, orig);
      tags.splice(2, 0, 43);
      values.splice(2, 0, "Y");
      this.write(tags, values);
      gapStart = m.seq + 1;
    }
    flushGap(to + 1);
  }

  private sendAdmin(msgType: string, fields: readonly (readonly [number, string])[]): void {
    const seq = this.store.nextSenderSeq;
    const { tags, values } = this.build(msgType, seq, fields);
    this.store.nextSenderSeq = seq + 1;
    this.write(tags, values);
  }

  private build(
    msgType: string,
    seq: number,
    fields: readonly (readonly [number, string])[],
  ): { tags: number[]; values: string[] } {
    const tags = [35, 34, 49, 52, 56];
    const values = [
      msgType,
      `${seq}`,
      this.options.senderCompId,
      fixTimestamp(this.clock.now()),
      this.options.targetCompId,
    ];
    for (const [t, v] of fields) {
      tags.push(t);
      values.push(v);
    }
    return { tags, values };
  }

  private write(tags: number[], values: string[]): void {
    this.lastSent = this.clock.now();
    this.sendBytes(this.codec.serialize(new FixMessage(this.options.beginString, tags, values)));
  }

  /** True for session-level (admin) message types: 0 1 2 3 4 5 A. */
  static isAdmin(msgType: string): boolean {
    return ADMIN.has(msgType);
  }
}
