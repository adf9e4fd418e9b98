import { parseWith, ValidationError, type ValidationIssue } from "@quantkit/core";
import { z } from "zod";
import { alpha, beta, informationRatio, trackingError } from "./benchmarkStats.js";
import { maxDrawdown, maxDrawdownDuration, underwater } from "./drawdown.js";
import {
  annualizedReturn,
  cagr,
  sharpeRatio,
  simpleReturns,
  sortinoRatio,
  totalReturn,
  volatility,
} from "./returns.js";
import { mean } from "./stats.js";
import { historicalCVaR, historicalVaR } from "./tailRisk.js";
import { type TradeStats, tradeStats } from "./tradeStats.js";
import type { EquityCurve, TradeRecord } from "./types.js";

/**
 * Options of {@link computeAnalytics}. Conventions: simple returns between consecutive samples; sample (n − 1)
 * standard deviations; annual rates (risk-free, MAR) are compounded to per-period rates; ratios are annualized with
 * √periodsPerYear; alpha arithmetically (× periodsPerYear).
 * @example
 * analyticsOptionsSchema.parse({}); // → { periodsPerYear: 252, riskFreeRate: 0, mar: 0, varLevel: 0.95 }
 * @see {@link computeAnalytics}
 */
export const analyticsOptionsSchema = z
  .object({
    /** Samples per year: 252 for daily equity (default), 252 × 390 for 1-minute US equities, 365 for crypto days. */
    periodsPerYear: z.number().positive().default(252),
    /** Annual risk-free rate for Sharpe and alpha (default 0). */
    riskFreeRate: z.number().gt(-1).default(0),
    /** Annual minimum acceptable return for Sortino (default 0). */
    mar: z.number().gt(-1).default(0),
    /** VaR/CVaR confidence level (default 0.95). */
    varLevel: z.number().gt(0).lt(1).default(0.95),
  })
  .strict();
export type AnalyticsOptions = z.input<typeof analyticsOptionsSchema>;

/** Everything {@link computeAnalytics} reports. Fractions are plain numbers (0.05 = 5%). */
export interface Analytics extends TradeStats {
  readonly totalReturn: number;
  readonly annualizedReturn: number;
  readonly cagr: number;
  readonly volatility: number;
  readonly sharpe: number;
  readonly sortino: number;
  readonly calmar: number;
  readonly maxDrawdown: number;
  readonly maxDrawdownDurationMs: number;
  readonly maxDrawdownDurationBars: number;
  readonly maxDrawdownRecovered: boolean;
  /** Historical VaR and CVaR of period returns (positive = loss). */
  readonly valueAtRisk: number;
  readonly conditionalValueAtRisk: number;
  /** vs the benchmark (NaN without one). */
  readonly beta: number;
  readonly alpha: number;
  readonly trackingError: number;
  readonly informationRatio: number;
  /** Traded notional / mean equity over the whole curve. */
  readonly turnover: number;
  /** turnover × periodsPerYear / periods. */
  readonly annualizedTurnover: number;
  /** (fees + slippage) / initial equity. */
  readonly costsPctOfInitialEquity: number;
  readonly returns: Float64Array;
  readonly underwater: Float64Array;
}

function checkCurve(what: string, ts: Float64Array, values: Float64Array, issues: ValidationIssue[]): void {
  if (values.length !== ts.length) {
    issues.push({ path: what, message: `expected ${ts.length} values like ts, got ${values.length}` });
    return;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v > 0 && v < Number.POSITIVE_INFINITY)) {
      issues.push({ path: `${what}[${i}]`, message: `expected a finite equity > 0, got ${v}` });
      break;
    }
  }
}

/**
 * Computes the performance report of a backtest: returns, risk-adjusted ratios, drawdowns, tail risk, benchmark
 * statistics and trade statistics, with the conventions stated on {@link analyticsOptionsSchema}. The benchmark is
 * an equity (or price) curve aligned with `curve.ts` — build the default buy-and-hold one with `buyAndHold(close)`.
 *
 * @param curve - equity curve (≥ 2 samples, strictly increasing ts, equity > 0).
 * @param trades - closed trades (may be empty).
 * @param benchmark - benchmark levels aligned with `curve.ts`, optional.
 * @param options - see {@link analyticsOptionsSchema}.
 * @example
 * const a = computeAnalytics(curve, trades, buyAndHold(close), { riskFreeRate: 0.02 });
 * a.sharpe; // → 0.261 on the ORCL SMA-cross golden case
 * @throws ValidationError naming the offending index or option.
 * @see golden values: packages/backtest/test-data/analytics/golden_analytics.py (pandas/numpy)
 */
export function computeAnalytics(
  curve: EquityCurve,
  trades: readonly TradeRecord[] = [],
  benchmark?: Float64Array,
  options: AnalyticsOptions = {},
): Analytics {
  const o = parseWith(analyticsOptionsSchema, options, "analytics options");
  const { ts, equity } = curve;
  const issues: ValidationIssue[] = [];
  if (ts.length < 2) issues.push({ path: "curve.ts", message: `expected ≥ 2 samples, got ${ts.length}` });
  for (let i = 1; i < ts.length; i++) {
    if (!(ts[i]! > ts[i - 1]!)) {
      issues.push({
        path: `curve.ts[${i}]`,
        message: `expected > ts[${i - 1}] = ${ts[i - 1]}, got ${ts[i]}`,
      });
      break;
    }
  }
  checkCurve("curve.equity", ts, equity, issues);
  if (benchmark) checkCurve("benchmark", ts, benchmark, issues);
  trades.forEach((t, i) => {
    if (!(t.exitTs >= t.entryTs))
      issues.push({ path: `trades[${i}]`, message: `exitTs ${t.exitTs} < entryTs ${t.entryTs}` });
  });
  if (issues.length > 0) throw new ValidationError("analytics input", issues);

  const P = o.periodsPerYear;
  const r = simpleReturns(equity);
  const uw = underwater(equity);
  const mdd = maxDrawdown(equity);
  const spell = maxDrawdownDuration(ts, equity);
  const g = cagr(ts, equity);
  const rb = benchmark ? simpleReturns(benchmark) : undefined;
  const t = tradeStats(trades, ts[0]!, ts[ts.length - 1]!);
  const turnover = t.tradedNotional / mean(equity);
  return {
    totalReturn: totalReturn(equity),
    annualizedReturn: annualizedReturn(equity, P),
    cagr: g,
    volatility: volatility(r, P),
    sharpe: sharpeRatio(r, P, o.riskFreeRate),
    sortino: sortinoRatio(r, P, o.mar),
    calmar: mdd > 0 ? g / mdd : Number.NaN,
    maxDrawdown: mdd,
    maxDrawdownDurationMs: spell.durationMs,
    maxDrawdownDurationBars: spell.durationBars,
    maxDrawdownRecovered: spell.recovered,
    valueAtRisk: historicalVaR(r, o.varLevel),
    conditionalValueAtRisk: historicalCVaR(r, o.varLevel),
    beta: rb ? beta(r, rb) : Number.NaN,
    alpha: rb ? alpha(r, rb, P, o.riskFreeRate) : Number.NaN,
    trackingError: rb ? trackingError(r, rb, P) : Number.NaN,
    informationRatio: rb ? informationRatio(r, rb, P) : Number.NaN,
    ...t,
    turnover,
    annualizedTurnover: (turnover * P) / r.length,
    costsPctOfInitialEquity: (t.totalFees + t.totalSlippage) / equity[0]!,
    returns: r,
    underwater: uw,
  };
}
