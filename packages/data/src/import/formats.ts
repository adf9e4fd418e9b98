import type { TimestampUnit } from "./timestamp.js";

/** A column of the source file: its header name (case-insensitive) or its 0-based position. */
export type ColumnRef = string | number;

/**
 * Which columns hold the timestamp and the values; `null` declares a value column absent (it is stored as NaN).
 *
 * @example
 * const columns: ColumnMap = { ts: 0, volume: null }; // time in the first column, no volume column
 */
export interface ColumnMap {
  /** One column holding date and time (or an epoch number). */
  ts?: ColumnRef;
  /** With `time`: a date column and a time-of-day column (e.g. backtrader's `2006-01-02,09:01:00`). */
  date?: ColumnRef;
  time?: ColumnRef;
  [field: string]: ColumnRef | null | undefined;
}

/** A named source layout: where the columns are, whether there is a header, how times are written. */
export interface FormatPreset {
  readonly description: string;
  /** `true`: the first line names the columns; `"skip"`: the first line is a header that does not match the rows
   * and is ignored (columns must be positions); `false`: no header. */
  readonly header: boolean | "skip";
  readonly columns: ColumnMap;
  readonly tsUnit: TimestampUnit;
  /** Whether the file's timestamp is the bar's open or its close (quantkit stores open times). */
  readonly label?: "open" | "close";
  /** A source zone the format needs stated explicitly (the import refuses to guess). */
  readonly requiresTimezone?: string;
}

/** Header names tried, in order, for each field when the format maps columns by name. */
export const SYNONYMS: Record<string, readonly string[]> = {
  ts: ["ts", "timestamp", "timestamp_utc", "datetime", "date", "time", "open_time", "opentime"],
  open: ["open", "o"],
  high: ["high", "h"],
  low: ["low", "l"],
  close: ["close", "c", "last"],
  volume: ["volume", "vol", "v"],
  price: ["price", "px"],
  size: ["size", "amount", "qty", "quantity", "volume"],
  side: ["side", "aggressor", "aggressor_side"],
  bid: ["bid", "bid_price", "bidprice"],
  ask: ["ask", "ask_price", "askprice"],
  bidSize: ["bidsize", "bid_size", "bid_amount", "bidvolume"],
  askSize: ["asksize", "ask_size", "ask_amount", "askvolume"],
};

/**
 * Bar file layouts, by name (the `format` option of `store.importCsv`).
 *
 * @example
 * BAR_FORMATS["backtrader-intraday"].header // → "skip"
 */
export const BAR_FORMATS = {
  ohlcv: {
    description: "generic OHLCV with a header; columns found by name (see SYNONYMS); epoch or ISO times",
    header: true,
    columns: {},
    tsUnit: "auto",
  },
  yahoo: {
    description: "Yahoo Finance `Date,Open,High,Low,Close,Adj Close,Volume`; `Adj Close` is not imported",
    header: true,
    columns: { ts: "Date", open: "Open", high: "High", low: "Low", close: "Close", volume: "Volume" },
    tsUnit: "iso",
  },
  "backtrader-intraday": {
    description:
      "backtrader intraday `Date,Time,O,H,L,C,V,OI` rows under a 7-name header (`Date,Open,…,OpenInterest`); " +
      "the header is skipped, columns are positions; the time labels the bar's close",
    header: "skip",
    columns: { date: 0, time: 1, open: 2, high: 3, low: 4, close: 5, volume: 6 },
    tsUnit: "iso",
    label: "close",
  },
  "binance-kline": {
    description: "raw Binance klines without header: openTime(ms),o,h,l,c,volume,closeTime,…",
    header: false,
    columns: { ts: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
    tsUnit: "ms",
  },
} as const satisfies Record<string, FormatPreset>;

/**
 * Trade file layouts, by name (the `format` option of `store.importTrades`).
 *
 * @example
 * TRADE_FORMATS.tardis.tsUnit // → "us"
 * @see https://docs.tardis.dev/downloadable-csv-files#trades
 */
export const TRADE_FORMATS = {
  trades: {
    description: "generic trades with a header: ts, price, size, side (optional: buy/sell/1/-1)",
    header: true,
    columns: {},
    tsUnit: "auto",
  },
  tardis: {
    description:
      "Tardis.dev trades `exchange,symbol,timestamp,local_timestamp,id,side,price,amount`, µs epochs",
    header: true,
    columns: { ts: "timestamp", price: "price", size: "amount", side: "side" },
    tsUnit: "us",
  },
} as const satisfies Record<string, FormatPreset>;

/**
 * Quote file layouts, by name (the `format` option of `store.importQuotes`).
 *
 * @example
 * QUOTE_FORMATS.histdata.requiresTimezone // → "Etc/GMT+5"
 * @see https://www.histdata.com/f-a-q/data-files-detailed-specification/
 */
export const QUOTE_FORMATS = {
  quotes: {
    description:
      "generic quotes with a header: ts, bid, ask, bidSize and askSize (optional: NaN when absent)",
    header: true,
    columns: {},
    tsUnit: "auto",
  },
  histdata: {
    description:
      "HistData.com ticks without header `YYYYMMDD HHMMSSmmm,bid,ask,volume`; times are EST without daylight " +
      "saving: pass timezone 'Etc/GMT+5' (or '-05:00') explicitly",
    header: false,
    columns: { ts: 0, bid: 1, ask: 2, bidSize: null, askSize: null },
    tsUnit: "iso",
    requiresTimezone: "Etc/GMT+5",
  },
} as const satisfies Record<string, FormatPreset>;

/** Names of the bar formats. */
export type BarFormat = keyof typeof BAR_FORMATS;
/** Names of the trade formats. */
export type TradeFormat = keyof typeof TRADE_FORMATS;
/** Names of the quote formats. */
export type QuoteFormat = keyof typeof QUOTE_FORMATS;
