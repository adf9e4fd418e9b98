import { FixError } from "./fixError.js";
import { FixMessage } from "./fixMessage.js";

const SOH_BYTE = 1;
const EQ = 61; // '='
const D0 = 48;
const D9 = 57;

/** Options of {@link parseFixBytes}. */
export interface FixParseOptions {
  /** DATA tag → LENGTH tag (from the dictionary), so raw data containing SOH is read by length. */
  readonly dataLengthTag?: ReadonlyMap<number, number>;
  /** LENGTH tag → DATA tag (the inverse of `dataLengthTag`). */
  readonly lengthDataTag?: ReadonlyMap<number, number>;
  /** Largest message accepted, in bytes (default 1 MiB): bounds memory on hostile input. */
  readonly maxBytes?: number;
}

const NO_DATA: ReadonlyMap<number, number> = new Map();
const NO_FLAGS = new Uint8Array(0);
const flagCache = new WeakMap<ReadonlyMap<number, number>, Uint8Array>();

/** A byte table marking LENGTH tags (tag → 1), cached per map: a typed-array load beats a Map lookup per field. */
function lengthFlags(lengthDataTag: ReadonlyMap<number, number>): Uint8Array {
  let flags = flagCache.get(lengthDataTag);
  if (!flags) {
    flags = new Uint8Array(Math.max(0, ...lengthDataTag.keys()) + 1);
    for (const t of lengthDataTag.keys()) flags[t] = 1;
    flagCache.set(lengthDataTag, flags);
  }
  return flags;
}

