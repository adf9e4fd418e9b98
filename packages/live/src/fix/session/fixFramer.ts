import { FixError } from "../fixError.js";

/**
 * Splits a TCP byte stream into FIX messages using BodyLength: each frame is `8=…|9=N|` + N body bytes + `10=xxx|`.
 * Bytes before a `8=` are skipped and reported; a garbled BodyLength skips to the next `8=FIX` (the QuickFIX rule:
 * a message with a bad length is ignored).
 *
 * @example
 * const framer = new FixFramer();
 * framer.push(Buffer.from("8=FIX.4.2\x019=5\x0135=0\x0110=161\x01", "latin1")).length; // → 1
 * @see https://www.fixtrading.org/standards/tagvalue/ (message framing)
 */
export class FixFramer {
  private buf: Buffer = Buffer.alloc(0);
  private readonly maxBytes: number;
  /** Framing problems seen so far (skipped garbage, bad BodyLength), oldest first; the caller may drain it. */
  readonly problems: FixError[] = [];

  /** @param maxBytes - largest frame accepted (default 1 MiB); a longer declared BodyLength is a framing error. */
  constructor(maxBytes = 1 << 20) {
    this.maxBytes = maxBytes;
  }

  /**
   * Appends received bytes and returns every complete frame now available.
   *
   * @param chunk - bytes from the socket.
   * @example
   * new FixFramer().push(Buffer.from("8=FIX.4.2\x01", "latin1")); // → [] (incomplete)
   */
  push(chunk: Uint8Array): Buffer[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      const b = this.buf;
      const start = b.indexOf("8=FIX");
      if (start < 0) {
        // Keep a possible partial "8=FI" at the end.
        const keep = Math.min(b.length, 4);
        if (b.length > keep)
          this.problems.push(
            new FixError({
              reason: "Garbled",
              position: 0,
              expected: "8=FIX",
              actual: `${b.length - keep} stray bytes`,
            }),
          );
        this.buf = b.subarray(b.length - keep);
        return out;
      }
      if (start > 0) {
        this.problems.push(
          new FixError({ reason: "Garbled", position: 0, expected: "8=FIX", actual: `${start} stray bytes` }),
        );
        this.buf = b.subarray(start);
        continue;
      }
      const soh1 = b.indexOf(1);
      if (soh1 < 0) return out;
      if (b.length < soh1 + 3) return out;
      if (b[soh1 + 1] !== 57 || b[soh1 + 2] !== 61) {
        this.skip(soh1, "9= as the second field");
        continue;
      }
      const soh2 = b.indexOf(1, soh1 + 3);
      if (soh2 < 0) {
        if (b.length - soh1 > 12) this.skip(soh1, "a BodyLength");
        return out;
      }
      const text = b.toString("latin1", soh1 + 3, soh2);
      if (!/^\d{1,9}$/.test(text) || Number(text) > this.maxBytes) {
        this.skip(soh1, "a BodyLength", text);
        continue;
      }
      const end = soh2 + 1 + Number(text) + 7;
      if (b.length < end) return out;
      out.push(Buffer.from(b.subarray(0, end)));
      this.buf = b.subarray(end);
    }
  }

  private skip(from: number, expected: string, actual = ""): void {
    this.problems.push(new FixError({ reason: "BodyLength", tag: 9, position: from + 1, expected, actual }));
    const next = this.buf.indexOf("8=FIX", from);
    this.buf = next < 0 ? Buffer.alloc(0) : this.buf.subarray(next);
  }
}
