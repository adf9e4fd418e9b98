import { describe, expect, it } from "vitest";
import { FixCodec } from "./fixCodec.js";
import { loadFixDictionary } from "./fixDictionary.js";
import { FixError } from "./fixError.js";
import { testDataPath, validFix42Vectors } from "./testData.js";

const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));
const header = {
  BeginString: "FIX.4.2",
  MsgType: "0",
  SenderCompID: "A",
  TargetCompID: "B",
  MsgSeqNum: "1",
  SendingTime: "20240102-03:04:05",
};
const nos = {
  BeginString: "FIX.4.2",
  MsgType: "D",
  SenderCompID: "A",
  TargetCompID: "B",
  MsgSeqNum: "1",
  SendingTime: "20240102-03:04:05",
  ClOrdID: "c1",
  HandlInst: "1",
  Symbol: "MSFT",
  Side: "1",
  TransactTime: "20240102-03:04:05",
  OrdType: "1",
};

function reasonOf(fn: () => void): Partial<FixError> {
  try {
    fn();
  } catch (e) {
    if (e instanceof FixError)
      return { reason: e.reason, tag: e.tag, expected: e.expected, actual: e.actual };
    throw e;
  }
  return {};
}

describe("validateFix(msg, FIX42 dictionary)", () => {
  it("accepts a complete NewOrderSingle", () => {
    expect(() => codec.validate(codec.fromJson(nos))).not.toThrow();
  });

  it.each([11, 21, 55, 54, 60, 40])("rejects a NewOrderSingle without required tag %i, naming it", (tag) => {
    const m = codec.fromJson(nos);
    const i = m.tags.indexOf(tag);
    m.tags.splice(i, 1);
    m.values.splice(i, 1);
    expect(reasonOf(() => codec.validate(m))).toMatchObject({
      reason: "RequiredTagMissing",
      tag,
      actual: "absent",
    });
  });

  it("requires the header fields unless told not to", () => {
    const m = codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|");
    expect(reasonOf(() => codec.validate(m))).toMatchObject({ reason: "RequiredTagMissing", tag: 49 });
    // Without the header check the next missing tag is the Logon body's EncryptMethod.
    expect(reasonOf(() => codec.validate(m, { requireHeader: false }))).toMatchObject({
      reason: "RequiredTagMissing",
      tag: 98,
    });
    expect(() => codec.validate(codec.fromJson({ ...header, MsgType: "0" }))).not.toThrow();
  });

  it("rejects an unknown MsgType, an undefined tag below 5000, an empty value and a repeated tag", () => {
    expect(reasonOf(() => codec.validate(codec.fromJson({ ...header, MsgType: "AE" })))).toMatchObject({
      reason: "UnknownMsgType",
      actual: "AE",
    });
    expect(reasonOf(() => codec.validate(codec.fromJson({ ...nos, Tag4999: "x" })))).toMatchObject({
      reason: "TagNotDefined",
      tag: 4999,
    });
    expect(() => codec.validate(codec.fromJson({ ...nos, Tag9717: "x" }))).not.toThrow();
    const empty = codec.parse(validFix42Vectors().find((b) => b.includes("\x01358=\x01")) as Buffer);
    expect(reasonOf(() => codec.validate(empty))).toMatchObject({ reason: "EmptyValue", tag: 358 });
    const dup = codec.fromJson(nos);
    dup.tags.push(55);
    dup.values.push("IBM");
    expect(reasonOf(() => codec.validate(dup))).toMatchObject({ reason: "DuplicateTag", tag: 55 });
  });

  it("checks repeating groups: count equals instances, delimiter first, required members present", () => {
    const md = {
      ...header,
      MsgType: "V",
      MDReqID: "r1",
      SubscriptionRequestType: "1",
      MarketDepth: "0",
      NoMDEntryTypes: [{ MDEntryType: "0" }, { MDEntryType: "1" }],
      NoRelatedSym: [{ Symbol: "MSFT" }],
    };
    const m = codec.fromJson(md);
    expect(() => codec.validate(m)).not.toThrow();
    expect(m.toString()).toContain("|267=2|269=0|269=1|146=1|55=MSFT|");
    const wrongCount = codec.fromJson(md);
    wrongCount.values[wrongCount.tags.indexOf(267)] = "3";
    expect(reasonOf(() => codec.validate(wrongCount))).toMatchObject({
      reason: "GroupCount",
      tag: 267,
      expected: "3 instances of NoMDEntryTypes",
      actual: "2",
    });
    const noDelim = codec.fromJson(md);
    noDelim.tags[noDelim.tags.indexOf(269)] = 55;
    expect(reasonOf(() => codec.validate(noDelim))).toMatchObject({ reason: "GroupDelimiter", tag: 55 });
    const { NoRelatedSym: _, ...withoutSymbols } = md;
    const missingRequired = codec.fromJson(withoutSymbols);
    expect(reasonOf(() => codec.validate(missingRequired))).toMatchObject({
      reason: "RequiredTagMissing",
      tag: 146,
    });
  });

  it("validates 31 of the 67 valid vectors fully; the rest lack header fields or use later MsgTypes, and each reason is a FixError", () => {
    let ok = 0;
    const reasons = new Map<string, number>();
    for (const b of validFix42Vectors()) {
      const r = reasonOf(() => codec.parse(b, { validate: true })).reason;
      if (r === undefined) ok++;
      else reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    expect(ok).toBe(31);
    expect(Object.fromEntries(reasons)).toEqual({
      RequiredTagMissing: 28,
      UnknownMsgType: 6,
      EmptyValue: 1,
      DuplicateTag: 1,
    });
  });
});
