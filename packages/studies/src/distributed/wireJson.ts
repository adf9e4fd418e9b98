/**
 * JSON for study messages that keeps every double exactly: finite numbers travel as JSON numbers (their shortest
 * round-trip form), `NaN`/`±Infinity`/`-0` as `{"$num":"NaN"}` etc., and a `Float64Array` as
 * `{"$f64":"<base64 of its little-endian bytes>"}`. `decodeWire(encodeWire(x))` is deep-equal to `x` bit for bit.
 *
 * @param value - plain data (objects, arrays, strings, numbers, booleans, null, Float64Array).
 * @returns the JSON text.
 * @example
 * encodeWire({ sharpe: Number.NaN, r: new Float64Array([1]) }) // → '{"sharpe":{"$num":"NaN"},"r":{"$f64":"AAAAAAAA8D8="}}'
 * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/JSON/stringify#the_replacer_parameter
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, key: string, v: unknown) {
    // JSON.stringify has already called toJSON; read the raw value from the holder.
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Float64Array) {
      return { $f64: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("base64") };
    }
    if (typeof v === "number") {
      if (Number.isNaN(v)) return { $num: "NaN" };
      if (v === Number.POSITIVE_INFINITY) return { $num: "Infinity" };
      if (v === Number.NEGATIVE_INFINITY) return { $num: "-Infinity" };
      if (Object.is(v, -0)) return { $num: "-0" };
    }
    return v;
  });
}

const NUMS: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
  "-0": -0,
};

/**
 * Parses JSON written by {@link encodeWire}, restoring non-finite numbers, `-0` and `Float64Array`s.
 *
 * @param text - the JSON text (throws `SyntaxError` when it is not JSON).
 * @example
 * decodeWire('{"x":{"$num":"-Infinity"}}') // → { x: -Infinity }
 */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1) {
        if (typeof o.$num === "string" && o.$num in NUMS) return NUMS[o.$num];
        if (typeof o.$f64 === "string") {
          const bytes = Buffer.from(o.$f64, "base64");
          const out = new Float64Array(bytes.byteLength / 8);
          new Uint8Array(out.buffer).set(bytes);
          return out;
        }
      }
    }
    return v;
  });
}
