import { describe, expect, it } from "vitest";
import { alpha, beta, buyAndHold, informationRatio, trackingError } from "./benchmarkStats.js";
import { maxDrawdown, maxDrawdownDuration, underwater } from "./drawdown.js";
import {
  annualizedReturn,
  cagr,
  sharpeRatio,
  simpleReturns,
  sortinoRatio,
  totalReturn,
  volatility,
  YEAR_MS,
} from "./returns.js";
import { kahanSum, quantileSorted, sampleCovariance } from "./stats.js";
import { historicalCVaR, historicalVaR } from "./tailRisk.js";
import { tradeStats } from "./tradeStats.js";

const f = (...x: number[]) => Float64Array.from(x);

describe("analytics functions: the documented examples hold", () => {
  it("returns", () => {
    expect(Array.from(simpleReturns(f(100, 110, 99)))).toEqual([0.10000000000000009, -0.09999999999999998]);
    expect(totalReturn(f(100, 150))).toBe(0.5);
    expect(annualizedReturn(f(100, 121), 0.5)).toBeCloseTo(0.1, 14);
    expect(cagr(f(0, 2 * YEAR_MS), f(100, 121))).toBeCloseTo(0.1, 14);
    expect(volatility(f(0.01, -0.01), 252)).toBeCloseTo(Math.SQRT2 * 0.01 * Math.sqrt(252), 14);
    expect(sharpeRatio(f(0.02, 0, 0.01), 252, 0)).toBeCloseTo(Math.sqrt(252), 12);
    expect(sortinoRatio(f(0.02, -0.01, 0.02), 1, 0)).toBeCloseTo(0.01 / Math.sqrt(0.0001 / 3), 12);
    expect(sortinoRatio(f(0.01, 0.02), 1, 0)).toBe(Number.POSITIVE_INFINITY);
  });
  it("drawdowns", () => {
    expect(Array.from(underwater(f(100, 120, 90, 130)))).toEqual([0, 0, -0.25, 0]);
    expect(maxDrawdown(f(100, 120, 90, 130))).toBe(0.25);
    expect(maxDrawdownDuration(f(0, 1, 2, 3, 4), f(100, 90, 95, 100, 99))).toEqual({
      durationMs: 3,
      durationBars: 3,
      startIndex: 0,
      endIndex: 3,
      recovered: true,
    });
    expect(maxDrawdownDuration(f(0, 1, 2), f(1, 2, 3)).durationBars).toBe(0);
  });
  it("tail risk and stats", () => {
    const r = f(-0.05, -0.01, 0, 0.01, 0.02);
    expect(historicalVaR(r, 0.75)).toBeCloseTo(0.01, 15);
    expect(historicalCVaR(r, 0.75)).toBeCloseTo(0.03, 15);
    expect(quantileSorted(f(1, 2, 3, 4), 0.5)).toBe(2.5);
    expect(kahanSum(f(1e16, 1, -1e16))).toBe(1);
    expect(sampleCovariance(f(1, 2, 3), f(2, 4, 6))).toBe(2);
  });
  it("benchmark statistics", () => {
    expect(Array.from(buyAndHold(f(10, 12, 9), 100))).toEqual([100, 120, 90]);
    expect(beta(f(0.02, -0.02, 0.04), f(0.01, -0.01, 0.02))).toBeCloseTo(2, 14);
    expect(alpha(f(0.03, -0.01, 0.05), f(0.01, -0.01, 0.02), 1)).toBeCloseTo(0.01, 14);
    expect(trackingError(f(0.02, 0), f(0.01, 0.01), 1)).toBeCloseTo(Math.SQRT2 / 100, 14);
    expect(informationRatio(f(0.03, 0.01), f(0.01, 0.01), 1)).toBeCloseTo(Math.SQRT1_2, 14);
  });
  it("trade statistics: profit factor edge cases and overlapping exposure", () => {
    const t = (entryTs: number, exitTs: number, pnl: number) => ({
      symbol: "X",
      entryTs,
      exitTs,
      qty: 1,
      entryPrice: 10,
      exitPrice: 10,
      pnl,
      fees: 0,
    });
    expect(tradeStats([t(0, 10, 2)], 0, 20).exposure).toBe(0.5);
    expect(tradeStats([t(0, 10, 2)], 0, 20).profitFactor).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(tradeStats([t(0, 10, 0)], 0, 20).profitFactor)).toBe(true);
    const s = tradeStats([t(0, 10, 3), t(5, 15, -1), t(18, 20, 0)], 0, 20);
    expect(s.exposure).toBe(17 / 20); // [0,15] ∪ [18,20]
    expect(s.winRate).toBeCloseTo(1 / 3, 15);
    expect(s.profitFactor).toBe(3);
    expect(s.medianHoldingMs).toBe(10);
  });
});
