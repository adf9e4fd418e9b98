import { z } from "zod";
import { parseWith } from "./errors.js";
import { localToUtcMs, zoneOffsetMs } from "./time.js";

/** The bar timeframes quantkit stores and resamples to, finest first. */
export const TIMEFRAMES = ["1s", "1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w"] as const;

/** A bar timeframe: `1s 1m 5m 15m 30m 1h 4h 1d 1w`. */
export type Timeframe = (typeof TIMEFRAMES)[number];

/** zod schema of a {@link Timeframe}; rejects anything else with the list of valid values. */
export const timeframeSchema = z.enum(TIMEFRAMES);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DURATION_MS: Record<Timeframe, number> = {
  "1s": SECOND,
  "1m": MINUTE,
  "5m": 5 * MINUTE,
  "15m": 15 * MINUTE,
  "30m": 30 * MINUTE,
  "1h": HOUR,
  "4h": 4 * HOUR,
  "1d": DAY,
  "1w": 7 * DAY,
};

/**
 * Parses and validates a timeframe string.
 *
 * @example
 * parseTimeframe("5m") // → "5m"
 * parseTimeframe("7m") // throws ValidationError naming the valid timeframes
 */
export function parseTimeframe(value: unknown): Timeframe {
  return parseWith(timeframeSchema, value, "timeframe");
}

/**
 * Nominal duration of a timeframe in milliseconds (a `1d` bar of a session shorter than 24 h still has a
 * nominal duration of one day; see {@link barCloseTime}).
 *
 * @example
 * timeframeMs("1h") // → 3600000
 */
export function timeframeMs(tf: Timeframe): number {
  return DURATION_MS[tf];
}

/** How a bar's open time is aligned: intraday bars on the clock, daily and weekly bars on a zone's calendar. */
export interface AlignOptions {
  /**
   * IANA time zone whose calendar days (and local clock, for intraday bars) define the buckets.
   * Daily bars of an exchange use the exchange's zone, e.g. `America/New_York` for US equities.
   * @default "UTC"
   */
  timezone?: string;
}

/**
 * Start (open time, UTC epoch ms) of the bar of timeframe `tf` that contains instant `ts`.
 * Intraday buckets are multiples of the duration on the local clock; `1d` buckets start at local midnight;
 * `1w` buckets start on Monday at local midnight (ISO weeks).
 *
 * @example
 * bucketStart(Date.UTC(2024, 0, 2, 14, 37), "15m")                                  // → Date.UTC(2024, 0, 2, 14, 30)
 * bucketStart(Date.UTC(2024, 0, 2, 3, 0), "1d", { timezone: "America/New_York" })  // → Date.UTC(2024, 0, 1, 5, 0)
 */
export function bucketStart(ts: number, tf: Timeframe, options: AlignOptions = {}): number {
  const tz = options.timezone ?? "UTC";
  const d = DURATION_MS[tf];
  if (tz === "UTC") {
    if (tf === "1w") return Math.floor((ts - 4 * DAY) / d) * d + 4 * DAY; // epoch day 0 is a Thursday
    return Math.floor(ts / d) * d;
  }
  const local = ts + zoneOffsetMs(ts, tz);
  if (tf === "1d") return localToUtcMs(Math.floor(local / DAY) * DAY, tz);
  if (tf === "1w") return localToUtcMs(Math.floor((local - 4 * DAY) / d) * d + 4 * DAY, tz);
  return intradayStart(ts, Math.floor(local / d) * d, d, (t) => zoneOffsetMs(t, tz));
}

/**
 * The open time of an intraday bucket in a zone with clock changes: the latest instant ≤ `ts` whose local clock
 * reads `localFloor`. Across a clock change inside the bucket the two candidate offsets are those at `ts` and at
 * `ts − d`; taking the latest valid one keeps every bucket contiguous and makes `bucketStart` idempotent (a bucket
 * that spans a spring-forward is shorter than `d`, one that spans a fall-back may be longer).
 * Shared with fast bucketers that pass their own offset function.
 */
export function intradayStart(
  ts: number,
  localFloor: number,
  d: number,
  offsetAt: (t: number) => number,
): number {
  const offNow = offsetAt(ts);
  const offBefore = offsetAt(ts - d);
  const a = localFloor - offNow;
  if (offNow === offBefore) return a; // no clock change within one bucket length: the common case
  const b = localFloor - offBefore;
  const validA = a <= ts && a + offsetAt(a) === localFloor;
  const validB = b <= ts && b + offsetAt(b) === localFloor;
  if (validA && validB) return Math.max(a, b);
  if (validA) return a;
  if (validB) return b;
  // The local floor does not exist (a spring-forward gap): the bucket starts when the clocks jump, which is when the
  // old offset's local clock reaches the floor.
  return b <= ts ? b : a;
}

/**
 * Start of the bucket that follows the bucket starting at `start`: the next open time on the local grid.
 *
 * @example
 * nextBucketStart(Date.UTC(2024, 0, 2, 14), "1h") // → Date.UTC(2024, 0, 2, 15)
 */
export function nextBucketStart(start: number, tf: Timeframe, options: AlignOptions = {}): number {
  const d = DURATION_MS[tf];
  const tz = options.timezone ?? "UTC";
  if (tz === "UTC") return start + d;
  let probe = start + d;
  let next = bucketStart(probe, tf, options);
  // A fall-back makes local buckets longer than d: step forward until the grid moves past `start`.
  while (next <= start) {
    probe += 15 * 60_000;
    next = bucketStart(probe, tf, options);
  }
  return next;
}

/**
 * The instant a bar becomes known: its open time plus its duration. A backtest may act on a bar only at or after
 * this time; this is how quantkit prevents look-ahead.
 *
 * @example
 * barCloseTime(Date.UTC(2024, 0, 2, 14, 30), "1m") // → Date.UTC(2024, 0, 2, 14, 31)
 */
export function barCloseTime(openTs: number, tf: Timeframe): number {
  return openTs + DURATION_MS[tf];
}

/**
 * Whether bars of `coarse` can be built from bars of `fine` (the coarse bucket is a whole number of fine ones).
 *
 * @example
 * canResample("1m", "1h") // → true
 * canResample("1h", "1m") // → false
 */
export function canResample(fine: Timeframe, coarse: Timeframe): boolean {
  const f = DURATION_MS[fine];
  const c = DURATION_MS[coarse];
  return c >= f && c % f === 0;
}
