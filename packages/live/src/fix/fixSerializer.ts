import { FixError } from "./fixError.js";
import type { FixMessage } from "./fixMessage.js";

function digits(n: number): number {
  return n < 10
    ? 1
    : n < 100
      ? 2
      : n < 1000
        ? 3
        : n < 10000
          ? 4
          : n < 100000
            ? 5
            : n < 1000000
              ? 6
              : `${n}`.length;
}

/** Writes `n` as `width` decimal digits (zero-padded) and returns the sum of the bytes written. */
function writeInt(buf: Uint8Array, pos: number, n: number, width: number): number {
  let sum = 0;
  for (let i = pos + width - 1; i >= pos; i--) {
    const d = 48 + (n % 10);
    buf[i] = d;
    sum += d;
    n = (n / 10) | 0;
  }
  return sum;
}

/**
 * The body length (bytes between BodyLength's SOH and CheckSum's `10=`) of a message, in bytes.
 *
 * @param msg - the message; values are latin1 (one char per byte).
 * @example
 * fixBodyLength(new FixMessage("FIX.4.2", [35, 108], ["A", "30"])); // → 12
 */
export function fixBodyLength(msg: FixMessage): number {
  const { tags, values } = msg;
  let len = 0;
  for (let i = 0; i < tags.length; i++) len += digits(tags[i] as number) + 2 + (values[i] as string).length;
  return len;
}

/**
 * Serializes a message to FIX tag=value bytes: `8=BeginString`, `9=BodyLength` computed, the body fields in order,
 * and `10=CheckSum` (byte sum mod 256, three digits); BodyLength is zero-padded to `msg.bodyLengthDigits`. Output is byte-identical to a canonical input message.
 *
 * @param msg - the message to encode.
 * @example
 * serializeFix(new FixMessage("FIX.4.2", [35, 108], ["A", "30"])).toString("latin1").replaceAll("\x01", "|");
 * // → "8=FIX.4.2|9=12|35=A|108=30|10=026|"
 * @see https://www.onixs.biz/fix-dictionary/4.2/app_b.html
 */
export function serializeFix(msg: FixMessage): Buffer {
  const { tags, values, beginString } = msg;
  const bodyLength = fixBodyLength(msg);
  const blDigits = Math.max(digits(bodyLength), msg.bodyLengthDigits);
  const total = 2 + beginString.length + 1 + 2 + blDigits + 1 + bodyLength + 7;
  const buf = Buffer.allocUnsafe(total);
  let p = 0;
  let sum = 56 + 61 + 1 + 57 + 61 + 1; // "8=", SOH, "9=", SOH
  buf[p++] = 56;
  buf[p++] = 61;
  for (let i = 0; i < beginString.length; i++) {
    const c = beginString.charCodeAt(i);
    sum += c;
    buf[p++] = c;
  }
  buf[p++] = 1;
  buf[p++] = 57;
  buf[p++] = 61;
  sum += writeInt(buf, p, bodyLength, blDigits);
  p += blDigits;
  buf[p++] = 1;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as number;
    if (!(tag > 0 && Number.isInteger(tag)))
      throw new FixError({ reason: "Garbled", tag, expected: "a positive integer tag", actual: `${tag}` });
    const w = digits(tag);
    sum += writeInt(buf, p, tag, w) + 61 + 1;
    p += w;
    buf[p++] = 61;
    const v = values[i] as string;
    for (let j = 0; j < v.length; j++) {
      const c = v.charCodeAt(j);
      if (c > 255)
        throw new FixError({
          reason: "Garbled",
          tag,
          expected: "latin1 characters (one byte each)",
          actual: `U+${c.toString(16)}`,
        });
      sum += c;
      buf[p++] = c;
    }
    buf[p++] = 1;
  }
  buf[p++] = 49;
  buf[p++] = 48;
  buf[p++] = 61;
  writeInt(buf, p, sum & 255, 3);
  p += 3;
  buf[p] = 1;
  return buf;
}
