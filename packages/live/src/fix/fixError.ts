import { QuantkitError } from "@quantkit/core";

/** Why a FIX message was rejected; each reason names one rule of the FIX 4.2 tag=value encoding or dictionary. */
export type FixErrorReason =
  | "BeginString"
  | "BodyLength"
  | "CheckSum"
  | "Garbled"
  | "EmptyValue"
  | "MsgType"
  | "Truncated"
  | "DataLength"
  | "RequiredTagMissing"
  | "UnknownMsgType"
  | "TagNotDefined"
  | "DuplicateTag"
  | "GroupCount"
  | "GroupDelimiter"
  | "TooLarge"
  | "BadJson";

/** Where and why a FIX message failed: the rule, the tag, the byte offset and the expected vs actual values. */
export interface FixErrorDetails {
  readonly reason: FixErrorReason;
  /** The offending tag, when one is known. */
  readonly tag?: number;
  /** Byte offset in the input where the problem was found. */
  readonly position?: number;
  /** What the rule expected (e.g. the declared BodyLength, the computed CheckSum). */
  readonly expected?: string;
  /** What the message actually contains. */
  readonly actual?: string;
}

/**
 * The one error type the FIX codec throws on bad input: it carries a machine-readable `reason`, the `tag`, the byte
 * `position`, and the `expected` vs `actual` values, so a session can build a Reject and a test can assert exactly.
 *
 * @example
 * new FixError({ reason: "CheckSum", tag: 10, position: 59, expected: "218", actual: "000" }).message;
 * // → "FIX CheckSum: tag 10 at byte 59: expected 218, got 000"
 * @see https://www.onixs.biz/fix-dictionary/4.2/app_b.html (CheckSum and BodyLength definitions)
 */
export class FixError extends QuantkitError implements FixErrorDetails {
  override name = "FixError";
  readonly reason: FixErrorReason;
  readonly tag?: number;
  readonly position?: number;
  readonly expected?: string;
  readonly actual?: string;
  constructor(details: FixErrorDetails, note?: string) {
    const where = [
      details.tag !== undefined ? `tag ${details.tag}` : "",
      details.position !== undefined ? `at byte ${details.position}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    const what =
      details.expected !== undefined || details.actual !== undefined
        ? `expected ${details.expected ?? "?"}, got ${details.actual ?? "?"}`
        : "";
    super(
      `FIX ${details.reason}${where ? `: ${where}` : ""}${what ? `: ${what}` : ""}${note ? ` (${note})` : ""}`,
    );
    this.reason = details.reason;
    if (details.tag !== undefined) this.tag = details.tag;
    if (details.position !== undefined) this.position = details.position;
    if (details.expected !== undefined) this.expected = details.expected;
    if (details.actual !== undefined) this.actual = details.actual;
  }
}
