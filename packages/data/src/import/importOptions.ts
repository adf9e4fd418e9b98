import { timeframeSchema } from "@quantkit/core";
import { z } from "zod";
import { BAR_FORMATS, QUOTE_FORMATS, TRADE_FORMATS } from "./formats.js";
import { checkZone, TIMESTAMP_UNITS } from "./timestamp.js";

/** zod schema of a symbol: 1–200 characters, no control characters, not `.` or `..`. Any other text is a name. */
export const symbolSchema = z
  .string()
  .min(1)
  .max(200)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "expected no control characters")
  .refine((s) => s !== "." && s !== "..", 'expected a name, not "." or ".."');

const columnRef = z.union([z.string(), z.number().int().min(0)]);
const zone = z.string().refine((tz) => {
  try {
    checkZone(tz);
    return true;
  } catch {
    return false;
  }
}, "expected UTC, ±HH:MM or an IANA time zone such as America/New_York");

const common = {
  symbol: symbolSchema,
  timezone: zone.optional(),
  columns: z.record(z.string(), columnRef.nullable()).optional(),
  header: z.union([z.boolean(), z.literal("skip")]).optional(),
  delimiter: z.string().length(1).optional(),
  tsUnit: z.enum(TIMESTAMP_UNITS).optional(),
};

/** zod schema of {@link ImportBarsOptions}. */
export const importBarsOptions = z
  .object({
    ...common,
    timeframe: timeframeSchema,
    format: z.enum(Object.keys(BAR_FORMATS) as [keyof typeof BAR_FORMATS]).optional(),
    label: z.enum(["open", "close"]).optional(),
    allowNonPositivePrices: z.boolean().optional(),
  })
  .strict();

/** zod schema of {@link ImportTradesOptions}. */
export const importTradesOptions = z
  .object({
    ...common,
    format: z.enum(Object.keys(TRADE_FORMATS) as [keyof typeof TRADE_FORMATS]).optional(),
  })
  .strict();

/** zod schema of {@link ImportQuotesOptions}. */
export const importQuotesOptions = z
  .object({
    ...common,
    format: z.enum(Object.keys(QUOTE_FORMATS) as [keyof typeof QUOTE_FORMATS]).optional(),
  })
  .strict();

/**
 * Options of `store.importCsv` / `store.importParquet` (bars).
 *
 * - `symbol`: the name to store under (any text; it is never interpreted as SQL or a path).
 * - `timeframe`: `1s 1m 5m 15m 30m 1h 4h 1d 1w`.
 * - `format`: `"ohlcv"` (default: columns by name), `"yahoo"`, `"backtrader-intraday"`, `"binance-kline"`.
 * - `timezone`: zone of offset-less source times (`UTC` default, `±HH:MM`, IANA). Daily bars are aligned to this
 *   zone's calendar days, so give the exchange's zone (`America/New_York` for US equities).
 * - `columns`: overrides of the format's mapping, `{ ts | date+time, open, high, low, close, volume }`, each a
 *   header name or a 0-based position; `volume: null` declares it absent (stored as NaN).
 * - `header`: `true` (names), `"skip"` (ignore the first line), `false` (none). Default from the format.
 * - `tsUnit`: `iso`, `s`, `ms`, `us`, `ns` or `auto` (default from the format).
 * - `label`: whether source times label the bar's `open` (default) or its `close` (then one bar duration is
 *   subtracted: quantkit stores open times).
 * - `allowNonPositivePrices`: accept prices ≤ 0 (e.g. spreads, negative oil futures). Default false.
 */
export type ImportBarsOptions = z.input<typeof importBarsOptions>;
/** Options of `store.importTrades`: `symbol`, `format` (`trades` | `tardis`), `timezone`, `columns`, … */
export type ImportTradesOptions = z.input<typeof importTradesOptions>;
/** Options of `store.importQuotes`: `symbol`, `format` (`quotes` | `histdata`), `timezone`, `columns`, … */
export type ImportQuotesOptions = z.input<typeof importQuotesOptions>;
