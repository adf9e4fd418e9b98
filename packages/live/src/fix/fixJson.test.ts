import { ValidationError } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { FixCodec } from "./fixCodec.js";
import { loadFixDictionary } from "./fixDictionary.js";
import { FixError } from "./fixError.js";
import { testDataPath, validFix42Vectors } from "./testData.js";

const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));

describe("fixToJson / fixFromJson", () => {
  it("names fields from the dictionary and keeps values as strings", () => {
    expect(codec.toJson(codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|"))).toEqual({
      BeginString: "FIX.4.2",
      MsgType: "A",
      HeartBtInt: "30",
    });
  });

  it("turns repeating groups into arrays (NewOrderList 35=E with NoOrders=3)", () => {
    const b = validFix42Vectors().find(
      (x) => x.includes("\x0135=E\x01") && x.includes("\x0173=3\x01"),
    ) as Buffer;
    const json = codec.toJson(codec.parse(b));
    expect(json.NoOrders).toEqual([
      { ClOrdID: "A", ListSeqNo: "1", Symbol: "DELL", Side: "1" },
      { ClOrdID: "B", ListSeqNo: "2", Symbol: "LNUX", Side: "2" },
      { ClOrdID: "C", ListSeqNo: "3", Symbol: "RHAT", Side: "3" },
    ]);
  });

  it("round-trips every valid vector that has no duplicate tag: FIX → JSON → FIX gives the same bytes", () => {
    let n = 0;
    for (const b of validFix42Vectors()) {
      const m = codec.parse(b);
      let json: ReturnType<typeof codec.toJson>;
      try {
        json = codec.toJson(m);
      } catch (e) {
        // One vector repeats SenderCompID and Account outside any group: JSON cannot hold it, and says so.
        expect(e).toMatchObject({ reason: "DuplicateTag", tag: 49 });
        continue;
      }
      const back = codec.fromJson(JSON.parse(JSON.stringify(json)));
      back.bodyLengthDigits = m.bodyLengthDigits;
      expect(codec.serialize(back).equals(b)).toBe(true);
      n++;
    }
    expect(n).toBe(66);
  });

  it("writes user-defined tags as Tag<n> and numbers/booleans as FIX text", () => {
    const m = codec.fromJson({
      BeginString: "FIX.4.2",
      MsgType: "D",
      OrderQty: 100,
      PossDupFlag: true,
      Tag9717: "x",
    });
    expect(m.toString()).toBe("8=FIX.4.2|35=D|38=100|43=Y|9717=x|");
    expect(codec.toJson(m).Tag9717).toBe("x");
  });

  it("rejects unknown names, computed fields, a group on a plain field and non-object input", () => {
    expect(() => codec.fromJson({ BeginString: "FIX.4.2", MsgType: "0", Bogus: "1" })).toThrow(
      expect.objectContaining({ reason: "BadJson" }),
    );
    expect(() => codec.fromJson({ BeginString: "FIX.4.2", MsgType: "0", CheckSum: "001" })).toThrow(FixError);
    expect(() => codec.fromJson({ BeginString: "FIX.4.2", MsgType: "0", Symbol: [{}] })).toThrow(
      /repeating group/,
    );
    expect(() => codec.fromJson([1, 2])).toThrow(ValidationError);
    expect(() => codec.fromJson({ BeginString: "FIX.4.2", MsgType: null })).toThrow(ValidationError);
  });
});
