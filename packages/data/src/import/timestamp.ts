import { localToUtcMs, QuantkitError, zoneOffsetMs } from "@quantkit/core";

/**
 * How a source file writes its timestamps: ISO-like text (`2024-01-02`, `2024-01-02 09:30:00.123456`,
 * `…T…Z`, `…+01:00`, and HistData's `20240102 093000123`), or a number since the Unix epoch in seconds,
 * milliseconds, microseconds or nanoseconds. `auto` picks the epoch unit from the magnitude
 * (< 1e11 s, < 1e14 ms, < 1e17 µs, else ns) and reads anything else as text.
 */
export type TimestampUnit = "iso" | "s" | "ms" | "us" | "ns" | "auto";

/** The list of {@link TimestampUnit}s, for zod schemas. */
export const TIMESTAMP_UNITS = ["iso", "s", "ms", "us", "ns", "auto"] as const;

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]?(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const HISTDATA = /^(\d{4})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})(\d{3})$/;
const FIXED = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * A parsed source time zone: `UTC`, a fixed offset (`+01:00`, `-05:00`, `UTC-5`) or an IANA name
 * (`America/New_York`; `Etc/GMT+5` is EST without daylight saving, as in HistData files).
 */
export interface SourceZone {
  /** UTC epoch µs of a local wall-clock time given as if it were UTC µs. */
  toUtcUs(localUs: number): number;
}

/**
 * Parses a source time zone name.
 *
 * @param tz - `UTC`, `±HH:MM`, `UTC±H` or an IANA zone. Default UTC.
 * @example
 * sourceZone("-05:00").toUtcUs(0) // → 18000000000 (5 h later in UTC)
 */
export function sourceZone(tz = "UTC"): SourceZone {
  if (tz === "UTC" || tz === "Z" || tz === "Etc/UTC" || tz === "GMT") return { toUtcUs: (u) => u };
  const m = FIXED.exec(tz);
  if (m) {
    const off = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60) * 1e6;
    return { toUtcUs: (u) => u - off };
  }
  zoneOffsetMs(0, tz); // throws a QuantkitError naming an unknown zone
  return {
    toUtcUs(localUs) {
      const wholeMs = Math.floor(localUs / 1000);
      return localToUtcMs(wholeMs, tz) * 1000 + (localUs - wholeMs * 1000);
    },
  };
}

function fractionUs(frac: string | undefined): number {
  if (!frac) return 0;
  return Number(frac.length >= 6 ? frac.slice(0, 6) : frac.padEnd(6, "0"));
}

function offsetUs(z: string): number {
  if (z === "Z" || z === "z") return 0;
  const sign = z[0] === "-" ? -1 : 1;
  const digits = z.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60) * 1e6;
}

/**
 * Parses date-time text into UTC epoch µs (an exact integer), or NaN when it is not a date-time. Text without an
 * offset is wall-clock time in `zone`; text with `Z` or `±HH:MM` ignores `zone`. Digits beyond µs are truncated.
 *
 * @param text - e.g. `2021-12-31 23:01:00.000000`, `2013-01-01 22:00:00.295000+00:00`, `20200101 170000065`.
 * @param zone - source zone of offset-less text.
 * @example
 * parseIsoUs("1970-01-01 00:00:01.5", sourceZone()) // → 1500000
 */
export function parseIsoUs(text: string, zone: SourceZone): number {
  let m = ISO.exec(text);
  let zoneText: string | undefined;
  let frac: string | undefined;
  if (m) {
    zoneText = m[8];
    frac = m[7];
  } else {
    m = HISTDATA.exec(text);
    if (!m) return Number.NaN;
    frac = m[7];
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const s = Number(m[6] ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return Number.NaN;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(ms).getUTCDate() !== d) return Number.NaN; // e.g. 2023-02-30
  const local = ms * 1000 + fractionUs(frac);
  return zoneText !== undefined ? local - offsetUs(zoneText) : zone.toUtcUs(local);
}

/**
 * Parses one timestamp field into UTC epoch milliseconds (fractions keep µs), or NaN when it cannot be read.
 *
 * @param text - the field as written in the file.
 * @param unit - see {@link TimestampUnit}.
 * @param zone - source zone of offset-less text (epoch numbers are UTC by definition).
 * @example
 * parseTimestampMs("1582329602111000", "us", sourceZone()) // → 1582329602111
 * parseTimestampMs("2024-01-02", "iso", sourceZone("America/New_York")) // → 1704171600000
 */
export function parseTimestampMs(text: string, unit: TimestampUnit, zone: SourceZone): number {
  if (unit === "iso") return parseIsoUs(text, zone) / 1000;
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    return unit === "auto" ? parseIsoUs(text, zone) / 1000 : Number.NaN;
  }
  let u: Exclude<TimestampUnit, "iso" | "auto"> = unit === "auto" ? "s" : unit;
  if (unit === "auto") {
    const a = Math.abs(Number(text));
    u = a < 1e11 ? "s" : a < 1e14 ? "ms" : a < 1e17 ? "us" : "ns";
  }
  switch (u) {
    case "s":
      return Math.round(Number(text) * 1e6) / 1000;
    case "ms":
      return Math.round(Number(text) * 1000) / 1000;
    case "us":
      return Math.round(Number(text)) / 1000;
    case "ns": {
      // 19-digit nanoseconds exceed 2^53: truncate to µs on the text, then divide once.
      const int = text.split(".")[0]!;
      const neg = int.startsWith("-");
      const digits = neg ? int.slice(1) : int;
      const us = digits.length > 3 ? Number(digits.slice(0, -3)) : 0;
      return ((neg ? -1 : 1) * us) / 1000;
    }
  }
}

/**
 * Throws unless `tz` is a usable source zone; returns it.
 *
 * @example
 * checkZone("Etc/GMT+5") // → "Etc/GMT+5"
 */
export function checkZone(tz: string): string {
  try {
    sourceZone(tz);
  } catch (cause) {
    throw new QuantkitError(`Unknown time zone "${tz}": expected UTC, ±HH:MM or an IANA name`, { cause });
  }
  return tz;
}
