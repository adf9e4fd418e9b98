import { backtestSignals, type Commission, commissionFor, crossSignals } from "@quantkit/backtest";
import { sma } from "@quantkit/indicators";
import { equityMetrics, finishMetrics, type RunMetrics } from "./equityMetrics.js";

/** Costs of a vectorized run (the validated `RunSpec.options` fields the fills use). */
export interface FusedCosts {
  readonly initialCash: number;
  readonly qty: number;
  readonly commission: Commission;
  readonly slippageBps: number;
}

// Running state of one run, shared by the driver and its scan loops (a run is synchronous, one at a time per thread).
// The hot loops live in small functions of their own: inside one big function, TurboFan compiled the loop (by OSR)
// before the rarely taken fill code had type feedback and then bailed out at every fill, ~20,000 times a run.
const S = new Float64Array(10);
const SF = 0; // fast SMA running sum
const SS = 1; // slow SMA running sum
const PD = 2; // previous fast − slow (NaN until both SMAs are defined)
const S1 = 3; // Σ r
const S2 = 4; // Σ r²
const DOWN2 = 5; // Σ r² over losing bars
const PEAK = 6;
const MDD = 7;
const FLOOR = 8; // PEAK · (1 − MDD)
const PREV = 9; // previous bar's equity

function resetMetrics(initialCash: number): void {
  S[S1] = 0;
  S[S2] = 0;
  S[DOWN2] = 0;
  S[PEAK] = initialCash;
  S[MDD] = 0;
  S[FLOOR] = initialCash;
  S[PREV] = initialCash;
}

/** Adds one bar's equity to the metric sums: equityMetrics' loop body, operation for operation. */
function record(e: number): void {
  const prev = S[PREV]!;
  if (e === prev) return;
  const r = e / prev - 1;
  S[S1]! += r;
  S[S2]! += r * r;
  const m = (r - Math.abs(r)) * 0.5; // r if r < 0 else +0, exactly (see equityMetrics)
  S[DOWN2]! += m * m;
  const floor = S[FLOOR]!;
  const peak = S[PEAK]!;
  if (e < floor || e > peak) {
    if (r < 0) {
      if (e < floor) {
        const mdd = 1 - e / peak;
        S[MDD] = mdd;
        S[FLOOR] = peak * (1 - mdd);
      }
    } else if (e > peak) {
      S[PEAK] = e;
      S[FLOOR] = e * (1 - S[MDD]!);
    }
  }
  S[PREV] = e;
}

/** Cash after filling `pending` signed units at `op`: backtest's runSignals arithmetic, operation for operation. */
function fillCash(cash: number, pending: number, op: number, c: Commission, bps: number): number {
  const sgn = pending > 0 ? 1 : -1;
  const px = bps > 0 ? op + sgn * ((op * bps) / 1e4) : op;
  const q = pending * sgn;
  return cash - (pending * px + commissionFor(c, q, px));
}

/** Long from bar `i` on with constant `cash` and `pos`: records each bar's equity until `exits[j]`; returns j (or n). */
function longSignals(
  close: Float64Array,
  exits: Uint8Array,
  i: number,
  n: number,
  cash: number,
  pos: number,
): number {
  let s1 = S[S1]!;
  let s2 = S[S2]!;
  let down2 = S[DOWN2]!;
  let peak = S[PEAK]!;
  let mdd = S[MDD]!;
  let floor = S[FLOOR]!;
  let prev = S[PREV]!;
  for (; i < n; i++) {
    const e = cash + pos * close[i]!;
    if (e !== prev) {
      const r = e / prev - 1;
      s1 += r;
      s2 += r * r;
      const m = (r - Math.abs(r)) * 0.5;
      down2 += m * m;
      if (e < floor || e > peak) {
        if (r < 0) {
          if (e < floor) {
            mdd = 1 - e / peak;
            floor = peak * (1 - mdd);
          }
        } else if (e > peak) {
          peak = e;
          floor = peak * (1 - mdd);
        }
      }
      prev = e;
    }
    if (exits[i] === 1) break;
  }
  S[S1] = s1;
  S[S2] = s2;
  S[DOWN2] = down2;
  S[PEAK] = peak;
  S[MDD] = mdd;
  S[FLOOR] = floor;
  S[PREV] = prev;
  return i;
}

function flatSignals(entries: Uint8Array, i: number, n: number): number {
  for (; i < n; i++) if (entries[i] === 1) break;
  return i;
}

/**
 * The {@link RunMetrics} of backtest's vectorized long-only run over entry/exit signal columns in ONE pass, without
 * writing the equity column: `equityMetrics(backtestSignals(bars, entries, exits, costs).equity, …)` bit for bit
 * (the same operations in the same order; a property test checks it), for about a third less memory traffic.
 *
 * @param open - bar opens (fills at the next bar's open).
 * @param close - bar closes (equity marks).
 * @param entries - 1 where a long entry is signalled at the bar's close.
 * @param exits - 1 where an exit is signalled at the bar's close.
 * @param costs - initial cash, units per entry, commission schedule, slippage (bps).
 * @param periodsPerYear - annualization factor.
 * @example
 * signalsRunMetrics(bars.open, bars.close, entries, exits, { initialCash: 1e5, qty: 10, commission, slippageBps: 1 }, 252).fills // → e.g. 188
 * @see https://vectorbt.dev/api/portfolio/base/#vectorbt.portfolio.base.Portfolio.from_signals
 */
