import { bucketStart, localToUtcMs, type Timeframe, timeframeMs, zoneOffsetMs } from "@quantkit/core";

const DAY = 86_400_000;
const SLOT = 900_000; // 15 minutes: every modern tz transition happens on a 15-minute UTC boundary

/**
 * Maps instants to bar open times (`key`) and bar open times to the next bar's open time (`end`), equal to
 * `bucketStart` of `@quantkit/core` but memoising time-zone offsets so that millions of rows cost no `Intl` calls.
 * Internal: shared by `resample` and the tick aggregators so both align bars identically.
 */
export interface Bucketer {
  /** Open time of the bar containing `t` (UTC epoch ms). */
  key(t: number): number;
  /** Open time of the bar after the one opening at `start` (its nominal close; see `barCloseTime`). */
  end(start: number): number;
}

/**
 * Builds a {@link Bucketer} for timeframe `tf` aligned in IANA zone `timezone`.
 *
 * @param tf - target timeframe.
 * @param timezone - IANA zone; `"UTC"` (default) takes an arithmetic fast path.
 * @example
 * makeBucketer("1h").key(Date.UTC(2024, 0, 2, 14, 37)) // → Date.UTC(2024, 0, 2, 14)
 * @see bucketStart in `@quantkit/core` (the reference definition; the tests check equality against it)
 */
export function makeBucketer(tf: Timeframe, timezone = "UTC"): Bucketer {
  const d = timeframeMs(tf);
  if (timezone === "UTC" || timezone === "Etc/UTC") {
    if (tf === "1w") {
      return {
        key: (t) => Math.floor((t - 4 * DAY) / d) * d + 4 * DAY,
        end: (s) => s + d,
      };
    }
    return { key: (t) => Math.floor(t / d) * d, end: (s) => s + d };
  }
  // Validate the zone once (throws QuantkitError naming it).
  bucketStart(0, tf, { timezone });
  const offAt = makeOffsetFn(timezone);
  if (tf !== "1d" && tf !== "1w") {
    return {
      key: (t) => {
        const off = offAt(t);
        return Math.floor((t + off) / d) * d - off;
      },
      end: (s) => s + d,
    };
  }
  const starts = new Map<number, number>();
  const key = (t: number): number => {
    const local = t + offAt(t);
    const localStart =
      tf === "1d" ? Math.floor(local / DAY) * DAY : Math.floor((local - 4 * DAY) / d) * d + 4 * DAY;
    let s = starts.get(localStart);
    if (s === undefined) {
      s = localToUtcMs(localStart, timezone);
      starts.set(localStart, s);
    }
    return s;
  };
  return { key, end: (s) => key(s + 1.5 * d) };
}

/**
 * A memoised `zoneOffsetMs(t, timezone)` (local = UTC + offset), cached per 15-minute UTC slot: every time-zone
 * transition since 1970 falls on such a boundary. Internal.
 *
 * @param timezone - IANA zone.
 * @example
 * makeOffsetFn("America/New_York")(Date.UTC(2024, 0, 2)) // → -18000000
 */
export function makeOffsetFn(timezone: string): (t: number) => number {
  if (timezone === "UTC" || timezone === "Etc/UTC") return () => 0;
  const offsets = new Map<number, number>();
  return (t: number): number => {
    const slot = Math.floor(t / SLOT);
    let off = offsets.get(slot);
    if (off === undefined) {
      off = zoneOffsetMs(slot * SLOT, timezone);
      offsets.set(slot, off);
    }
    return off;
  };
}
