import {
  bucketStart,
  intradayStart,
  localToUtcMs,
  type Timeframe,
  timeframeMs,
  zoneOffsetMs,
} from "@quantkit/core";

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
    const key = (t: number): number => intradayStart(t, Math.floor((t + offAt(t)) / d) * d, d, offAt);
    return {
      key,
      // The next start on the local grid: a spring-forward makes a bucket shorter than d, a fall-back longer.
      end: (s) => {
        let probe = s + d;
        let next = key(probe);
        while (next <= s) {
          probe += 15 * 60_000;
          next = key(probe);
        }
        return next;
      },
    };
  }
  const starts = new Map<number, number>();
  const toUtc = (localMidnight: number): number => {
    let s = starts.get(localMidnight);
    if (s === undefined) {
      s = localToUtcMs(localMidnight, timezone);
      starts.set(localMidnight, s);
    }
    return s;
  };
  // The current period [lo, hi) in UTC: rows of one day/week hit it with two comparisons.
  let lo = Number.NaN;
  let hi = Number.NaN;
  const key = (t: number): number => {
    if (t >= lo && t < hi) return lo;
    const local = t + offAt(t);
    const localStart =
      tf === "1d" ? Math.floor(local / DAY) * DAY : Math.floor((local - 4 * DAY) / d) * d + 4 * DAY;
    const s = toUtc(localStart);
    lo = s;
    hi = toUtc(localStart + d);
    return s;
  };
  return { key, end: (s) => key(s + 1.5 * d) };
}

interface YearTable {
  readonly from: number;
  readonly to: number;
  /** Instants (UTC ms) from which `offsets[i]` holds; `at[0] === from`. */
  readonly at: number[];
  readonly offsets: number[];
}

const yearTables = new Map<string, Map<number, YearTable>>();

/** The offset changes of `timezone` during UTC year `year`, found by a daily scan refined to 15-minute slots. */
function yearTable(timezone: string, year: number): YearTable {
  let zone = yearTables.get(timezone);
  if (!zone) {
    zone = new Map();
    yearTables.set(timezone, zone);
  }
  let table = zone.get(year);
  if (table) return table;
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const at = [from];
  let prev = zoneOffsetMs(from, timezone);
  const offsets = [prev];
  for (let day = from + DAY; day <= to; day += DAY) {
    const off = zoneOffsetMs(day, timezone);
    if (off === prev) continue;
    // The change happened in (day - DAY, day]: binary search for the first 15-minute slot with the new offset.
    let lo = (day - DAY) / SLOT;
    let hi = day / SLOT;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zoneOffsetMs(mid * SLOT, timezone) === prev) lo = mid;
      else hi = mid;
    }
    if (hi * SLOT < to) {
      at.push(hi * SLOT);
      offsets.push(off);
    }
    prev = off;
  }
  table = { from, to, at, offsets };
  zone.set(year, table);
  return table;
}

/**
 * A fast `zoneOffsetMs(t, timezone)` (local = UTC + offset) for scanning millions of rows: each UTC year's
 * offset changes are found once per process (a daily scan refined to the 15-minute slot; every real transition since
 * 1970 falls on such a boundary and no zone changes offset twice within a day), then each call is a few comparisons.
 * Internal.
 *
 * @param timezone - IANA zone.
 * @example
 * makeOffsetFn("America/New_York")(Date.UTC(2024, 0, 2)) // → -18000000
 */
export function makeOffsetFn(timezone: string): (t: number) => number {
  if (timezone === "UTC" || timezone === "Etc/UTC") return () => 0;
  let table: YearTable | undefined;
  return (t: number): number => {
    if (table === undefined || t < table.from || t >= table.to) {
      table = yearTable(timezone, new Date(t).getUTCFullYear());
    }
    const at = table.at;
    let i = at.length - 1;
    while (t < at[i]!) i--;
    return table.offsets[i]!;
  };
}
