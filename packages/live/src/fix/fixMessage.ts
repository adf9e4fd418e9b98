/** SOH, the FIX field delimiter (byte 0x01). */
export const SOH = "\x01";

/**
 * A FIX message as its ordered body fields (everything between BodyLength and CheckSum), plus BeginString.
 * Values are latin1 strings, one char per byte, so raw data with SOH or 8-bit bytes survives a round trip.
 * BodyLength (9) and CheckSum (10) are not stored: the serializer computes them.
 *
 * @example
 * const m = new FixMessage("FIX.4.2", [35, 108], ["A", "30"]);
 * m.get(108); // → "30"
 * @see https://www.fixtrading.org/standards/tagvalue/ (tag=value encoding)
 */
export class FixMessage {
  readonly beginString: string;
  /** Tags in wire order (MsgType first). */
  readonly tags: number[];
  /** Values aligned with `tags`. */
  readonly values: string[];
  /** Minimum digits of BodyLength when serialized (a parsed `9=0186` keeps its zero padding); default 1. */
  bodyLengthDigits = 1;
  constructor(beginString: string, tags: number[], values: string[]) {
    this.beginString = beginString;
    this.tags = tags;
    this.values = values;
  }

  /** MsgType (tag 35), or "" when absent. */
  get msgType(): string {
    return this.tags[0] === 35 ? (this.values[0] as string) : (this.get(35) ?? "");
  }

  /**
   * The value of the first occurrence of `tag`, or undefined.
   *
   * @param tag - the FIX tag number.
   * @example
   * new FixMessage("FIX.4.2", [35, 112], ["1", "T"]).get(112); // → "T"
   */
  get(tag: number): string | undefined {
    const i = this.tags.indexOf(tag);
    return i < 0 ? undefined : this.values[i];
  }

  /**
   * Sets the first occurrence of `tag` to `value`, or appends the field when absent.
   *
   * @param tag - the FIX tag number.
   * @param value - the new value (latin1 string).
   * @example
   * new FixMessage("FIX.4.2", [35], ["0"]).set(34, "2").get(34); // → "2"
   */
  set(tag: number, value: string): this {
    const i = this.tags.indexOf(tag);
    if (i < 0) {
      this.tags.push(tag);
      this.values.push(value);
    } else this.values[i] = value;
    return this;
  }

  /** The body fields as `tag=value|…` with `|` for SOH, for logs and tests (raw data is shown as is). */
  toString(): string {
    let s = `8=${this.beginString}|`;
    for (let i = 0; i < this.tags.length; i++) s += `${this.tags[i]}=${this.values[i]}|`;
    return s;
  }
}