function latin1(b: Uint8Array, start: number, end: number): string {
  // Buffer has a native latin1 slice; plain Uint8Arrays go through fromCharCode.
  const buf = b as Uint8Array & { latin1Slice?: (start: number, end: number) => string };
  if (buf.latin1Slice !== undefined) return buf.latin1Slice(start, end);
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

/** Finds the start of the last `\x0110=` field (the CheckSum) after `from`, or -1. */
function findChecksumField(b: Uint8Array, from: number): number {
  for (let i = b.length - 4; i >= from - 1; i--) {
    if (b[i] === SOH_BYTE && b[i + 1] === 49 && b[i + 2] === 48 && b[i + 3] === EQ) return i + 1;
  }
  return -1;
}

/**
 * Parses one complete FIX tag=value message from bytes: checks BeginString (8) first, BodyLength (9) second and
 * equal to the byte count up to CheckSum, CheckSum (10) last, three digits, equal to the byte sum mod 256, MsgType
 * (35) first in the body, every field `tag=value` with a positive integer tag (empty values are kept here and rejected by `validateFix`, as QuickFIX does); raw data fields
 * (a LENGTH tag followed by its DATA tag) are read by length and may contain SOH. Throws {@link FixError} only.
 *
 * @param b - the message bytes, SOH-delimited, exactly one message.
 * @param options - raw-data pairing and size bound.
 * @example
 * parseFixBytes(Buffer.from("8=FIX.4.2\x019=12\x0135=A\x01108=30\x0110=026\x01", "latin1")).get(108); // → "30"
 * @see https://www.onixs.biz/fix-dictionary/4.2/app_b.html
 */
export function parseFixBytes(b: Uint8Array, options?: FixParseOptions): FixMessage {
  const n = b.length;
  const maxBytes = options?.maxBytes ?? 1 << 20;
  if (n > maxBytes)
    throw new FixError({ reason: "TooLarge", expected: `≤ ${maxBytes} bytes`, actual: `${n}` });
  const dataLengthTag = options?.dataLengthTag ?? NO_DATA;
  const isLength = options?.lengthDataTag ? lengthFlags(options.lengthDataTag) : NO_FLAGS;
  // 8=BeginString
  if (n < 2 || b[0] !== 56 || b[1] !== EQ) {
    throw new FixError({
      reason: "BeginString",
      tag: 8,
      position: 0,
      expected: "8=",
      actual: latin1(b, 0, Math.min(n, 2)),
    });
  }
  let p = 2;
  while (p < n && b[p] !== SOH_BYTE) p++;
  if (p >= n || p === 2)
    throw new FixError({ reason: "BeginString", tag: 8, position: 2, actual: latin1(b, 2, p) }, "no value");
  const beginString = latin1(b, 2, p);
  p++;
  // 9=BodyLength
  if (b[p] !== 57 || b[p + 1] !== EQ) {
    throw new FixError({
      reason: "BodyLength",
      tag: 9,
      position: p,
      expected: "9= as the second field",
      actual: latin1(b, p, Math.min(n, p + 3)),
    });
  }
  p += 2;
  const blStart = p;
  let bodyLength = 0;
  while (p < n && b[p] !== SOH_BYTE) {
    const c = b[p] as number;
    if (c < D0 || c > D9 || p - blStart > 9) {
      let e = p;
      while (e < n && b[e] !== SOH_BYTE) e++;
      throw new FixError({
        reason: "BodyLength",
        tag: 9,
        position: blStart,
        expected: "a non-negative integer",
        actual: latin1(b, blStart, e),
      });
    }
    bodyLength = bodyLength * 10 + (c - D0);
    p++;
  }
  if (p >= n || p === blStart)
    throw new FixError({
      reason: "BodyLength",
      tag: 9,
      position: blStart,
      expected: "a non-negative integer",
      actual: latin1(b, blStart, p),
    });
  p++;
  const bodyStart = p;
  const csStart = bodyStart + bodyLength; // where "10=" must begin
  if (
    !(
      csStart + 3 <= n &&
      b[csStart] === 49 &&
      b[csStart + 1] === 48 &&
      b[csStart + 2] === EQ &&
      b[csStart - 1] === SOH_BYTE
    )
  ) {
    const found = findChecksumField(b, bodyStart);
    throw new FixError({
      reason: "BodyLength",
      tag: 9,
      position: blStart,
      expected: `${bodyLength}`,
      actual: found < 0 ? "no CheckSum field" : `${found - bodyStart}`,
    });
  }
  // 10=CheckSum, exactly three digits, then SOH at the end.
  let q = csStart + 3;
  while (q < n && b[q] !== SOH_BYTE) q++;
  // Four independent accumulators let the CPU overlap the loads.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (const last = csStart - 3; i < last; i += 4) {
    s0 += b[i] as number;
    s1 += b[i + 1] as number;
    s2 += b[i + 2] as number;
    s3 += b[i + 3] as number;
  }
  for (; i < csStart; i++) s0 += b[i] as number;
  const sum = s0 + s1 + s2 + s3;
  const computed = sum & 255;
  const declared = latin1(b, csStart + 3, q);
  const expectedCs = computed < 10 ? `00${computed}` : computed < 100 ? `0${computed}` : `${computed}`;
  if (declared !== expectedCs) {
    throw new FixError({
      reason: "CheckSum",
      tag: 10,
      position: csStart,
      expected: expectedCs,
      actual: declared,
    });
  }
  if (q >= n)
    throw new FixError({
      reason: "Truncated",
      tag: 10,
      position: q,
      expected: "SOH after CheckSum",
      actual: "end of input",
    });
  if (q + 1 !== n)
    throw new FixError({
      reason: "Garbled",
      position: q + 1,
      expected: "end of message after CheckSum",
      actual: `${n - q - 1} more bytes`,
    });
  // Body fields.
  const tags: number[] = [];
  const values: string[] = [];
  // One native decode of the body; values are substrings of it (cheaper than one decode per field).
  const text = latin1(b, bodyStart, csStart);
  let lastLengthTag = -1;
  let lastLength = 0;
  p = bodyStart;
  while (p < csStart) {
    const tagStart = p;
    let tag = 0;
    let c = b[p] as number;
    if (c === D0)
      throw new FixError({
        reason: "Garbled",
        position: p,
        expected: "a tag without leading zero",
        actual: latin1(b, p, Math.min(p + 8, csStart)),
      });
    while (c >= D0 && c <= D9 && p - tagStart < 9) {
      tag = tag * 10 + (c - D0);
      c = b[++p] as number;
    }
    if (p === tagStart || c !== EQ) {
      let e = p;
      while (e < csStart && b[e] !== SOH_BYTE) e++;
      throw new FixError({
        reason: "Garbled",
        position: tagStart,
        expected: "tag=value with a numeric tag",
        actual: latin1(b, tagStart, e),
      });
    }
    p++;
    const valueStart = p;
    if (lastLengthTag >= 0 && dataLengthTag.get(tag) === lastLengthTag) {
      p = valueStart + lastLength;
      if (p >= csStart || b[p] !== SOH_BYTE) {
        throw new FixError({
          reason: "DataLength",
          tag,
          position: valueStart,
          expected: `${lastLength} bytes then SOH`,
          actual: p >= csStart ? "data runs past the body" : "no SOH after data",
        });
      }
    } else {
      while (b[p] !== SOH_BYTE) p++; // csStart - 1 is SOH, so this stops inside the body
    }
    const value = text.slice(valueStart - bodyStart, p - bodyStart);
    if (tags.length === 0 && tag !== 35)
      throw new FixError({
        reason: "MsgType",
        tag,
        position: tagStart,
        expected: "35 as the third field",
        actual: `${tag}`,
      });
    tags.push(tag);
    values.push(value);
    lastLengthTag = -1;
    if (tag < isLength.length && isLength[tag] === 1) {
      // A LENGTH value announces the next DATA field's byte count.
      let len = 0;
      let ok = true;
      for (let i = valueStart; i < p; i++) {
        const d = b[i] as number;
        if (d < D0 || d > D9 || i - valueStart > 8) {
          ok = false;
          break;
        }
        len = len * 10 + (d - D0);
      }
      if (ok) {
        lastLengthTag = tag;
        lastLength = len;
      }
    }
    p++;
  }
  if (tags.length === 0)
    throw new FixError({
      reason: "MsgType",
      tag: 35,
      position: bodyStart,
      expected: "35 as the third field",
      actual: "empty body",
    });
  const msg = new FixMessage(beginString, tags, values);
  // Keep a zero-padded BodyLength (e.g. 9=0186) so re-serializing gives the same bytes.
  if (b[blStart] === D0 && bodyStart - 1 - blStart > 1) msg.bodyLengthDigits = bodyStart - 1 - blStart;
  return msg;
}

/**
 * Parses a `|`-delimited rendering of a FIX message (as in logs and test vectors): every `|` becomes SOH.
 *
 * @param text - e.g. `"8=FIX.4.2|9=12|35=A|108=30|10=026|"`.
 * @param options - as for {@link parseFixBytes}.
 * @example
 * parseFixPipe("8=FIX.4.2|9=12|35=A|108=30|10=026|").msgType; // → "A"
 */
export function parseFixPipe(text: string, options?: FixParseOptions): FixMessage {
  return parseFixBytes(Buffer.from(text.replaceAll("|", "\x01"), "latin1"), options);
}
