import { readdirSync, readFileSync } from "node:fs";
import { SimulatedClock } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { FixCodec } from "../fixCodec.js";
import { loadFixDictionary } from "../fixDictionary.js";
import { testDataPath } from "../testData.js";
import { FixSession, fixTimestamp } from "./fixSession.js";

/**
 * Runs a QuickFIX acceptance script (test/definitions/server/fix42) against our session in the initiator role.
 * `I` lines are what the counterparty sends, `E` lines what our engine must send. The QuickFIX test engine echoes
 * application messages, so our application here echoes them too. Adaptation to the initiator role: the script's
 * first exchange (I Logon → E Logon) becomes our Logon (checked against the E line) answered by the I Logon.
 * Placeholders are ignored as the QuickFIX harness does: SendingTime (52), OrigSendingTime (122), TransactTime (60),
 * BodyLength and CheckSum of E lines.
 */
const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));
const dir = testDataPath("fix/quickfix_acceptance_defs");
const IGNORED = new Set([9, 10, 52, 122, 60]);

function fields(line: string): [number, string][] {
  return line
    .split("\x01")
    .filter((f) => f.length > 0)
    .map((f) => {
      const eq = f.indexOf("=");
      return [Number(f.slice(0, eq)), f.slice(eq + 1)] as [number, string];
    });
}

/** Completes an I line: BodyLength and CheckSum are computed unless the script gives them (to test bad ones). */
function inbound(line: string, now: number): Buffer {
  const text = line.replaceAll("<TIME>", fixTimestamp(now));
  const f = fields(text);
  const has9 = f[1]?.[0] === 9;
  const has10 = f[f.length - 1]?.[0] === 10;
  let s = text.endsWith("\x01") ? text : `${text}\x01`;
  if (!has9) {
    const soh = s.indexOf("\x01");
    const cs = has10 ? s.lastIndexOf("\x0110=") : s.length - 1;
    s = `${s.slice(0, soh + 1)}9=${cs - soh}\x01${s.slice(soh + 1)}`;
  }
  if (!has10) {
    let sum = 0;
    for (let i = 0; i < s.length; i++) sum += s.charCodeAt(i);
    s += `10=${`${sum & 255}`.padStart(3, "0")}\x01`;
  }
  return Buffer.from(s, "latin1");
}

function comparable(bytes: Buffer | string): string {
  const text = typeof bytes === "string" ? bytes : bytes.toString("latin1");
  return fields(text)
    .filter(([t]) => !IGNORED.has(t))
    .map(([t, v]) => `${t}=${v}`)
    .sort()
    .join("|");
}

function runScript(file: string): { checked: number } {
  const lines = readFileSync(`${dir}/${file}`, "latin1")
    .split("\n")
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l.length > 0 && !l.startsWith("#"));
  const clock = new SimulatedClock(Date.UTC(2024, 0, 2, 14, 30));
  const out: Buffer[] = [];
  const firstI = lines.find((l) => l.startsWith("I")) as string;
  const heartBtInt = Number(fields(firstI.slice(1)).find(([t]) => t === 108)?.[1]);
  const session = new FixSession(
    { senderCompId: "ISLD", targetCompId: "TW42", heartBtInt },
    { codec, clock, send: (b) => out.push(b) },
  );
  session.on((e) => {
    if (e.type === "app") {
      const body = e.message.tags
        .map((t, i) => [t, e.message.values[i] as string] as const)
        .filter(([t]) => ![35, 34, 49, 52, 56, 43, 97, 122].includes(t));
      session.sendApp(e.message.msgType, body);
    }
  });
  let checked = 0;
  let loggedOn = false;
  const nextOutput = (): Buffer | undefined => {
    for (let waited = 0; out.length === 0 && waited < 120 && session.state !== "disconnected"; waited++) {
      clock.advanceTo(clock.now() + 1000);
      session.tick();
    }
    return out.shift();
  };
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    if (line === "iCONNECT") continue;
    if (!loggedOn && line.startsWith("I") && fields(line.slice(1)).some(([t, v]) => t === 35 && v === "A")) {
      // Initiator role: we send Logon first and it must equal the script's E Logon; then the I Logon answers it.
      session.logon();
      const expected = lines[k + 1] as string;
      expect(comparable(out.shift() as Buffer)).toBe(comparable(expected.slice(1)));
      session.receive(inbound(line.slice(1), clock.now()));
      expect(session.state).toBe("active");
      loggedOn = true;
      k++;
      checked++;
      continue;
    }
    if (line.startsWith("I")) session.receive(inbound(line.slice(1), clock.now()));
    else if (line.startsWith("E")) {
      const got = nextOutput();
      expect(
        got === undefined ? `nothing (state ${session.state})` : comparable(got),
        `line ${k}: ${line}`,
      ).toBe(comparable(line.slice(1)));
      checked++;
    } else if (line === "eDISCONNECT") {
      nextOutput();
      expect(session.state).toBe("disconnected");
      checked++;
    }
  }
  expect(out.map((b) => b.toString("latin1"))).toEqual([]);
  return { checked };
}

describe("FixSession against the QuickFIX FIX.4.2 acceptance scripts (initiator role)", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".def"));
  it("has the six scripts", () => expect(files).toHaveLength(6));
  it.each(files)("%s", (file) => {
    expect(runScript(file).checked).toBeGreaterThan(2);
  });
});
