import type { Bars, Timeframe } from "@quantkit/core";

/** Bars whose six columns live in one SharedArrayBuffer: posting it to a worker shares the memory, no copy. */
export interface SharedBars {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly length: number;
  /** ts, open, high, low, close, volume, each `length` doubles, in that order. */
  readonly buffer: SharedArrayBuffer;
}

const COLUMNS = ["ts", "open", "high", "low", "close", "volume"] as const;

/**
 * Copies `bars` once into a SharedArrayBuffer (a no-op view when its columns already share one buffer laid out
 * this way). Every worker that receives the result reads the same memory.
 *
 * @example
 * const s = shareBars(bars); barsFromShared(s).close[0] === bars.close[0] // → true
 * @see https://nodejs.org/api/worker_threads.html#portpostmessagevalue-transferlist (SharedArrayBuffer is shared, not cloned)
 */
export function shareBars(bars: Bars): SharedBars {
  const n = bars.length;
  const buf = bars.ts.buffer;
  if (buf instanceof SharedArrayBuffer && buf.byteLength === 6 * n * 8) {
    const laidOut = COLUMNS.every((c, j) => bars[c].buffer === buf && bars[c].byteOffset === j * n * 8);
    if (laidOut) return { symbol: bars.symbol, timeframe: bars.timeframe, length: n, buffer: buf };
  }
  const buffer = new SharedArrayBuffer(6 * n * 8);
  COLUMNS.forEach((c, j) => {
    new Float64Array(buffer, j * n * 8, n).set(bars[c].subarray(0, n));
  });
  return { symbol: bars.symbol, timeframe: bars.timeframe, length: n, buffer };
}

/**
 * Float64Array views of shared bars (no copy).
 *
 * @example
 * barsFromShared(shareBars(bars)).length === bars.length // → true
 */
export function barsFromShared(s: SharedBars): Bars {
  const n = s.length;
  const col = (j: number) => new Float64Array(s.buffer, j * n * 8, n);
  return {
    symbol: s.symbol,
    timeframe: s.timeframe,
    length: n,
    ts: col(0),
    open: col(1),
    high: col(2),
    low: col(3),
    close: col(4),
    volume: col(5),
  };
}
