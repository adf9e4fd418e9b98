import type { FixDictionary } from "./fixDictionary.js";
import { type FixJson, fixFromJson, fixToJson } from "./fixJson.js";
import type { FixMessage } from "./fixMessage.js";
import { type FixParseOptions, parseFixBytes } from "./fixParser.js";
import { serializeFix } from "./fixSerializer.js";
import { type FixValidateOptions, validateFix } from "./fixValidator.js";

/** Options of {@link FixCodec.parse}. */
export interface FixCodecParseOptions {
  /** Also run {@link validateFix} (required tags, groups, known tags); default false (framing checks only). */
  readonly validate?: boolean | FixValidateOptions;
  /** Largest message accepted, in bytes (default 1 MiB). */
  readonly maxBytes?: number;
}

/**
 * A FIX codec bound to a data dictionary: parse bytes (or `|`-delimited text) with BodyLength/CheckSum checks and raw
 * data read by length, optional dictionary validation, serialization with computed BodyLength/CheckSum, and
 * conversions to and from plain JSON. Every failure is a {@link FixError}.
 *
 * @example
 * const codec = new FixCodec(loadFixDictionary("packages/live/test-data/fix/FIX42.xml"));
 * codec.serialize(codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|")).length; // → 34
 * @see https://www.onixs.biz/fix-dictionary/4.2/app_b.html
 */
export class FixCodec {
  readonly dictionary: FixDictionary;
  private readonly parseOptions: FixParseOptions;
  constructor(dictionary: FixDictionary) {
    this.dictionary = dictionary;
    this.parseOptions = { dataLengthTag: dictionary.dataLengthTag, lengthDataTag: dictionary.lengthDataTag };
  }

  /**
   * Parses one message.
   *
   * @param input - SOH-delimited bytes, or a string in which `|` stands for SOH (latin1 otherwise).
   * @param options - validation and size bound.
   * @example
   * codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|").get(108); // → "30"
   */
  parse(input: Uint8Array | string, options?: FixCodecParseOptions): FixMessage {
    const bytes = typeof input === "string" ? Buffer.from(input.replaceAll("|", "\x01"), "latin1") : input;
    const opts =
      options?.maxBytes === undefined
        ? this.parseOptions
        : { ...this.parseOptions, maxBytes: options.maxBytes };
    const msg = parseFixBytes(bytes, opts);
    const v = options?.validate;
    if (v) validateFix(msg, this.dictionary, v === true ? undefined : v);
    return msg;
  }

  /**
   * Encodes a message with computed BodyLength and CheckSum.
   *
   * @param msg - the message.
   * @example
   * codec.serialize(codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|")).toString("latin1").length; // → 34
   */
  serialize(msg: FixMessage): Buffer {
    return serializeFix(msg);
  }

  /**
   * Validates a message against the dictionary (see {@link validateFix}).
   *
   * @param msg - the message.
   * @param options - header check and user-defined tag range.
   * @example
   * codec.validate(codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|"), { requireHeader: false }); // → passes
   */
  validate(msg: FixMessage, options?: FixValidateOptions): void {
    validateFix(msg, this.dictionary, options);
  }

  /**
   * Plain JSON view of a message (see {@link fixToJson}).
   *
   * @param msg - the message.
   * @example
   * codec.toJson(codec.parse("8=FIX.4.2|9=12|35=A|108=30|10=026|")); // → { BeginString: "FIX.4.2", MsgType: "A", HeartBtInt: "30" }
   */
  toJson(msg: FixMessage): FixJson {
    return fixToJson(msg, this.dictionary);
  }

  /**
   * Message from plain JSON (see {@link fixFromJson}).
   *
   * @param json - field names to values, groups as arrays.
   * @example
   * codec.fromJson({ BeginString: "FIX.4.2", MsgType: "0" }).msgType; // → "0"
   */
  fromJson(json: unknown): FixMessage {
    return fixFromJson(json, this.dictionary);
  }
}
