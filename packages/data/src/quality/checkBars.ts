import { type Bars, isoUtc, localToUtcMs, parseWith, type Timeframe, timeframeMs } from "@quantkit/core";
import { z } from "zod";
import { makeOffsetFn } from "../resample/bucketer.js";
import { timezoneSchema } from "../resample/resample.js";

const DAY = 86_400_000;
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, { message: 'expected "HH:MM" (24-hour local time)' });

/** zod schema of {@link CheckBarsOptions}. */
export const checkBarsOptions = z
  .object({
    calendar: z.enum(["continuous", "weekdays", "none"]).optional(),
    timezone: timezoneSchema.optional(),
    session: z.object({ open: hhmm, close: hhmm }).strict().optional(),
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected YYYY-MM-DD" })).optional(),
    outlierThreshold: z.number().positive().optional(),
    staleRun: z.number().int().min(2).optional(),
  })
  .strict();

/** Options of {@link checkBars}. */
export interface CheckBarsOptions {
  /**
   * Which bar open times are expected, for gap detection:
   * - `"continuous"`: every bar of the timeframe (24/7 markets; weekly bars);
   * - `"weekdays"`: Monday–Friday in `timezone`, minus `holidays`, and for intraday bars only within `session`;
   * - `"none"`: no gap check.
   * @default "weekdays" for `1d` bars, `"continuous"` otherwise
   */
  calendar?: "continuous" | "weekdays" | "none";
  /** IANA zone of the calendar's days and session hours. @default "UTC" */
  timezone?: string;
  /** Local session hours `[open, close)` for intraday bars under `"weekdays"`, e.g. `{ open: "09:30", close: "16:00" }`. @default the whole day */
  session?: { open: string; close: string };
  /** Exchange holidays (`YYYY-MM-DD`, local dates) not expected under `"weekdays"`. @default [] */
  holidays?: string[];
  /**
   * Modified z-score (0.6745 · (r − median) / MAD of close-to-close log returns) above which a return is an outlier.
   * Iglewicz & Hoaglin suggest 3.5 for normal data; returns have fat tails, hence a higher default.
   * @default 10
   */
  outlierThreshold?: number;
  /** Minimum number of identical consecutive closes reported as a stale run. @default 5 for `1d`/`1w`, 20 intraday */
  staleRun?: number;
}

/** A stretch of expected bars missing between two consecutive rows. */
export interface Gap {
  /** The rows around the gap (0-based): `afterRow` is the last bar before it, `beforeRow` the first after. */
  readonly afterRow: number;
  readonly beforeRow: number;
  /** Open times of the first and last missing bar (UTC epoch ms). */
  readonly from: number;
  readonly to: number;
  /** Number of expected bars missing. */
  readonly missing: number;
}

/** One OHLC inconsistency of one row. */
export interface OhlcIssue {
  readonly row: number;
  readonly problem: "high < max(open, close)" | "low > min(open, close)" | "high < low";
}

/** A value problem in one column of one row. */
export interface ColumnIssue {
  readonly row: number;
  readonly column: "ts" | "open" | "high" | "low" | "close" | "volume";
}

/** A close-to-close log return whose modified z-score exceeds the threshold (`row` is the later bar). */
export interface Outlier {
  readonly row: number;
  readonly ret: number;
  readonly z: number;
}

/** A run of identical consecutive closes, rows `[startRow, endRow]` inclusive. */
export interface StaleRun {
  readonly startRow: number;
  readonly endRow: number;
  readonly length: number;
  readonly value: number;
}

/** The kinds of issue a {@link QualityReport} lists, in the order of its summary. */
export const QUALITY_CHECKS = [
  "duplicates",
  "nonMonotonic",
  "nan",
  "nonPositive",
  "negativeVolume",
  "ohlc",
  "gaps",
  "outliers",
  "staleRuns",
] as const;

/**
 * The findings of {@link checkBars}: one list per check, every entry carrying its 0-based row numbers. Nothing is
 * fixed or dropped; `summary()` (also `toString()` and the Node/tslab inspector) prints a readable table.
 */
