import { type Bars, type Timeframe, ValidationError } from "@quantkit/core";

/** Where one symbol has no bar in a {@link Panel}: a run of panel rows `[startRow, endRow]` (inclusive). */
export interface MissingRange {
  readonly startRow: number;
  readonly endRow: number;
  /** Panel timestamps of the first and last missing row (UTC epoch ms). */
  readonly from: number;
  readonly to: number;
}

/** What was missing for one symbol after alignment. */
export interface PanelMissing {
  readonly symbol: string;
  /** Number of panel rows where the symbol has no bar (its columns are NaN there). */
  readonly count: number;
  /** The missing rows as ranges, in order. */
  readonly ranges: readonly MissingRange[];
}

/**
 * Several symbols' bars on one shared time axis: `ts` is the sorted union of all input timestamps and each
 * `bars[k]` is symbol k's OHLCV on that axis (`bars[k].ts === ts`), NaN (volume included) where it had no bar.
 */
export interface Panel {
  readonly timeframe: Timeframe;
  readonly symbols: readonly string[];
  readonly length: number;
  readonly ts: Float64Array;
  readonly bars: readonly Bars[];
  /** One entry per symbol, in `symbols` order (count 0 and no ranges when nothing was missing). */
  readonly missing: readonly PanelMissing[];
}

/**
 * Aligns several symbols' bars on the union of their timestamps, filling NaN where a symbol has no bar and
 * reporting those rows per symbol (never forward-filled: filling is the caller's explicit decision).
 *
 * @param series - bars of one timeframe, one entry per distinct symbol, each with strictly increasing `ts`.
 * @returns a {@link Panel}; one merge pass, O(total rows).
 * @throws ValidationError when timeframes differ, a symbol repeats, or a series is not strictly increasing
 *   (naming the series and row).
 * @example
 * const p = alignPanel([spy, qqq]); // spy has bars at t0,t1,t2; qqq at t0,t2
 * p.length               // → 3
 * p.bars[1].close[1]     // → NaN
 * p.missing[1]           // → { symbol: "QQQ", count: 1, ranges: [{ startRow: 1, endRow: 1, from: t1, to: t1 }] }
 * @see https://pandas.pydata.org/docs/reference/api/pandas.concat.html (outer join on the index; same result)
 */
export function alignPanel(series: readonly Bars[]): Panel {
  const issues: { path: string; message: string }[] = [];
  const tf = series[0]?.timeframe;
  const seen = new Set<string>();
  series.forEach((b, k) => {
    if (b.timeframe !== tf)
      issues.push({
        path: `series ${k} (${b.symbol}).timeframe`,
        message: `expected ${tf}, got ${b.timeframe}`,
      });
    if (seen.has(b.symbol))
      issues.push({
        path: `series ${k}.symbol`,
        message: `expected distinct symbols, "${b.symbol}" repeats`,
      });
    seen.add(b.symbol);
    for (let i = 1; i < b.length; i++) {
      if (!(b.ts[i]! > b.ts[i - 1]!)) {
        issues.push({
          path: `series ${k} (${b.symbol}) row ${i}.ts`,
          message: `expected strictly increasing timestamps, got ${b.ts[i]} after ${b.ts[i - 1]}`,
        });
        break;
      }
    }
    if (b.length > 0 && Number.isNaN(b.ts[0]!))
      issues.push({ path: `series ${k} (${b.symbol}) row 0.ts`, message: "expected a timestamp, got NaN" });
  });
  if (issues.length > 0) throw new ValidationError("panel series", issues);
  if (tf === undefined)
    return { timeframe: "1d", symbols: [], length: 0, ts: new Float64Array(0), bars: [], missing: [] };

  // Pass 1: size of the union (k-way merge over the sorted ts columns).
  const m = series.length;
  const pos = new Int32Array(m);
  let length = 0;
  for (;;) {
    let next = Number.POSITIVE_INFINITY;
    for (let k = 0; k < m; k++) {
      const s = series[k]!;
      if (pos[k]! < s.length && s.ts[pos[k]!]! < next) next = s.ts[pos[k]!]!;
    }
    if (next === Number.POSITIVE_INFINITY) break;
    for (let k = 0; k < m; k++) {
      const s = series[k]!;
      if (pos[k]! < s.length && s.ts[pos[k]!]! === next) pos[k]!++;
    }
    length++;
  }
  const ts = new Float64Array(length);
  const out = series.map((s) => ({
    symbol: s.symbol,
    timeframe: tf,
    length,
    ts,
    open: new Float64Array(length).fill(Number.NaN),
    high: new Float64Array(length).fill(Number.NaN),
    low: new Float64Array(length).fill(Number.NaN),
    close: new Float64Array(length).fill(Number.NaN),
    volume: new Float64Array(length).fill(Number.NaN),
  }));
  const ranges: MissingRange[][] = series.map(() => []);
  const counts = new Float64Array(m);
  const runStart = new Int32Array(m).fill(-1);
  pos.fill(0);
  // Pass 2: fill.
  for (let r = 0; r < length; r++) {
    let next = Number.POSITIVE_INFINITY;
    for (let k = 0; k < m; k++) {
      const s = series[k]!;
      if (pos[k]! < s.length && s.ts[pos[k]!]! < next) next = s.ts[pos[k]!]!;
    }
    ts[r] = next;
    for (let k = 0; k < m; k++) {
      const s = series[k]!;
      const i = pos[k]!;
      if (i < s.length && s.ts[i]! === next) {
        const o = out[k]!;
        o.open[r] = s.open[i]!;
        o.high[r] = s.high[i]!;
        o.low[r] = s.low[i]!;
        o.close[r] = s.close[i]!;
        o.volume[r] = s.volume[i]!;
        pos[k] = i + 1;
        if (runStart[k]! >= 0) {
          ranges[k]!.push({ startRow: runStart[k]!, endRow: r - 1, from: ts[runStart[k]!]!, to: ts[r - 1]! });
          runStart[k] = -1;
        }
      } else {
        counts[k]!++;
        if (runStart[k]! < 0) runStart[k] = r;
      }
    }
  }
  for (let k = 0; k < m; k++) {
    if (runStart[k]! >= 0)
      ranges[k]!.push({
        startRow: runStart[k]!,
        endRow: length - 1,
        from: ts[runStart[k]!]!,
        to: ts[length - 1]!,
      });
  }
  return {
    timeframe: tf,
    symbols: series.map((s) => s.symbol),
    length,
    ts,
    bars: out,
    missing: series.map((s, k) => ({ symbol: s.symbol, count: counts[k]!, ranges: ranges[k]! })),
  };
}
