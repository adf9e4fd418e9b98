import { kahanSum, mean } from "./stats.js";
import type { TradeRecord } from "./types.js";

/** Per-trade statistics (see {@link tradeStats}). */
export interface TradeStats {
  readonly tradeCount: number;
  /** Share of trades with pnl > 0 (a zero-pnl trade is not a win). NaN without trades. */
  readonly winRate: number;
  /** Gross profit / gross loss (both of net pnl); +Infinity with wins and no losses, NaN without trades. */
  readonly profitFactor: number;
  /** Mean net pnl per trade (account currency). */
  readonly expectancy: number;
  /** Mean pnl of winning trades (NaN without wins). */
  readonly avgWin: number;
  /** Mean pnl of losing trades, negative (NaN without losses). */
  readonly avgLoss: number;
  /** Holding time (exitTs − entryTs) in ms: mean, median (type 7), max. */
  readonly avgHoldingMs: number;
  readonly medianHoldingMs: number;
  readonly maxHoldingMs: number;
  /** Traded notional Σ qty × (entryPrice + exitPrice), account currency. */
  readonly tradedNotional: number;
  readonly totalFees: number;
  readonly totalSlippage: number;
  /** Share of the span [spanStart, spanEnd] with at least one open trade (union of [entryTs, exitTs]). */
  readonly exposure: number;
}

/**
 * Trade statistics: win rate, profit factor, expectancy, average win/loss, holding times, traded notional, costs
 * and time exposure.
 *
 * @param trades - closed trades.
 * @param spanStart - start of the evaluation span (UTC ms), usually the equity curve's first ts.
 * @param spanEnd - its end.
 * @example
 * tradeStats([{ symbol: "X", entryTs: 0, exitTs: 10, qty: 1, entryPrice: 10, exitPrice: 12, pnl: 2, fees: 0 }], 0, 20).exposure; // → 0.5
 * @see Tharp, "Trade Your Way to Financial Freedom" (expectancy); Schwager (profit factor)
 */
export function tradeStats(trades: readonly TradeRecord[], spanStart: number, spanEnd: number): TradeStats {
  const n = trades.length;
  const pnl = new Float64Array(n);
  const hold = new Float64Array(n);
  let wins = 0;
  let losses = 0;
  const winPnl: number[] = [];
  const lossPnl: number[] = [];
  const notional = new Float64Array(n);
  const fees = new Float64Array(n);
  const slip = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = trades[i]!;
    pnl[i] = t.pnl;
    hold[i] = t.exitTs - t.entryTs;
    if (t.pnl > 0) {
      wins++;
      winPnl.push(t.pnl);
    } else if (t.pnl < 0) {
      losses++;
      lossPnl.push(t.pnl);
    }
    notional[i] = Math.abs(t.qty) * (t.entryPrice + t.exitPrice);
    fees[i] = t.fees;
    slip[i] = t.slippage ?? 0;
  }
  const grossWin = kahanSum(winPnl);
  const grossLoss = -kahanSum(lossPnl);
  const sortedHold = Float64Array.from(hold).sort();
  const h = (n - 1) * 0.5;
  const median =
    n === 0
      ? Number.NaN
      : sortedHold[Math.floor(h)]! +
        (h - Math.floor(h)) * (sortedHold[Math.ceil(h)]! - sortedHold[Math.floor(h)]!);
  // exposure: merge the intervals in entry order, clipped to the span
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => trades[a]!.entryTs - trades[b]!.entryTs,
  );
  let covered = 0;
  let cs = Number.NaN;
  let ce = Number.NaN;
  for (const i of order) {
    const s = Math.max(trades[i]!.entryTs, spanStart);
    const e = Math.min(trades[i]!.exitTs, spanEnd);
    if (e < s) continue;
    if (Number.isNaN(ce) || s > ce) {
      if (!Number.isNaN(ce)) covered += ce - cs;
      cs = s;
      ce = e;
    } else if (e > ce) ce = e;
  }
  if (!Number.isNaN(ce)) covered += ce - cs;
  return {
    tradeCount: n,
    winRate: n === 0 ? Number.NaN : wins / n,
    profitFactor:
      n === 0
        ? Number.NaN
        : grossLoss > 0
          ? grossWin / grossLoss
          : grossWin > 0
            ? Number.POSITIVE_INFINITY
            : Number.NaN,
    expectancy: mean(pnl),
    avgWin: wins === 0 ? Number.NaN : grossWin / wins,
    avgLoss: losses === 0 ? Number.NaN : -grossLoss / losses,
    avgHoldingMs: mean(hold),
    medianHoldingMs: median,
    maxHoldingMs: n === 0 ? Number.NaN : sortedHold[n - 1]!,
    tradedNotional: kahanSum(notional),
    totalFees: kahanSum(fees),
    totalSlippage: kahanSum(slip),
    exposure: spanEnd > spanStart ? covered / (spanEnd - spanStart) : Number.NaN,
  };
}
