import type { BarInput } from "../indicator.js";

/** Anything with a streaming `update`. */
export interface Updatable<In> {
  update(input: In): number;
}

/** Bar columns, any subset (missing fields read as NaN). */
export interface AnyBarColumns {
  readonly open?: Float64Array;
  readonly high?: Float64Array;
  readonly low?: Float64Array;
  readonly close?: Float64Array;
  readonly volume?: Float64Array;
}

/**
 * Runs a streaming indicator over a column: the vectorized face of indicators whose core is their streaming class
 * (bit-identical by construction). Allocates the output only.
 *
 * @example
 * driveClose(new Sma({ period: 2 }), new Float64Array([1, 2, 3])); // → [NaN, 1.5, 2.5]
 */
export function driveClose(ind: Updatable<number>, close: Float64Array): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ind.update(close[i]!);
  return out;
}

/** A reusable mutable bar for driving bar indicators without per-bar allocation. */
export interface MutableBar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Length of a set of bar columns (first present column). */
export function barsLength(cols: AnyBarColumns): number {
  return (cols.close ?? cols.high ?? cols.low ?? cols.open ?? cols.volume)?.length ?? 0;
}

/**
 * Calls `each(i, bar)` for every bar, filling one reused {@link MutableBar} from the columns (NaN for missing ones).
 *
 * @example
 * forEachBar({ high, low, close }, (i, bar) => { out[i] = atrInstance.update(bar); });
 */
export function forEachBar(cols: AnyBarColumns, each: (i: number, bar: BarInput) => void): void {
  const n = barsLength(cols);
  const bar: MutableBar = {
    open: Number.NaN,
    high: Number.NaN,
    low: Number.NaN,
    close: Number.NaN,
    volume: Number.NaN,
  };
  const { open, high, low, close, volume } = cols;
  for (let i = 0; i < n; i++) {
    if (open) bar.open = open[i]!;
    if (high) bar.high = high[i]!;
    if (low) bar.low = low[i]!;
    if (close) bar.close = close[i]!;
    if (volume) bar.volume = volume[i]!;
    each(i, bar);
  }
}

/**
 * Runs a streaming bar indicator over columns; returns its primary output.
 *
 * @example
 * driveBars(new Trange(), { high, low, close });
 */
export function driveBars(ind: Updatable<BarInput>, cols: AnyBarColumns): Float64Array {
  const out = new Float64Array(barsLength(cols));
  forEachBar(cols, (i, bar) => {
    out[i] = ind.update(bar);
  });
  return out;
}

/** A bar indicator with a scalar `step(high, low, close, volume)` (MFI, ADOSC, CMF, rolling VWAP). */
export interface HlcvSteppable {
  step(high: number, low: number, close: number, volume: number): number;
}

/**
 * Runs a {@link HlcvSteppable} over high/low/close/volume columns: the vectorized face of the volume-weighted bar
 * indicators whose core is their streaming class. Allocates the output only.
 *
 * @example
 * driveHlcv(new Mfi({ period: 14 }), bars); // same numbers as mfi(bars, { period: 14 })
 */
export function driveHlcv(
  ind: HlcvSteppable,
  bars: {
    readonly high: Float64Array;
    readonly low: Float64Array;
    readonly close: Float64Array;
    readonly volume: Float64Array;
  },
): Float64Array {
  const { high, low, close, volume } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ind.step(high[i]!, low[i]!, close[i]!, volume[i]!);
  return out;
}
