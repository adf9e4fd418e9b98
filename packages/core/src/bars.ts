import type { Timeframe } from "./timeframe.js";

/**
 * A series of OHLCV bars for one symbol, stored as columns. Every column is a `Float64Array` of length `length`.
 * `ts` is each bar's **open** time in UTC epoch milliseconds (fractions allowed, so µs survive); a bar is known only
 * at `ts + duration` (see `barCloseTime`).
 *
 * @example
 * const bars = emptyBars("SPY", "1d", 2); bars.close[0] = 470.5;
 */
export interface Bars {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly length: number;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** The five price/volume columns of {@link Bars}, in storage order. */
export const OHLCV_COLUMNS = ["open", "high", "low", "close", "volume"] as const;

/** Name of one of the numeric columns of {@link Bars}. */
export type BarColumn = "ts" | (typeof OHLCV_COLUMNS)[number];

/**
 * Allocates zero-filled bars of the given length.
 *
 * @example
 * emptyBars("BTCUSDT", "1m", 3).length // → 3
 */
export function emptyBars(symbol: string, timeframe: Timeframe, length: number): Bars {
  return {
    symbol,
    timeframe,
    length,
    ts: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/**
 * A view of bars `[start, end)` sharing memory with the original (no copy).
 *
 * @example
 * sliceBars(bars, 10, 20).length // → 10
 */
export function sliceBars(bars: Bars, start: number, end: number = bars.length): Bars {
  const s = Math.max(0, Math.min(start, bars.length));
  const e = Math.max(s, Math.min(end, bars.length));
  return {
    symbol: bars.symbol,
    timeframe: bars.timeframe,
    length: e - s,
    ts: bars.ts.subarray(s, e),
    open: bars.open.subarray(s, e),
    high: bars.high.subarray(s, e),
    low: bars.low.subarray(s, e),
    close: bars.close.subarray(s, e),
    volume: bars.volume.subarray(s, e),
  };
}

/** A trade print, streamed one at a time. `side` is the aggressor: 1 buy, -1 sell, 0 unknown. */
export interface Trade {
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  readonly side: number;
}

/** A top-of-book quote, streamed one at a time. */
export interface Quote {
  readonly ts: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
}

/** Trades in columns (batch form). `side`: 1 buy aggressor, -1 sell aggressor, 0 unknown. */
export interface TradeColumns {
  readonly symbol: string;
  readonly length: number;
  readonly ts: Float64Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
  readonly side: Float64Array;
}

/** Quotes in columns (batch form). */
export interface QuoteColumns {
  readonly symbol: string;
  readonly length: number;
  readonly ts: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly bidSize: Float64Array;
  readonly askSize: Float64Array;
}
