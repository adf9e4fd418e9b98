import type { RoundTrip } from "./round-trips.js";

/** Headline metrics of a run (a small set; the full analytics live in `computeMetrics`). */
export interface BasicMetrics {
  readonly totalReturn: number;
  readonly cagr: number;
  readonly annualVolatility: number;
  readonly sharpe: number;
  readonly maxDrawdown: number;
  readonly trades: number;
  readonly winRate: number;
  readonly profitFactor: number;
  readonly finalEquity: number;
}

const YEAR_MS = 365.25 * 86_400_000;

/**
 * Total return (vs `initial`), CAGR, annualized volatility and Sharpe (risk-free 0, sample standard deviation) of the
 * simple returns between consecutive equity samples, maximum drawdown (a positive fraction of the running peak),
 * trade count, win rate and profit factor.
 *
 * `periodsPerYear` defaults to the sampling frequency implied by the equity timestamps.
 *
 * @example
 * basicMetrics(new Float64Array([0, 86400000]), new Float64Array([100, 110]), []).totalReturn // → 0.1
 */
export function basicMetrics(
  ts: Float64Array,
  equity: Float64Array,
  trades: readonly RoundTrip[],
  initial = equity[0] ?? Number.NaN,
  periodsPerYear?: number,
): BasicMetrics {
  const n = equity.length;
  const last = n > 0 ? equity[n - 1]! : initial;
  const totalReturn = last / initial - 1;
  const years = n > 1 ? (ts[n - 1]! - ts[0]!) / YEAR_MS : Number.NaN;
  const cagr = years > 0 ? (last / initial) ** (1 / years) - 1 : Number.NaN;
  // simple returns between consecutive samples (Welford mean/variance), drawdown from the running peak
  let mean = 0;
  let m2 = 0;
  let k = 0;
  let peak = n > 0 ? equity[0]! : initial;
  let mdd = 0;
  for (let i = 1; i < n; i++) {
    const e = equity[i]!;
    const r = e / equity[i - 1]! - 1;
    k++;
    const d = r - mean;
    mean += d / k;
    m2 += d * (r - mean);
    if (e > peak) peak = e;
    const dd = 1 - e / peak;
    if (dd > mdd) mdd = dd;
  }
  const ppy = periodsPerYear ?? (years > 0 ? (n - 1) / years : Number.NaN);
  const sd = k > 1 ? Math.sqrt(m2 / (k - 1)) : Number.NaN;
  let wins = 0;
  let gp = 0;
  let gl = 0;
  for (const t of trades) {
    if (t.pnl > 0) {
      wins++;
      gp += t.pnl;
    } else gl -= t.pnl;
  }
  return {
    totalReturn,
    cagr,
    annualVolatility: sd * Math.sqrt(ppy),
    sharpe: sd > 0 ? (mean / sd) * Math.sqrt(ppy) : Number.NaN,
    maxDrawdown: mdd,
    trades: trades.length,
    winRate: trades.length > 0 ? wins / trades.length : Number.NaN,
    profitFactor: gl > 0 ? gp / gl : gp > 0 ? Number.POSITIVE_INFINITY : Number.NaN,
    finalEquity: last,
  };
}