export function signalsRunMetrics(
  open: Float64Array,
  close: Float64Array,
  entries: Uint8Array,
  exits: Uint8Array,
  costs: FusedCosts,
  periodsPerYear: number,
): RunMetrics {
  const n = close.length;
  const c = costs.commission;
  const bps = costs.slippageBps;
  const initialCash = costs.initialCash;
  resetMetrics(initialCash);
  let cash = initialCash;
  let pos = 0;
  let fills = 0;
  let trades = 0;
  let pending = 0;
  let i = 0;
  while (i < n) {
    if (pending !== 0) {
      cash = fillCash(cash, pending, open[i]!, c, bps);
      pos += pending;
      if (pos === 0) trades++;
      pending = 0;
      fills++;
    }
    if (pos === 0) {
      record(cash); // the equity is the cash on every flat bar: only the first of a flat stretch can move it
      i = flatSignals(entries, i, n);
      if (i >= n) break;
      pending = costs.qty;
    } else {
      i = longSignals(close, exits, i, n, cash, pos);
      if (i >= n) break;
      pending = -pos;
    }
    i++;
  }
  // an equity step from ~0 (r = +∞) is the one case the branch-free downside sum differs: redo it with the columns
  if (Number.isNaN(S[DOWN2]!) && S[S1] === Number.POSITIVE_INFINITY)
    return columnMetrics(open, close, entries, exits, costs, periodsPerYear);
  const finalEquity = n === 0 ? initialCash : pos === 0 ? cash : cash + pos * close[n - 1]!;
  return finishMetrics(
    n,
    S[S1]!,
    S[S2]!,
    S[DOWN2]!,
    S[MDD]!,
    finalEquity,
    initialCash,
    periodsPerYear,
    fills,
    trades,
  );
}

/** Flat from bar `i` on: advances both SMAs until the fast one crosses above the slow one at j; returns j (or n). */
function flatCross(close: Float64Array, i: number, f: number, s: number): number {
  const n = close.length;
  const df = f - 1;
  const ds = s - 1;
  let sf = S[SF]!;
  let ss = S[SS]!;
  let pd = S[PD]!;
  for (; i < n; i++) {
    const x = close[i]!;
    sf += x;
    const fv = sf / f;
    sf -= close[i - df]!;
    ss += x;
    const sv = ss / s;
    ss -= close[i - ds]!;
    const d = fv - sv;
    // crossInto: entry where prev ≤ 0 < d (comparisons with NaN are false, as its NaN test requires)
    const entry = pd <= 0 && d > 0;
    pd = d;
    if (entry) break;
  }
  S[SF] = sf;
  S[SS] = ss;
  S[PD] = pd;
  return i;
}

/** Long from bar `i` on: advances both SMAs and records each bar's equity until the fast SMA crosses below. */
function longCross(close: Float64Array, i: number, f: number, s: number, cash: number, pos: number): number {
  const n = close.length;
  const df = f - 1;
  const ds = s - 1;
  let sf = S[SF]!;
  let ss = S[SS]!;
  let pd = S[PD]!;
  let s1 = S[S1]!;
  let s2 = S[S2]!;
  let down2 = S[DOWN2]!;
  let peak = S[PEAK]!;
  let mdd = S[MDD]!;
  let floor = S[FLOOR]!;
  let prev = S[PREV]!;
  for (; i < n; i++) {
    const x = close[i]!;
    sf += x;
    const fv = sf / f;
    sf -= close[i - df]!;
    ss += x;
    const sv = ss / s;
    ss -= close[i - ds]!;
    const d = fv - sv;
    const e = cash + pos * x;
    if (e !== prev) {
      const r = e / prev - 1;
      s1 += r;
      s2 += r * r;
      const m = (r - Math.abs(r)) * 0.5;
      down2 += m * m;
      if (e < floor || e > peak) {
        if (r < 0) {
          if (e < floor) {
            mdd = 1 - e / peak;
            floor = peak * (1 - mdd);
          }
        } else if (e > peak) {
          peak = e;
          floor = peak * (1 - mdd);
        }
      }
      prev = e;
    }
    // crossInto: exit where prev ≥ 0 > d
    const exit = pd >= 0 && d < 0;
    pd = d;
    if (exit) break;
  }
  S[SF] = sf;
  S[SS] = ss;
  S[PD] = pd;
  S[S1] = s1;
  S[S2] = s2;
  S[DOWN2] = down2;
  S[PEAK] = peak;
  S[MDD] = mdd;
  S[FLOOR] = floor;
  S[PREV] = prev;
  return i;
}

