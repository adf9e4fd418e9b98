import {
  type Bars,
  canResample,
  parseWith,
  type Timeframe,
  type TimeInput,
  timeframeMs,
  timeframeSchema,
  toEpochMs,
  ValidationError,
} from "@quantkit/core";
import { z } from "zod";
import { makeBucketer } from "./bucketer.js";

const timeInput = z.union([z.number(), z.string(), z.date()]);

/** A valid IANA time zone name (checked with `Intl`). */
export const timezoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected an IANA time zone such as America/New_York" },
);

/** zod schema of {@link ResampleOptions}. */
export const resampleOptions = z
  .object({
    timezone: timezoneSchema.optional(),
    includeIncomplete: z.boolean().optional(),
    asOf: timeInput.optional(),
  })
  .strict();

/** Options of {@link resample} and {@link resampleWithReport}. */
export interface ResampleOptions {
  /**
   * IANA zone whose calendar aligns the target bars (daily bars on the exchange's session day, e.g.
   * `America/New_York` for US equities; intraday bars on its local clock). A bar spans `[ts, next bar's ts)`; with
   * `4h` bars in a zone with DST, the bar open when the clocks change keeps its nominal 4 hours of UTC time.
   * @default "UTC"
   */
  timezone?: string;
  /**
   * Keep the trailing bar even when its bucket is not complete at `asOf` (it is then flagged in the report).
   * @default false
   */
  includeIncomplete?: boolean;
  /**
   * The instant up to which the source data is known to be complete. A target bar is complete when its nominal
   * close (`barCloseTime`) is at or before `asOf`.
   * @default the close time of the last source bar (`ts + duration` of its timeframe). When chaining resamples
   * (1m → 5m → 1h), pass the first stage's `asOf` to the later ones: an intermediate stage that left out its
   * trailing bar would otherwise move the cut-off back.
   */
  asOf?: TimeInput;
}

/** What {@link resampleWithReport} did with the trailing, possibly incomplete bucket. */
export interface IncompleteBar {
  /** Open time of the trailing target bar (UTC epoch ms). */
  readonly ts: number;
  /** Its nominal close time (UTC epoch ms), after `asOf`. */
  readonly closeTime: number;
  /** Source rows `[firstRow, lastRow]` (0-based, inclusive) that fell into it. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** True when it is the last bar of `bars` (`includeIncomplete: true`), false when it was left out. */
  readonly included: boolean;
}

/** The result of {@link resampleWithReport}. */
export interface ResampleResult {
  readonly bars: Bars;
  /** The trailing incomplete bar, or `null` when the last bucket is complete (or there is no data). */
  readonly incomplete: IncompleteBar | null;
  /** The completeness cut-off used (UTC epoch ms). */
  readonly asOf: number;
}

/**
 * Resamples bars to a coarser timeframe with OHLCV semantics (first open, max high, min low, last close, summed
 * volume); the trailing bucket is left out unless it is complete at `asOf` (see {@link resampleWithReport} to know
 * what was left out). Rows must have strictly increasing `ts` (a {@link ValidationError} names the first row that
 * does not); a NaN in any source row of a bucket makes that bucket's value NaN.
 *
 * @param bars - source bars; `bars.timeframe` must divide `timeframe` (`canResample`).
 * @param timeframe - target timeframe (`1s 1m 5m 15m 30m 1h 4h 1d 1w`).
 * @param options - {@link ResampleOptions}: `timezone` (default UTC), `includeIncomplete` (default false), `asOf`.
 * @returns new bars (the input is untouched), `ts` = bucket open time from `bucketStart`.
 * @example
 * // 120 one-minute bars from 14:00 UTC → two complete 1h bars
 * resample(minuteBars, "1h").length // → 2
 * // 90 one-minute bars from 14:00 → one complete bar; the 15:00 bar is incomplete and excluded
 * resample(sliceBars(minuteBars, 0, 90), "1h").length // → 1
 * @see https://pandas.pydata.org/docs/reference/api/pandas.core.resample.Resampler.ohlc.html (the same OHLC rule)
 */
export function resample(bars: Bars, timeframe: Timeframe, options: ResampleOptions = {}): Bars {
  return resampleWithReport(bars, timeframe, options).bars;
}

