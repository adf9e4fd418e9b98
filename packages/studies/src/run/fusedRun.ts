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
  // fills: backtest's runSignals; metric sums: equityMetrics — operation for operation, in locals
  let cash = initialCash;
  let pos = 0;
  let fills = 0;
  let trades = 0;
  let s1 = 0;
  let s2 = 0;
  let down2 = 0;
  let peak = initialCash;
  let mdd = 0;
  let floor = peak;
  let prev = initialCash;
  let pending = 0;
  let i = 0;
  while (i < n) {
    if (pending !== 0) {
      const op = open[i]!;
      const sgn = pending > 0 ? 1 : -1;
      const px = bps > 0 ? op + sgn * ((op * bps) / 1e4) : op;
      const q = pending * sgn;
      cash -= pending * px + commissionFor(c, q, px);
      pos += pending;
      if (pos === 0) trades++;
      pending = 0;
      fills++;
    }
    if (pos === 0) {
      // the equity is the cash on every flat bar: only the first one of a flat stretch can move it
      const e = cash;
      if (e !== prev) {
        const r = e / prev - 1;
        s1 += r;
        s2 += r * r;
        const m = (r - Math.abs(r)) * 0.5; // r if r < 0 else +0, exactly (see equityMetrics)
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
      for (; i < n; i++) if (entries[i] === 1) break;
      if (i >= n) break;
      pending = costs.qty;
    } else {
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
      if (i >= n) break;
      pending = -pos;
    }
    i++;
  }
  // an equity step from ~0 (r = +∞) is the one case the branch-free downside sum differs: redo it with the columns
  if (Number.isNaN(down2) && s1 === Number.POSITIVE_INFINITY)
    return columnMetrics(open, close, entries, exits, costs, periodsPerYear);
  const finalEquity = n === 0 ? initialCash : pos === 0 ? cash : cash + pos * close[n - 1]!;
  return finishMetrics(n, s1, s2, down2, mdd, finalEquity, initialCash, periodsPerYear, fills, trades);
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
  // crossInto's previous difference (NaN until both SMAs are defined on the previous bar)
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
  // fills (backtest's runSignals) and metric sums (equityMetrics), operation for operation, in locals
  let cash = initialCash;
  let pos = 0;
  let fills = 0;
  let trades = 0;
  let s1 = 0;
  let s2 = 0;
  let down2 = 0;
  let peak = initialCash;
  let mdd = 0;
  let floor = peak;
  let prev = initialCash;
  let pending = 0;
  while (i < n) {
    if (pending !== 0) {
      const op = open[i]!;
      const sgn = pending > 0 ? 1 : -1;
      const px = bps > 0 ? op + sgn * ((op * bps) / 1e4) : op;
      const q = pending * sgn;
      cash -= pending * px + commissionFor(c, q, px);
      pos += pending;
      if (pos === 0) trades++;
      pending = 0;
      fills++;
    }
    if (pos === 0) {
      // the equity is the cash on every flat bar: only the first one can move it
      const e = cash;
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
      let entry = false;
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
        entry = pd <= 0 && d > 0;
        pd = d;
        if (entry) break;
      }
      if (i >= n) break;
      pending = costs.qty;
    } else {
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
          const m = (r - Math.abs(r)) * 0.5; // r if r < 0 else +0, exactly (see equityMetrics)
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
        const exit = pd >= 0 && d < 0;
        pd = d;
        if (exit) break;
      }
      if (i >= n) break;
      pending = -pos;
    }
    i++;
  }
  // an equity step from ~0 (r = +∞) is the one case the branch-free downside sum differs: redo it with the columns
  if (Number.isNaN(down2) && s1 === Number.POSITIVE_INFINITY) {
    const { entries, exits } = crossSignals(sma(close, { period: f }), sma(close, { period: s }));
    return columnMetrics(open, close, entries, exits, costs, periodsPerYear);
  }
  const finalEquity = n === 0 ? initialCash : pos === 0 ? cash : cash + pos * close[n - 1]!;
  return finishMetrics(n, s1, s2, down2, mdd, finalEquity, initialCash, periodsPerYear, fills, trades);
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
