import { QuantkitError } from "./errors.js";

/** A point in time as users write it: ISO-8601 string, `Date`, or UTC epoch milliseconds. */
export type TimeInput = string | number | Date;

/**
 * Converts a {@link TimeInput} to UTC epoch milliseconds. ISO strings without an offset are read as UTC
 * (never as the machine's local zone, so results do not depend on where the code runs).
 *
 * @example
 * toEpochMs("2024-01-02") // → 1704153600000
 * toEpochMs(new Date(0))  // → 0
 */
export function toEpochMs(t: TimeInput): number {
  if (typeof t === "number") {
    if (!Number.isFinite(t)) throw new QuantkitError(`Invalid time: expected finite epoch ms, got ${t}`);
    return t;
  }
  if (t instanceof Date) {
    const ms = t.getTime();
    if (Number.isNaN(ms)) throw new QuantkitError("Invalid time: the Date is invalid");
    return ms;
  }
  const s = t.trim();
  // Date-only and offset-less date-times are UTC by our convention.
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : hasZone ? s : `${s.replace(" ", "T")}Z`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new QuantkitError(`Invalid time: expected an ISO-8601 string, got "${t}"`);
  return ms;
}

/**
 * Formats UTC epoch ms as an ISO-8601 string (`…Z`).
 *
 * @example
 * isoUtc(0) // → '1970-01-01T00:00:00.000Z'
 */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Offset of an IANA time zone from UTC at a given instant, in milliseconds (local = UTC + offset).
 * America/New_York in January → -18000000.
 *
 * @example
 * zoneOffsetMs(Date.UTC(2024, 0, 2), "America/New_York") // → -18000000
 */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return 0;
  let fmt = offsetFormatters.get(timeZone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch (cause) {
      throw new QuantkitError(
        `Unknown time zone "${timeZone}": expected an IANA name such as America/New_York`,
        {
          cause,
        },
      );
    }
    offsetFormatters.set(timeZone, fmt);
  }
  const whole = Math.floor(utcMs / 1000) * 1000;
  const parts = fmt.formatToParts(new Date(whole));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - whole;
}

/**
 * Converts a wall-clock time in a zone (given as if it were UTC ms) to the true UTC instant.
 * Resolves DST gaps forward and ambiguous times to the first occurrence.
 *
 * @example
 * localToUtcMs(Date.UTC(2024, 0, 2, 9, 30), "America/New_York") // → Date.UTC(2024, 0, 2, 14, 30)
 */
export function localToUtcMs(localAsUtcMs: number, timeZone: string): number {
  const first = localAsUtcMs - zoneOffsetMs(localAsUtcMs, timeZone);
  const second = localAsUtcMs - zoneOffsetMs(first, timeZone);
  if (second === first) return first;
  const shows = (t: number) => t + zoneOffsetMs(t, timeZone) === localAsUtcMs;
  const okFirst = shows(first);
  const okSecond = shows(second);
  if (okFirst && okSecond) return Math.min(first, second); // ambiguous (fall-back): the first occurrence
  if (okFirst) return first;
  if (okSecond) return second;
  return Math.max(first, second); // in a spring-forward gap: the instant the clocks jump
}