export class QualityReport {
  /** Rows whose `ts` repeats an earlier row's. */
  readonly duplicates: number[] = [];
  /** Rows whose `ts` is earlier than the previous row's. */
  readonly nonMonotonic: number[] = [];
  /** NaN values, by row and column. */
  readonly nan: ColumnIssue[] = [];
  /** Prices ≤ 0, by row and column. */
  readonly nonPositive: ColumnIssue[] = [];
  /** Rows with volume < 0. */
  readonly negativeVolume: number[] = [];
  /** OHLC inconsistencies (a row can have several). */
  readonly ohlc: OhlcIssue[] = [];
  /** Missing bars against the expected calendar. */
  readonly gaps: Gap[] = [];
  /** Return outliers by robust (median/MAD) z-score. */
  readonly outliers: Outlier[] = [];
  /** Runs of identical closes. */
  readonly staleRuns: StaleRun[] = [];

  constructor(
    readonly symbol: string,
    readonly timeframe: Timeframe,
    /** Number of rows checked. */
    readonly rows: number,
    /** First and last `ts` (UTC epoch ms; NaN when empty). */
    readonly first: number,
    readonly last: number,
    /** The calendar used for gaps. */
    readonly calendar: "continuous" | "weekdays" | "none",
    /** The zone of the calendar; the summary prints local times in it. */
    readonly timezone: string = "UTC",
  ) {}

  /** True when every check passed. */
  get ok(): boolean {
    return QUALITY_CHECKS.every((k) => this[k].length === 0);
  }

  /**
   * A plain-text table: one line per check with a count and the first rows.
   *
   * @example
   * checkBars(bars).summary()
   * // → "Quality of SPY 1d: 250 rows, 2012-01-03 → 2012-12-31 (rows are 0-based)\n  ok    duplicates …"
   */
  summary(): string {
    const off = makeOffsetFn(this.timezone);
    const dateOnly = this.timeframe === "1d" || this.timeframe === "1w";
    const day = (t: number) => {
      if (!Number.isFinite(t)) return "–";
      const iso = isoUtc(t + off(t));
      return dateOnly ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
    };
    const list = <T>(xs: readonly T[], f: (x: T) => string, max = 5) =>
      xs.slice(0, max).map(f).join(", ") + (xs.length > max ? `, … (+${xs.length - max} more)` : "");
    const lines: [string, number, string][] = [
      ["duplicates", this.duplicates.length, list(this.duplicates, String)],
      ["non-monotonic ts", this.nonMonotonic.length, list(this.nonMonotonic, String)],
      ["NaN values", this.nan.length, list(this.nan, (x) => `${x.row} ${x.column}`)],
      ["prices <= 0", this.nonPositive.length, list(this.nonPositive, (x) => `${x.row} ${x.column}`)],
      ["negative volume", this.negativeVolume.length, list(this.negativeVolume, String)],
      ["OHLC inconsistent", this.ohlc.length, list(this.ohlc, (x) => `${x.row} ${x.problem}`, 3)],
      [
        `gaps (${this.calendar})`,
        this.gaps.length,
        (this.gaps.length > 0 ? `${this.gaps.reduce((a, g) => a + g.missing, 0)} bars missing: ` : "") +
          list(
            this.gaps,
            (g) =>
              `${day(g.from)}${g.missing > 1 ? ` → ${day(g.to)}` : ""} (${g.missing}, rows ${g.afterRow}–${g.beforeRow})`,
            3,
          ),
      ],
      ["return outliers", this.outliers.length, list(this.outliers, (o) => `${o.row} (z=${o.z.toFixed(1)})`)],
      [
        "stale runs",
        this.staleRuns.length,
        list(this.staleRuns, (s) => `${s.startRow}–${s.endRow} (${s.length}× ${s.value})`, 3),
      ],
    ];
    const head = `Quality of ${this.symbol} ${this.timeframe}: ${this.rows} rows, ${day(this.first)} → ${day(this.last)} (rows are 0-based${this.timezone === "UTC" ? "" : `, times in ${this.timezone}`})${this.ok ? " — all checks passed" : ""}`;
    return [
      head,
      ...lines.map(([name, n, detail]) =>
        `  ${n === 0 ? "ok  " : "FAIL"}  ${name.padEnd(20)} ${String(n).padStart(6)}  ${detail}`.trimEnd(),
      ),
    ].join("\n");
  }