/**
 * The {@link RunMetrics} of the SMA-crossover study strategy (long when the fast SMA of closes crosses above the
 * slow one, flat when it crosses below; fills at the next open) in ONE pass over the bars with scalar state: both
 * SMAs as running sums (indicators' `sma` arithmetic, operation for operation), the crossing test, the fills and
 * the metric sums, without any column written. It reads only `close` (and `open` at fills), so a 1M-bar run streams
 * 8 MB instead of ~50 MB (two SMA columns, signals, equity and a metrics pass): the sweep's workers stop contending
 * for memory. Equals `equityMetrics(backtestSignals(bars, crossSignals(sma(fast), sma(slow))).equity, …)` bit for
 * bit (property test).
 *
 * @param open - bar opens.
 * @param close - bar closes.
 * @param fast - fast SMA window in bars (2 ≤ fast < slow).
 * @param slow - slow SMA window in bars.
 * @param costs - initial cash, units per entry, commission schedule, slippage (bps).
 * @param periodsPerYear - annualization factor.
 * @example
 * smaCrossRunMetrics(bars.open, bars.close, 10, 30, { initialCash: 1e5, qty: 10, commission, slippageBps: 1 }, 252).trades // → e.g. 94
 * @see TA-Lib `TA_SMA` (the running sum); https://vectorbt.dev/api/portfolio/base/#vectorbt.portfolio.base.Portfolio.from_signals
 */
export function smaCrossRunMetrics(
  open: Float64Array,
  close: Float64Array,
  fast: number,
  slow: number,
  costs: FusedCosts,
  periodsPerYear: number,
): RunMetrics {
  const n = close.length;
  const c = costs.commission;
  const bps = costs.slippageBps;
  const f = fast;
  const s = slow;
  const df = f - 1;
  const ds = s - 1;
  const initialCash = costs.initialCash;
  // Warm-up: while the slow SMA is undefined there is no crossing, no position and the equity is the initial cash.
  // sma(x, p) adds x[i], emits sum / p from i = p − 1 on, then subtracts x[i − p + 1]: the same sums here.
  let sf = 0;
  let ss = 0;
  const warm = Math.min(ds, n);
  let i = 0;
  for (; i < warm; i++) {
    const x = close[i]!;
    sf += x;
    if (i >= df) sf -= close[i - df]!;
    ss += x;
  }
  // crossInto's previous difference: NaN until both SMAs are defined on the previous bar
  let pd = Number.NaN;
  if (i < n) {
    const x = close[i]!;
    sf += x;
    const fv = sf / f;
    sf -= close[i - df]!;
    ss += x;
    const sv = ss / s;
    ss -= close[i - ds]!;
    pd = fv - sv;
    i++;
  }
  S[SF] = sf;
  S[SS] = ss;
  S[PD] = pd;
  resetMetrics(initialCash);
  let cash = initialCash;
  let pos = 0;
  let fills = 0;
  let trades = 0;
  let pending = 0;
  while (i < n) {
    if (pending !== 0) {
      cash = fillCash(cash, pending, open[i]!, c, bps);
      pos += pending;
      if (pos === 0) trades++;
      pending = 0;
      fills++;
    }
    if (pos === 0) {
      record(cash); // the equity is the cash on every flat bar: only the first of a flat stretch can move it
      i = flatCross(close, i, f, s);
      if (i >= n) break;
      pending = costs.qty;
    } else {
      i = longCross(close, i, f, s, cash, pos);
      if (i >= n) break;
      pending = -pos;
    }
    i++;
  }
  // an equity step from ~0 (r = +∞) is the one case the branch-free downside sum differs: redo it with the columns
  if (Number.isNaN(S[DOWN2]!) && S[S1] === Number.POSITIVE_INFINITY) {
    const { entries, exits } = crossSignals(sma(close, { period: f }), sma(close, { period: s }));
    return columnMetrics(open, close, entries, exits, costs, periodsPerYear);
  }
  const finalEquity = n === 0 ? initialCash : pos === 0 ? cash : cash + pos * close[n - 1]!;
  return finishMetrics(
    n,
    S[S1]!,
    S[S2]!,
    S[DOWN2]!,
    S[MDD]!,
    finalEquity,
    initialCash,
    periodsPerYear,
    fills,
    trades,
  );
}

/** The column path (equity column, then {@link equityMetrics}): the kernels' fallback for the r = +∞ case. */
function columnMetrics(
  open: Float64Array,
  close: Float64Array,
  entries: Uint8Array,
  exits: Uint8Array,
  costs: FusedCosts,
  periodsPerYear: number,
): RunMetrics {
  const r = backtestSignals({ open, close, length: close.length }, entries, exits, {
    initialCash: costs.initialCash,
    qty: costs.qty,
    commission: costs.commission,
    slippageBps: costs.slippageBps,
  });
  return equityMetrics(r.equity, costs.initialCash, periodsPerYear, r.fills, r.trades);
}
