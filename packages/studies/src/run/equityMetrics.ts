/**
 * Headline metrics of one run, all computed the same way for both engines from the equity column (equity at each
 * bar's close) and its per-bar simple returns `r_i = e_i / e_{i−1} − 1` (with `e_{−1}` = initial cash).
 */
export interface RunMetrics {
  /** finalEquity / initialCash − 1. */
  readonly totalReturn: number;
  /** Annualized Sharpe (risk-free 0): mean / sample std (n − 1) of per-bar returns × √periodsPerYear. */
  readonly sharpe: number;
  /** Annualized Sortino (target 0): mean / √(Σ min(0, r)² / N) × √periodsPerYear; +∞ with no losing bar. */
  readonly sortino: number;
  /** Maximum drawdown from the running peak (initial cash included), a positive fraction. */
  readonly maxDrawdown: number;
  /** Annualized volatility: sample std of per-bar returns × √periodsPerYear. */
  readonly volatility: number;
  /** Completed round trips. */
  readonly trades: number;
  /** Fills (entries + exits). */
  readonly fills: number;
  readonly finalEquity: number;
  /** Bars in the run (after `range`). */
  readonly bars: number;
}

/**
 * Turns the running sums of a run's per-bar returns into {@link RunMetrics}: the one place both the column path
 * (`equityMetrics`) and the fused single-pass kernels finish, so they cannot drift apart.
 *
 * @param n - bars in the run.
 * @param s1 - Σ r over the bars (bars with an unchanged equity add nothing).
 * @param s2 - Σ r².
 * @param down2 - Σ r² over the losing bars.
 * @param mdd - maximum drawdown (positive fraction).
 * @param finalEquity - equity at the last bar's close (`initialCash` when `n` = 0).
 * @example
 * finishMetrics(0, 0, 0, 0, 0, 100, 100, 252, 0, 0).bars // → 0
 */
export function finishMetrics(
  n: number,
  s1: number,
  s2: number,
  down2: number,
  mdd: number,
  finalEquity: number,
  initialCash: number,
  periodsPerYear: number,
  fills: number,
  trades: number,
): RunMetrics {
  const mean = n > 0 ? s1 / n : Number.NaN;
  const m2 = Math.max(0, s2 - s1 * mean);
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN;
  const dd = n > 0 ? Math.sqrt(down2 / n) : Number.NaN;
  const ann = Math.sqrt(periodsPerYear);
  return {
    totalReturn: finalEquity / initialCash - 1,
    sharpe: sd > 0 ? (mean / sd) * ann : Number.NaN,
    sortino: dd > 0 ? (mean / dd) * ann : mean > 0 ? Number.POSITIVE_INFINITY : Number.NaN,
    maxDrawdown: n > 0 ? mdd : Number.NaN,
    volatility: sd * ann,
    trades,
    fills,
    finalEquity,
    bars: n,
  };
}

/**
 * The {@link RunMetrics} of an equity column in one pass (sums of r and r²), optionally writing the per-bar
 * returns into `returnsOut`.
 *
 * @param equity - equity at each bar's close.
 * @param initialCash - equity before the first bar.
 * @param periodsPerYear - annualization factor.
 * @example
 * equityMetrics(Float64Array.of(100, 110, 99), 100, 252, 2, 1).maxDrawdown // → 0.1
 */
export function equityMetrics(
  equity: Float64Array,
  initialCash: number,
  periodsPerYear: number,
  fills: number,
  trades: number,
  returnsOut?: Float64Array,
): RunMetrics {
  const n = equity.length;
  // Plain sums of r and r² (per-bar returns are ~1e-3 with a mean ≪ std, so no cancellation; error ~√n·ε), and a
  // division-free drawdown test: a division only where a new maximum drawdown is set. Flat bars cost nothing.
  // Branch-free downside sum: m = (r − |r|)·0.5 is exactly r when r < 0 (2r and its half are exact) and +0 otherwise,
  // so down2 += m² adds exactly what `if (r < 0) down2 += r * r` adds, without a branch that mispredicts on about
  // half the bars (it cost ~10 ns a bar, half a 1M-bar sweep run). The peak/floor test runs only when e leaves
  // [floor, peak]; inside it, the original r < 0 split, so the result is unchanged bit for bit.
  let s1 = 0;
  let s2 = 0;
  let down2 = 0;
  let peak = initialCash;
  let mdd = 0;
  let floor = peak; // peak · (1 − mdd): equity below it sets a new maximum drawdown
  let prev = initialCash;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (e === prev) {
      if (returnsOut !== undefined) returnsOut[i] = 0;
      continue;
    }
    const r = e / prev - 1;
    if (returnsOut !== undefined) returnsOut[i] = r;
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
  // (r − |r|)·0.5 is NaN, not 0, for r = +∞ (an equity step from ~0): only then can down2 differ from the
  // branching sum, and only a final s1 of +∞ makes that visible (a NaN s1 makes Sortino NaN either way).
  if (Number.isNaN(down2) && s1 === Number.POSITIVE_INFINITY) down2 = downsideSquares(equity, initialCash);
  const finalEquity = n > 0 ? equity[n - 1]! : initialCash;
  return finishMetrics(n, s1, s2, down2, mdd, finalEquity, initialCash, periodsPerYear, fills, trades);
}

/** Σ r² over the losing bars with the plain branch (the rare-case fallback of {@link equityMetrics}). */
function downsideSquares(equity: Float64Array, initialCash: number): number {
  let down2 = 0;
  let prev = initialCash;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e === prev) continue;
    const r = e / prev - 1;
    if (r < 0) down2 += r * r;
    prev = e;
  }
  return down2;
}
