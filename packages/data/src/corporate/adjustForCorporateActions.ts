import { type Bars, localToUtcMs, parseWith, toEpochMs, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { timezoneSchema } from "../resample/resample.js";

const exDate = z.union([z.string().min(1), z.number(), z.date()]);

/** zod schema of one split: from `date` (the ex-date) on, one old share became `ratio` shares (2 for a 2-for-1). */
export const splitSchema = z.object({ date: exDate, ratio: z.number().positive().finite() }).strict();
/** zod schema of one cash dividend: `amount` per share, going ex on `date`. */
export const dividendSchema = z.object({ date: exDate, amount: z.number().nonnegative().finite() }).strict();
/** zod schema of a {@link CorporateActions} table (validated at the boundary; errors name e.g. `splits.2.ratio`). */
export const corporateActionsSchema = z
  .object({ splits: z.array(splitSchema).optional(), dividends: z.array(dividendSchema).optional() })
  .strict();

/** A split: `ratio` new shares per old share from ex-date `date` (ISO date, `Date` or epoch ms) on. */
export type Split = z.infer<typeof splitSchema>;
/** A cash dividend of `amount` per share (in the bars' currency and share basis at the ex-date). */
export type Dividend = z.infer<typeof dividendSchema>;
/** The corporate actions of one symbol. */
export interface CorporateActions {
  splits?: readonly Split[];
  dividends?: readonly Dividend[];
}

/** Options of {@link adjustForCorporateActions}. */
export interface AdjustOptions {
  /**
   * Zone in which date-only ex-dates (`"2014-01-06"`) start: the exchange's zone, so that the ex-date is the first
   * session of that day (bars' `ts` are session-day open times in that zone). Instants (`Date`, epoch ms, ISO with a
   * time) are used as given.
   * @default "UTC"
   */
  timezone?: string;
}

/** One corporate action as applied (or not) by {@link adjustForCorporateActionsWithReport}. */
export interface AppliedAction {
  readonly kind: "split" | "dividend";
  /** Index of the action in its input array. */
  readonly index: number;
  /** The ex instant (UTC epoch ms). */
  readonly exTs: number;
  /** First row trading ex (rows before it are adjusted), or -1 when the action could not apply. */
  readonly exRow: number;
  /** Price factor applied to rows before `exRow` (1/ratio, or 1 − amount/prevClose). */
  readonly priceFactor: number;
  /** Volume factor applied to rows before `exRow` (ratio for splits, 1 for dividends). */
  readonly volumeFactor: number;
  /** Why it was not applied: `"before first bar"` or `"after last bar"` (nothing to adjust), else null. */
  readonly skipped: string | null;
}

/** The result of {@link adjustForCorporateActionsWithReport}. */
export interface AdjustResult {
  /** Back-adjusted bars (new arrays; `ts` shared with the raw bars). */
  readonly bars: Bars;
  /** Cumulative price factor per row (adjusted = raw × factor). */
  readonly priceFactor: Float64Array;
  /** Cumulative volume factor per row. */
  readonly volumeFactor: Float64Array;
  /** Every input action, applied or skipped with the reason. */
  readonly actions: readonly AppliedAction[];
}

/**
 * Back-adjusts prices and volumes for splits and cash dividends with CRSP-style cumulative multiplicative factors,
 * so that returns across ex-dates are total returns and the latest bars keep their raw prices. A split of `ratio`
 * multiplies earlier prices by 1/ratio and volumes by ratio; a dividend multiplies earlier prices by
 * (1 − amount / prevClose), prevClose being the raw close of the last bar before the ex-date (divided by the ratio of
 * a split going ex the same day). Pure: the raw bars are untouched, so both views stay available.
 *
 * @param bars - raw (unadjusted) bars with increasing `ts`.
 * @param actions - `{ splits?: [{ date, ratio }], dividends?: [{ date, amount }] }`, validated with zod.
 * @param options - {@link AdjustOptions} (`timezone` of date-only ex-dates, default UTC).
 * @returns adjusted bars (see {@link adjustForCorporateActionsWithReport} for the factors and skipped actions).
 * @throws ValidationError naming the action when a dividend is not below the previous close.
 * @example
 * // closes 100, 102, 51 with a 2-for-1 split going ex on the third bar
 * adjustForCorporateActions(raw, { splits: [{ date: "2024-01-04", ratio: 2 }] }).close // → [50, 51, 51]
 * @see https://www.crsp.org/products/documentation/crsp-calculations (cumulative factors to adjust price and shares)
 */
export function adjustForCorporateActions(
  bars: Bars,
  actions: CorporateActions,
  options: AdjustOptions = {},
): Bars {
  return adjustForCorporateActionsWithReport(bars, actions, options).bars;
}

/**
 * {@link adjustForCorporateActions}, also returning the per-row cumulative factors and what each action did.
 *
 * @param bars - raw bars.
 * @param actions - splits and dividends.
 * @param options - {@link AdjustOptions}.
 * @example
 * adjustForCorporateActionsWithReport(raw, { dividends: [{ date: "2030-01-01", amount: 1 }] }).actions[0].skipped
 * // → "after last bar"
 * @see adjustForCorporateActions
 */
export function adjustForCorporateActionsWithReport(
  bars: Bars,
  actions: CorporateActions,
  options: AdjustOptions = {},
): AdjustResult {
  const table = parseWith(corporateActionsSchema, actions, "corporate actions");
  const { timezone } = parseWith(
    z.object({ timezone: timezoneSchema.optional() }).strict(),
    options,
    "adjust options",
  );
  const tz = timezone ?? "UTC";
  const n = bars.length;
  const ts = bars.ts;
  const toTs = (d: string | number | Date, path: string): number => {
    try {
      if (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d.trim()))
        return localToUtcMs(toEpochMs(d), tz);
      return toEpochMs(d);
    } catch (cause) {
      throw new ValidationError(
        "corporate actions",
        [{ path, message: `expected an ISO date, Date or epoch ms, got ${String(d)}` }],
        { cause },
      );
    }
  };
  /** First row with ts ≥ t (n when none). */
  const rowAt = (t: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const skip = (row: number): string | null =>
    row === 0 ? "before first bar" : row >= n ? "after last bar" : null;

  const out: AppliedAction[] = [];
  const splitRatioAtRow = new Map<number, number>();
  (table.splits ?? []).forEach((s, index) => {
    const exTs = toTs(s.date, `splits.${index}.date`);
    const row = rowAt(exTs);
    const skipped = skip(row);
    if (!skipped) splitRatioAtRow.set(row, (splitRatioAtRow.get(row) ?? 1) * s.ratio);
    out.push({
      kind: "split",
      index,
      exTs,
      exRow: skipped ? -1 : row,
      priceFactor: 1 / s.ratio,
      volumeFactor: s.ratio,
      skipped,
    });
  });
  (table.dividends ?? []).forEach((d, index) => {
    const exTs = toTs(d.date, `dividends.${index}.date`);
    const row = rowAt(exTs);
    const skipped = skip(row);
    let f = Number.NaN;
    if (!skipped) {
      const prevClose = bars.close[row - 1]! / (splitRatioAtRow.get(row) ?? 1);
      f = 1 - d.amount / prevClose;
      if (!(f > 0)) {
        throw new ValidationError("corporate actions", [
          {
            path: `dividends.${index}.amount`,
            message: `expected a dividend below the previous close ${prevClose} (row ${row - 1}), got ${d.amount}`,
          },
        ]);
      }
    }
    out.push({
      kind: "dividend",
      index,
      exTs,
      exRow: skipped ? -1 : row,
      priceFactor: f,
      volumeFactor: 1,
      skipped,
    });
  });

  // Per ex-row factors, then a backward cumulative product.
  const stepP = new Float64Array(n + 1).fill(1);
  const stepV = new Float64Array(n + 1).fill(1);
  for (const a of out) {
    if (a.skipped) continue;
    stepP[a.exRow] = stepP[a.exRow]! * a.priceFactor;
    stepV[a.exRow] = stepV[a.exRow]! * a.volumeFactor;
  }
  const priceFactor = new Float64Array(n);
  const volumeFactor = new Float64Array(n);
  let p = 1;
  let v = 1;
  for (let i = n - 1; i >= 0; i--) {
    p *= stepP[i + 1]!;
    v *= stepV[i + 1]!;
    priceFactor[i] = p;
    volumeFactor[i] = v;
  }
  const scale = (col: Float64Array, f: Float64Array) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = col[i]! * f[i]!;
    return r;
  };
  return {
    bars: {
      symbol: bars.symbol,
      timeframe: bars.timeframe,
      length: n,
      ts: bars.ts,
      open: scale(bars.open, priceFactor),
      high: scale(bars.high, priceFactor),
      low: scale(bars.low, priceFactor),
      close: scale(bars.close, priceFactor),
      volume: scale(bars.volume, volumeFactor),
    },
    priceFactor,
    volumeFactor,
    actions: out,
  };
}