/**
 * {@link resample}, also returning what happened to the trailing incomplete bucket (excluded, or included and
 * flagged) and the `asOf` cut-off used.
 *
 * @param bars - source bars with strictly increasing `ts`.
 * @param timeframe - target timeframe.
 * @param options - {@link ResampleOptions}.
 * @example
 * const r = resampleWithReport(sliceBars(minuteBars, 0, 90), "1h", { includeIncomplete: true });
 * r.bars.length        // → 2
 * r.incomplete?.included // → true (the 15:00 bar has only 30 of its 60 minutes)
 * @see resample
 */
export function resampleWithReport(
  bars: Bars,
  timeframe: Timeframe,
  options: ResampleOptions = {},
): ResampleResult {
  const tf = parseWith(timeframeSchema, timeframe, "resample timeframe");
  const opts = parseWith(resampleOptions, options, "resample options");
  if (!canResample(bars.timeframe, tf)) {
    throw new ValidationError("resample timeframe", [
      {
        path: "timeframe",
        message: `cannot build ${tf} bars from ${bars.timeframe} bars: expected a whole multiple of ${bars.timeframe}`,
      },
    ]);
  }
  const n = bars.length;
  const { ts, open, high, low, close, volume } = bars;
  const b = makeBucketer(tf, opts.timezone ?? "UTC");
  const key = b.key;

  // Pass 1: validate order and count buckets (reads ts only). A bucket [k, end(k)) opens at the first row at or
  // after the previous bucket's end, so rows inside a bucket cost one comparison (no division, no zone lookup).
  const end = b.end;
  let count = 0;
  let prev = Number.NEGATIVE_INFINITY;
  let curEnd = Number.NEGATIVE_INFINITY;
  let lastKey = 0;
  let lastRow = 0;
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    if (!(t > prev)) {
      const what = Number.isNaN(t)
        ? "NaN"
        : t === prev
          ? "a duplicate of the previous row"
          : "earlier than the previous row";
      throw new ValidationError("bars to resample", [
        { path: `row ${i}.ts`, message: `expected strictly increasing timestamps, got ${what} (${t})` },
      ]);
    }
    prev = t;
    if (t >= curEnd) {
      lastKey = key(t);
      curEnd = end(lastKey);
      lastRow = i;
      count++;
    }
  }

  const asOf =
    opts.asOf === undefined
      ? n > 0
        ? ts[n - 1]! + timeframeMs(bars.timeframe)
        : Number.NaN
      : toEpochMs(opts.asOf);
  let incomplete: IncompleteBar | null = null;
  let keep = count;
  if (count > 0 && !(curEnd <= asOf)) {
    const included = opts.includeIncomplete === true;
    incomplete = { ts: lastKey, closeTime: curEnd, firstRow: lastRow, lastRow: n - 1, included };
    if (!included) keep = count - 1;
  }

  const oTs = new Float64Array(keep);
  const o = new Float64Array(keep);
  const h = new Float64Array(keep);
  const l = new Float64Array(keep);
  const c = new Float64Array(keep);
  const v = new Float64Array(keep);
  // Pass 2: fold the rows of each bucket, keeping the running high/low/close/volume in locals.
  let i = 0;
  for (let j = 0; j < keep; j++) {
    const k = key(ts[i]!);
    const e = end(k);
    oTs[j] = k;
    o[j] = open[i]!;
    let hh = high[i]!;
    let ll = low[i]!;
    let cc = close[i]!;
    let vv = volume[i]!;
    for (i++; i < n && ts[i]! < e; i++) {
      const hi = high[i]!;
      if (hi > hh || Number.isNaN(hi)) hh = hi;
      const lo = low[i]!;
      if (lo < ll || Number.isNaN(lo)) ll = lo;
      cc = close[i]!;
      vv += volume[i]!;
    }
    h[j] = hh;
    l[j] = ll;
    c[j] = cc;
    v[j] = vv;
  }
  return {
    bars: {
      symbol: bars.symbol,
      timeframe: tf,
      length: keep,
      ts: oTs,
      open: o,
      high: h,
      low: l,
      close: c,
      volume: v,
    },
    incomplete,
    asOf,
  };
}