  /** Same as {@link QualityReport.summary}. */
  toString(): string {
    return this.summary();
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.summary();
  }
}

/**
 * Checks bars for data-quality problems and reports each with its 0-based row numbers: duplicate and
 * non-monotonic timestamps, NaN, non-positive prices, negative volume, OHLC inconsistencies (high < max(open,
 * close), low > min(open, close), high < low), gaps against the expected calendar, return outliers (modified
 * z-score of log returns, median/MAD) and stale runs of identical closes. Reports only; never changes the data.
 *
 * @param bars - the bars to check (any order; unsorted rows are reported, not sorted).
 * @param options - {@link CheckBarsOptions}: `calendar` (weekdays for 1d, else continuous), `timezone` (UTC),
 *   `session`, `holidays`, `outlierThreshold` (10), `staleRun` (5 daily / 20 intraday).
 * @returns a {@link QualityReport}; `report.ok` is true when nothing was found.
 * @example
 * const r = checkBars(bars, { calendar: "weekdays", timezone: "America/New_York" });
 * r.gaps      // → [{ afterRow: 3, beforeRow: 4, from: …, to: …, missing: 1 }]
 * console.log(r.summary());
 * @see Iglewicz & Hoaglin (1993), "How to Detect and Handle Outliers" (the modified z-score 0.6745 (x − median) / MAD)
 */
export function checkBars(bars: Bars, options: CheckBarsOptions = {}): QualityReport {
  const opts = parseWith(checkBarsOptions, options, "checkBars options");
  const tf = bars.timeframe;
  const daily = tf === "1d" || tf === "1w";
  const calendar = opts.calendar ?? (tf === "1d" ? "weekdays" : "continuous");
  const n = bars.length;
  const { ts, open, high, low, close, volume } = bars;
  const report = new QualityReport(
    bars.symbol,
    tf,
    n,
    n > 0 ? ts[0]! : Number.NaN,
    n > 0 ? ts[n - 1]! : Number.NaN,
    calendar,
    opts.timezone ?? "UTC",
  );

  // Row-wise checks.
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const v = volume[i]!;
    if (i > 0) {
      const p = ts[i - 1]!;
      if (t < p) {
        report.nonMonotonic.push(i);
        sorted = false;
      } else if (t === p && sorted) report.duplicates.push(i);
    }
    if (Number.isNaN(t)) report.nan.push({ row: i, column: "ts" });
    if (Number.isNaN(o)) report.nan.push({ row: i, column: "open" });
    if (Number.isNaN(h)) report.nan.push({ row: i, column: "high" });
    if (Number.isNaN(l)) report.nan.push({ row: i, column: "low" });
    if (Number.isNaN(c)) report.nan.push({ row: i, column: "close" });
    if (Number.isNaN(v)) report.nan.push({ row: i, column: "volume" });
    if (o <= 0) report.nonPositive.push({ row: i, column: "open" });
    if (h <= 0) report.nonPositive.push({ row: i, column: "high" });
    if (l <= 0) report.nonPositive.push({ row: i, column: "low" });
    if (c <= 0) report.nonPositive.push({ row: i, column: "close" });
    if (v < 0) report.negativeVolume.push(i);
    if (h < Math.max(o, c)) report.ohlc.push({ row: i, problem: "high < max(open, close)" });
    if (l > Math.min(o, c)) report.ohlc.push({ row: i, problem: "low > min(open, close)" });
    if (h < l) report.ohlc.push({ row: i, problem: "high < low" });
  }
  if (!sorted) {
    // Unsorted input: a duplicate can be anywhere, not only next to its twin.
    report.duplicates.length = 0;
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      if (seen.has(ts[i]!)) report.duplicates.push(i);
      else seen.add(ts[i]!);
    }
  }

  if (calendar !== "none") findGaps(bars, calendar, opts, report.gaps);
  findOutliers(close, opts.outlierThreshold ?? 10, report.outliers);

  const minRun = opts.staleRun ?? (daily ? 5 : 20);
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && close[i] === close[start]) continue;
    if (i - start >= minRun)
      report.staleRuns.push({ startRow: start, endRow: i - 1, length: i - start, value: close[start]! });
    start = i;
  }
  return report;
}

