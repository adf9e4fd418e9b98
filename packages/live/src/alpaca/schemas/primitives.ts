import { z } from "zod";

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp as Alpaca sends it (up to nanoseconds, `Z` or a `±hh:mm` offset) to UTC epoch
 * milliseconds, keeping microseconds as the fraction (nanoseconds below a microsecond are truncated, as a float64
 * epoch cannot hold them). Returns NaN when the text is not RFC 3339 or names an impossible date/time.
 *
 * @param text - e.g. `"2022-04-28T14:07:04.451420928-04:00"`.
 * @example
 * parseRfc3339Ms("2022-04-28T18:07:04.451420928Z") // → 1651169224451.42
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 */
export function parseRfc3339Ms(text: string): number {
  const m = RFC3339.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return Number.NaN;
  const whole = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(whole).getUTCDate() !== day) return Number.NaN;
  let offsetMin = 0;
  if (zone !== "Z" && zone !== "z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMin = sign * (oh * 60 + om);
  }
  const micros = frac === undefined ? 0 : Number(frac.padEnd(9, "0").slice(0, 6));
  return whole - offsetMin * 60_000 + Math.floor(micros / 1000) + (micros % 1000) / 1000;
}

/**
 * Formats UTC epoch milliseconds (fractional µs allowed) as RFC 3339 with nine fractional digits and `Z`, the way
 * Alpaca's trading API writes timestamps.
 *
 * @param ms - UTC epoch milliseconds.
 * @param nanosBelowMicro - extra nanoseconds (0–999) to write after the microseconds; default 0.
 * @example
 * formatRfc3339Nanos(1651169224451.42) // → "2022-04-28T18:07:04.451420000Z"
 */
export function formatRfc3339Nanos(ms: number, nanosBelowMicro = 0): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  const base = new Date(whole).toISOString();
  const nanos = `${base.slice(20, 23)}${String(micros).padStart(3, "0")}${String(nanosBelowMicro).padStart(3, "0")}`;
  return `${base.slice(0, 19)}.${nanos}Z`;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal number as Alpaca sends it: a JSON string (`"105.8988475"`, `"-23140.2"`), kept as text for full
 * precision. A plain JSON number is also accepted and turned into its string (the official Python SDK's mocked
 * responses use numbers); anything else fails with "expected a decimal number as a string".
 *
 * @example
 * decimalString.parse("105.8988475") // → "105.8988475"; decimalString.parse(5) // → "5"
 */
export const decimalString = z.union(
  [
    z.string().regex(DECIMAL, "expected a decimal number as a string"),
    z
      .number()
      .finite()
      .transform((n) => String(n)),
  ],
  { error: "expected a decimal number as a string" },
);

/**
 * An RFC 3339 timestamp string (nanoseconds allowed), validated but kept as text; see {@link parseRfc3339Ms}.
 *
 * @example
 * rfc3339String.parse("2022-04-19T17:45:05.024916716Z") // → the same string
 */
export const rfc3339String = z
  .string()
  .refine((s) => !Number.isNaN(parseRfc3339Ms(s)), "expected an RFC 3339 timestamp");

/**
 * A nullable decimal string (absent or `null` when not applicable).
 *
 * @example
 * nullableDecimal.parse(null) // → null
 */
export const nullableDecimal = decimalString.nullable().optional();
/**
 * A nullable RFC 3339 timestamp.
 *
 * @example
 * nullableTimestamp.parse(null) // → null
 */
export const nullableTimestamp = rfc3339String.nullable().optional();

/**
 * Formats a number as an Alpaca decimal string: integers plainly, fractions with up to 9 decimals and no trailing
 * zeros or exponent (`1e-7` → `"0.0000001"`).
 *
 * @example
 * formatDecimal(105.5) // → "105.5"
 */
export function formatDecimal(x: number): string {
  if (x === 0 || Object.is(x, -0)) return "0";
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return String(x);
  const s = x.toFixed(9).replace(/0+$/, "");
  return s.endsWith(".") ? s.slice(0, -1) : s;
}

/**
 * Converts an Alpaca decimal string to a number (`null`/`undefined` → NaN).
 *
 * @example
 * num("105.8988475") // → 105.8988475
 */
export function num(s: string | null | undefined): number {
  return s === null || s === undefined ? Number.NaN : Number(s);
}
