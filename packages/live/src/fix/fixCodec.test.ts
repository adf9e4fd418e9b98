import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FixCodec } from "./fixCodec.js";
import { loadFixDictionary } from "./fixDictionary.js";
import { FixError } from "./fixError.js";
import { testDataPath, validFix42Vectors } from "./testData.js";

const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));
const valid = validFix42Vectors();

function pipeLines(file: string): string[] {
  return readFileSync(testDataPath(`fix/${file}`), "latin1")
    .split("\n")
    .filter((l) => l.length > 0 && (!l.startsWith("#") || l.startsWith("#EMBEDDED_SOH ")));
}

describe("FixCodec on the 67 valid FIX.4.2 vectors (QuickFIX, simplefix, fixparser suites)", () => {
  it("finds all 67 messages in the .soh file", () => {
    expect(valid).toHaveLength(67);
  });

  it.each(valid.map((b, i) => [i, b] as const))(
    "vector %i parses and re-serializes byte-identically",
    (_i, bytes) => {
      const msg = codec.parse(bytes);
      expect(msg.beginString).toBe("FIX.4.2");
      expect(codec.serialize(msg).equals(bytes)).toBe(true);
    },
  );

  it("the pipe file (SOH shown as |) gives the same messages as the .soh file, except the raw-data line", () => {
    const lines = pipeLines("fix42_valid_messages_pipe.txt");
    expect(lines).toHaveLength(67);
    for (const [i, line] of lines.entries()) {
      const bytes = valid[i] as Buffer;
      if (line.startsWith("#EMBEDDED_SOH")) {
        // The pipe rendering cannot tell the SOH inside RawData from a delimiter: the bytes are the .soh ones.
        expect(bytes.toString("latin1").replaceAll("\x01", "|")).toBe(line.slice("#EMBEDDED_SOH ".length));
        continue;
      }
      expect(codec.serialize(codec.parse(line)).equals(bytes)).toBe(true);
    }
  });

  it("reads a raw data field by its length even when it contains SOH (MassQuote 364/365)", () => {
    const i = valid.findIndex((b) => b.includes("365=DELL\x01COMP\x01\x01"));
    expect(i).toBeGreaterThanOrEqual(0);
    const msg = codec.parse(valid[i] as Buffer);
    expect(msg.get(364)).toBe("10");
    // 10 bytes: "DELL", SOH, "COMP", SOH: the trailing SOH belongs to the data, the next one ends the field.
    expect(msg.get(365)).toBe("DELL\x01COMP\x01");
  });

  it("keeps a zero-padded BodyLength (9=0186) so the bytes survive", () => {
    const i = valid.findIndex((b) => b.includes("\x019=0186\x01"));
    expect(codec.serialize(codec.parse(valid[i] as Buffer)).equals(valid[i] as Buffer)).toBe(true);
  });
});

describe("FixCodec on the 120 invalid vectors: each rejected with the reason the file states", () => {
  const lines = pipeLines("fix_invalid_or_placeholder_messages_pipe.txt");
  it("has 120 vectors", () => expect(lines).toHaveLength(120));

  const cases = lines.map((line, k) => {
    const tab = line.indexOf("\t");
    // The metadata of one vector contains a stray SOH.
    const [bl, cs] = line.slice(0, tab).replaceAll("\x01", "").split(" ") as [string, string];
    const [declaredBL, actualBL] = bl.split("/") as [string, string];
    const [declaredCS, computedCS] = cs.split("/") as [string, string];
    return { k, declaredBL, actualBL, declaredCS, computedCS, msg: line.slice(tab + 1) };
  });

  it.each(cases)(
    "invalid vector $k: BodyLength $declaredBL/$actualBL CheckSum $declaredCS/$computedCS",
    (c) => {
      let err: unknown;
      try {
        codec.parse(c.msg);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FixError);
      const e = err as FixError;
      const blNumeric = /^\d+$/.test(c.declaredBL);
      if (blNumeric && c.declaredBL === c.actualBL) {
        // BodyLength right: the CheckSum must be wrong (value or not three digits), with both values reported.
        expect(c.declaredCS).not.toBe(c.computedCS);
        expect({ reason: e.reason, tag: e.tag, actual: e.actual, expected: e.expected }).toEqual({
          reason: "CheckSum",
          tag: 10,
          actual: c.declaredCS,
          expected: c.computedCS,
        });
        return;
      }
      expect(e.reason).toBe("BodyLength");
      expect(e.tag).toBe(9);
      const garbledBL = c.msg.match(/^8=[^|]*\|9=([^|]*)\|/)?.[1];
      if (!c.msg.startsWith(`8=${c.msg.slice(2).split("|")[0]}|9=`)) {
        // BodyLength is not the second field.
        expect(e.expected).toBe("9= as the second field");
      } else if (!blNumeric || !/^\d+$/.test(garbledBL ?? "")) {
        expect(e.expected).toBe("a non-negative integer");
        expect(e.actual).toBe(garbledBL);
      } else if (Number(c.actualBL) < 0) {
        // The file's "actual" is negative when the message is cut before any CheckSum field.
        expect({ expected: e.expected, actual: e.actual }).toEqual({
          expected: c.declaredBL,
          actual: "no CheckSum field",
        });
      } else {
        expect({ expected: e.expected, actual: e.actual }).toEqual({
          expected: c.declaredBL,
          actual: c.actualBL,
        });
      }
    },
  );
});

describe("FixCodec framing errors name the rule, tag and byte position", () => {
  it("rejects bytes after the CheckSum field", () => {
    expect(() => codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|X")).toThrow(/Garbled: at byte 34/);
  });
  it("rejects a message whose first field is not BeginString", () => {
    expect(() => codec.parse("9=12|35=A|108=30|10=026|")).toThrow(
      expect.objectContaining({ reason: "BeginString", position: 0 }),
    );
  });
  it("rejects a body whose first field is not MsgType", () => {
    const m = codec.fromJson({ BeginString: "FIX.4.2", MsgType: "A", HeartBtInt: "30" });
    m.tags.reverse();
    m.values.reverse();
    expect(() => codec.parse(codec.serialize(m))).toThrow(
      expect.objectContaining({ reason: "MsgType", tag: 108 }),
    );
  });
  it("rejects a raw data field whose length runs past the body", () => {
    const m = codec.fromJson({
      BeginString: "FIX.4.2",
      MsgType: "A",
      RawDataLength: "50",
      RawData: "abc",
      HeartBtInt: "30",
    });
    expect(() => codec.parse(codec.serialize(m))).toThrow(
      expect.objectContaining({ reason: "DataLength", tag: 96 }),
    );
  });
  it("rejects a message above maxBytes before reading it", () => {
    expect(() => codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|", { maxBytes: 10 })).toThrow(
      expect.objectContaining({ reason: "TooLarge" }),
    );
  });
});