function findGaps(
  bars: Bars,
  calendar: "continuous" | "weekdays",
  opts: z.infer<typeof checkBarsOptions>,
  out: Gap[],
): void {
  const tz = opts.timezone ?? "UTC";
  const off = makeOffsetFn(tz);
  const holidays = new Set((opts.holidays ?? []).map((d) => Date.parse(`${d}T00:00:00Z`) / DAY));
  const weekdays = calendar === "weekdays";
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const sOpen = opts.session ? toMin(opts.session.open) * 60_000 : 0;
  const sClose = opts.session ? toMin(opts.session.close) * 60_000 : DAY;
  const isBusinessDay = (day: number) => {
    const wd = (((day + 4) % 7) + 7) % 7; // 0 = Sunday (epoch day 0 was a Thursday)
    return wd !== 0 && wd !== 6 && !holidays.has(day);
  };
  const localDay = (t: number) => Math.floor((t + off(t)) / DAY);
  const tf = bars.timeframe;
  const d = timeframeMs(tf);
  const { ts } = bars;
  for (let i = 1; i < bars.length; i++) {
    const prev = ts[i - 1]!;
    const cur = ts[i]!;
    if (!(cur > prev)) continue;
    let missing = 0;
    let from = Number.NaN;
    let to = Number.NaN;
    if (tf === "1d" || tf === "1w") {
      const step = tf === "1w" ? 7 : 1;
      const last = localDay(cur);
      for (let day = localDay(prev) + step; day <= last - step; day += step) {
        if (weekdays && tf === "1d" && !isBusinessDay(day)) continue;
        const start = localToUtcMs(day * DAY, tz);
        if (missing === 0) from = start;
        to = start;
        missing++;
      }
    } else if (!weekdays) {
      missing = Math.ceil((cur - prev) / d) - 1;
      from = prev + d;
      to = prev + missing * d;
    } else {
      for (let t = prev + d; t < cur; t += d) {
        const local = t + off(t);
        const day = Math.floor(local / DAY);
        const tod = local - day * DAY;
        if (!isBusinessDay(day) || tod < sOpen || tod >= sClose) continue;
        if (missing === 0) from = t;
        to = t;
        missing++;
      }
    }
    if (missing > 0) out.push({ afterRow: i - 1, beforeRow: i, from, to, missing });
  }
}

/** k-th smallest value (0-based) of `a`, partially reordering `a` in place (Hoare quickselect, median-of-three). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z)); // median of three
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Median of `a` (NaN-free), in O(n) by quickselect; reorders `a`. */
function median(a: Float64Array): number {
  const n = a.length;
  const m = n >> 1;
  if (n % 2 === 1) return select(a, m);
  const lower = select(a, m - 1);
  let upper = Number.POSITIVE_INFINITY;
  for (let i = m; i < n; i++) if (a[i]! < upper) upper = a[i]!;
  return (lower + upper) / 2;
}

function findOutliers(close: Float64Array, threshold: number, out: Outlier[]): void {
  const n = close.length;
  const ret = new Float64Array(n).fill(Number.NaN);
  let m = 0;
  for (let i = 1; i < n; i++) {
    const a = close[i - 1]!;
    const b = close[i]!;
    if (a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)) {
      ret[i] = Math.log(b / a);
      m++;
    }
  }
  if (m < 3) return;
  const valid = new Float64Array(m);
  let k = 0;
  for (let i = 1; i < n; i++) if (!Number.isNaN(ret[i]!)) valid[k++] = ret[i]!;
  const med = median(valid);
  for (let j = 0; j < m; j++) valid[j] = Math.abs(valid[j]! - med);
  const mad = median(valid);
  if (!(mad > 0)) return; // more than half the returns equal: the robust scale is 0 (stale runs report this)
  for (let i = 1; i < n; i++) {
    const r = ret[i]!;
    if (Number.isNaN(r)) continue;
    const z = (0.6745 * (r - med)) / mad;
    if (Math.abs(z) > threshold) out.push({ row: i, ret: r, z });
  }
}
