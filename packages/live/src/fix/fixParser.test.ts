import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FixCodec } from "./fixCodec.js";
import { loadFixDictionary } from "./fixDictionary.js";
import { FixError } from "./fixError.js";
import { FixMessage } from "./fixMessage.js";
import { parseFixBytes } from "./fixParser.js";
import { serializeFix } from "./fixSerializer.js";
import { testDataPath, validFix42Vectors } from "./testData.js";

const dict = loadFixDictionary(testDataPath("fix/FIX42.xml"));
const codec = new FixCodec(dict);
const valid = validFix42Vectors();

/** Parsing must either succeed or throw the codec's FixError; anything else (TypeError, RangeError, hang) fails. */
function parseOrFixError(bytes: Uint8Array, validate: boolean): boolean {
  try {
    codec.parse(bytes, { validate, maxBytes: 4096 });
    return true;
  } catch (e) {
    if (e instanceof FixError) return false;
    throw e;
  }
}

/** Latin1 text without SOH or '=' issues: any byte but SOH. */
const value = fc.string({
  unit: fc.integer({ min: 2, max: 255 }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 24,
});

describe("FIX parser fuzzing (fast-check)", () => {
  it("random bytes: only FixError, never another exception", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (bytes, validate) => {
        parseOrFixError(bytes, validate);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it("random bytes behind a valid 8=FIX.4.2|9=N| prefix: only FixError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(400), (tail, bl) => {
        const prefix = Buffer.from(`8=FIX.4.2\x019=${bl}\x01`, "latin1");
        parseOrFixError(Buffer.concat([prefix, tail]), true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it("mutated valid vectors (byte flips, insertions, deletions, truncations): only FixError, and any accepted mutation re-serializes to itself", () => {
    const mutation = fc.record({
      which: fc.nat(valid.length - 1),
      edits: fc.array(
        fc.record({
          kind: fc.constantFrom("flip", "insert", "delete", "truncate"),
          at: fc.nat(),
          byte: fc.integer({ min: 0, max: 255 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    let accepted = 0;
    fc.assert(
      fc.property(mutation, fc.boolean(), ({ which, edits }, validate) => {
        let b = Array.from(valid[which] as Buffer);
        for (const e of edits) {
          const at = b.length === 0 ? 0 : e.at % b.length;
          if (e.kind === "flip") b[at] = e.byte;
          else if (e.kind === "insert") b.splice(at, 0, e.byte);
          else if (e.kind === "delete") b.splice(at, 1);
          else b = b.slice(0, at);
        }
        const bytes = Buffer.from(b);
        if (parseOrFixError(bytes, validate)) {
          accepted++;
          expect(codec.serialize(codec.parse(bytes)).equals(bytes)).toBe(true);
        }
      }),
      { numRuns: 4000, seed: 1 },
    );
    // A flip inside a value that keeps the checksum is possible but rare: most mutations must be caught.
    expect(accepted).toBeLessThan(400);
  });

  it("rejects an oversized input up front and in bounded time", () => {
    const big = Buffer.alloc(5_000_000, 0x41);
    const t0 = performance.now();
    expect(() => codec.parse(big)).toThrow(expect.objectContaining({ reason: "TooLarge" }));
    expect(performance.now() - t0).toBeLessThan(100);
  });
});

describe("serializeFix / parseFixBytes round trip (fast-check)", () => {
  const field = fc.record({
    tag: fc
      .integer({ min: 1, max: 99999 })
      .filter(
        (t) =>
          t !== 8 &&
          t !== 9 &&
          t !== 10 &&
          t !== 35 &&
          !dict.lengthDataTag.has(t) &&
          !dict.dataLengthTag.has(t),
      ),
    value,
  });
  it("parse(serialize(m)) has the same fields, BodyLength and CheckSum verify, for generated messages", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("FIX.4.2", "FIX.4.4"),
        value,
        fc.array(field, { maxLength: 40 }),
        (begin, msgType, fields) => {
          const m = new FixMessage(
            begin,
            [35, ...fields.map((f) => f.tag)],
            [msgType, ...fields.map((f) => f.value)],
          );
          const bytes = serializeFix(m);
          const back = parseFixBytes(bytes, dict);
          expect(back.beginString).toBe(begin);
          expect(back.tags).toEqual(m.tags);
          expect(back.values).toEqual(m.values);
          expect(serializeFix(back).equals(bytes)).toBe(true);
        },
      ),
      { numRuns: 1000, seed: 3 },
    );
  });

  it("raw data with SOH and '=' inside survives a round trip when framed by its LENGTH field", () => {
    const data = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((u) => Buffer.from(u).toString("latin1"));
    fc.assert(
      fc.property(data, (raw) => {
        const m = new FixMessage("FIX.4.2", [35, 95, 96, 58], ["B", `${raw.length}`, raw, "after"]);
        const back = parseFixBytes(serializeFix(m), dict);
        expect(back.values).toEqual(m.values);
      }),
      { numRuns: 500, seed: 4 },
    );
  });

  it("serializeFix computes BodyLength and CheckSum like the spec example", () => {
    expect(
      serializeFix(new FixMessage("FIX.4.2", [35, 108], ["A", "30"]))
        .toString("latin1")
        .replaceAll("\x01", "|"),
    ).toBe("8=FIX.4.2|9=12|35=A|108=30|10=026|");
    expect(() => serializeFix(new FixMessage("FIX.4.2", [35], ["\u20ac"]))).toThrow(FixError);
  });
});
