import { describe, expect, it } from "vitest";
import { FixDictionaryError, loadFixDictionary, parseFixDictionary } from "./fixDictionary.js";
import { testDataPath } from "./testData.js";

const dict = loadFixDictionary(testDataPath("fix/FIX42.xml"));

describe("loadFixDictionary(FIX42.xml)", () => {
  it("reads the FIX.4.2 fields, header, trailer and the 46 message types", () => {
    expect(dict.beginString).toBe("FIX.4.2");
    expect(dict.messages.size).toBe(46);
    expect(dict.fieldsByTag.get(35)?.name).toBe("MsgType");
    expect(dict.fieldsByTag.get(35)?.values.get("8")).toBe("EXECUTION_REPORT");
    expect(dict.fieldsByName.get("ClOrdID")?.tag).toBe(11);
    expect(dict.messages.get("D")?.name).toBe("NewOrderSingle");
    expect(dict.headerTags.has(49)).toBe(true);
    expect(dict.trailerTags.has(10)).toBe(true);
  });

  it("marks required tags as the XML does (NewOrderSingle requires ClOrdID, HandlInst, Symbol, Side, TransactTime, OrdType)", () => {
    const d = dict.messages.get("D");
    const required = d?.members
      .filter((m) => m.kind === "field" && m.required)
      .map((m) => (m.kind === "field" ? m.tag : 0));
    expect(required).toEqual([11, 21, 55, 54, 60, 40]);
  });

  it("describes repeating groups with their count tag and delimiter (MarketDataRequest NoMDEntryTypes → MDEntryType)", () => {
    const v = dict.messages.get("V");
    const groups = v?.members
      .filter((m) => m.kind === "group")
      .map((m) => (m.kind === "group" ? [m.group.countTag, m.group.delimiter] : []));
    expect(groups).toEqual([
      [267, 269],
      [146, 55],
    ]);
  });

  it("pairs every LENGTH field with its DATA field, including SignatureLength (93) → Signature (89)", () => {
    expect(dict.dataLengthTag.get(96)).toBe(95);
    expect(dict.dataLengthTag.get(89)).toBe(93);
    expect(dict.dataLengthTag.get(365)).toBe(364);
    expect(dict.lengthDataTag.size).toBe(14);
  });

  it("rejects malformed XML and unknown field references with FixDictionaryError", () => {
    expect(() => parseFixDictionary("<fix><header></fix>")).toThrow(FixDictionaryError);
    expect(() =>
      parseFixDictionary(
        "<fix major='4' minor='2'><header><field name='Nope' required='Y'/></header><trailer/><messages/><fields/></fix>",
      ),
    ).toThrow(/unknown field "Nope"/);
  });
});
