import type { BacktestConfigInput, BacktestResult } from "@quantkit/backtest";
import { fillSensitivity, rollingSharpe, runBacktest, simpleReturns } from "@quantkit/backtest";
import type { Bars } from "@quantkit/core";
import { expectedShortfall, summarize, tradeMonteCarlo, valueAtRisk } from "@quantkit/risk-mc";
import type { Figure } from "@quantkit/viz";
import { barFigure, distributionFigure, equityFigure, lineFigure, scatterFigure } from "@quantkit/viz";

/** What the backtest step produced. */
export interface BacktestStepResult {
  readonly result: BacktestResult;
  readonly sensitivity: readonly {
    metric: string;
    optimistic: number;
    neutral: number;
    pessimistic: number;
  }[];
  readonly risk: {
    readonly dailyVaR99: number;
    readonly dailyCVaR99: number;
    readonly tradeMcSimulations: number;
    readonly pMaxDrawdownOver30: number;
    readonly medianFinalEquity: number;
  };
  readonly figures: readonly { name: string; shows: string; figure: Figure }[];
  readonly lines: readonly string[];
}

/** The showcase strategy: SMA(10/30) crossover, long or flat, 95 % of equity, per-share commissions, 2 bps slippage. */
export const SHOWCASE_BACKTEST: BacktestConfigInput = {
  strategy: "sma-cross",
  params: { fast: 10, slow: 30, sizing: { percentEquity: 0.95 } },
  initialCash: 100_000,
  commission: { perShare: 0.005, minimum: 1 },
  fill: { intrabar: "pessimistic", limitFill: "through", slippage: { model: "fixed-bps", bps: 2 } },
  risk: { maxOrderQty: { default: 1_000_000 }, killSwitch: { maxDrawdown: 0.75 } },
  seed: 7,
};

/**
 * An event-driven SMA-crossover backtest on the daily series, the same backtest under optimistic / neutral /
 * pessimistic fills, and the Monte Carlo risk of the result (daily VaR/CVaR of the equity returns, trade-level
 * bootstrap of drawdowns).
 */
export async function backtestStep(daily: Bars): Promise<BacktestStepResult> {
  const result = runBacktest(SHOWCASE_BACKTEST, { bars: [daily] });
  const sens = fillSensitivity(SHOWCASE_BACKTEST, { bars: [daily] });
  const sensitivity = sens.rows.map((r) => ({
    metric: String(r.metric),
    optimistic: r.optimistic,
    neutral: r.neutral,
    pessimistic: r.pessimistic,
  }));

  const eq = result.equity;
  const returns = simpleReturns(eq);
  const sharpe63 = rollingSharpe(returns, 63);
  const dailyVaR99 = valueAtRisk(returns, { level: 0.99 });
  const dailyCVaR99 = expectedShortfall(returns, { level: 0.99 });
  const tradeReturns = result.trades.map((t) => t.pnl / (Math.abs(t.maxQty) * t.entryPrice));
  const simulations = 5000;
  const mc = await tradeMonteCarlo(tradeReturns, {
    method: "bootstrap",
    simulations,
    seed: 11,
    initialEquity: 1,
  });
  const medianFinalEquity = summarize(mc.finalEquity, [0.5]).quantiles["0.5"] as number;
  const pMaxDrawdownOver30 = mc.probabilityMaxDrawdownExceeds(0.3);

  const buyHold = Float64Array.from(daily.close, (c) => (c / (daily.close[0] as number)) * 100_000);
  // The equity curve is sampled at bar closes; align buy-and-hold to the same samples by timestamp.
  const bhAligned = new Float64Array(eq.length);
  let j = 0;
  for (let i = 0; i < eq.length; i++) {
    while (j + 1 < daily.length && (daily.ts[j + 1] as number) < (result.equityTs[i] as number)) j++;
    bhAligned[i] = buyHold[j] as number;
  }
  const metrics = ["sharpe", "cagr", "maxDrawdown"] as const;
  const pick = (m: string) => sensitivity.find((s) => s.metric === m);
  const holdingDays = Float64Array.from(result.trades, (t) => (t.exitTs - t.entryTs) / 86_400_000);
  const pnl = Float64Array.from(result.trades, (t) => t.pnl);
  const m = result.metrics;
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  return {
    result,
    sensitivity,
    risk: { dailyVaR99, dailyCVaR99, tradeMcSimulations: simulations, pMaxDrawdownOver30, medianFinalEquity },
    figures: [
      {
        name: "backtest-equity",
        shows: `SMA(10/30) crossover on ${daily.symbol}: equity vs buy-and-hold with drawdowns`,
        figure: equityFigure(result.equityTs, eq, {
          title: `SMA(10/30) crossover on ${daily.symbol} (event-driven, pessimistic intrabar fills)`,
          benchmark: { name: "Buy & hold", equity: bhAligned },
          shadeDrawdownsBeyond: 0.2,
        }),
      },
      {
        name: "backtest-rolling-sharpe",
        shows: "Rolling 63-day annualized Sharpe ratio of the strategy's daily returns",
        figure: lineFigure(result.equityTs.subarray(1), [{ name: "Sharpe (63 days)", values: sharpe63 }], {
          title: `SMA(10/30) on ${daily.symbol}: rolling 63-day Sharpe ratio`,
          yTitle: "Sharpe ratio (annualized)",
          dates: true,
        }),
      },
      {
        name: "backtest-returns",
        shows: "Histogram of the strategy's daily returns with the 99 % VaR and CVaR",
        figure: distributionFigure(returns, {
          title: `SMA(10/30) on ${daily.symbol}: daily returns`,
          xTitle: "Daily return (fraction)",
          valueAtRisk: dailyVaR99,
          expectedShortfall: dailyCVaR99,
          level: "99%",
        }),
      },
      {
        name: "backtest-fill-sensitivity",
        shows: "The same backtest under optimistic, neutral and pessimistic fill assumptions",
        figure: barFigure(
          ["optimistic", "neutral", "pessimistic"],
          metrics.map((k) => {
            const row = pick(k);
            return {
              name: k,
              values: row
                ? [row.optimistic, row.neutral, row.pessimistic]
                : [Number.NaN, Number.NaN, Number.NaN],
            };
          }),
          { title: "Fill-assumption sensitivity", xTitle: "Fill assumption", yTitle: "Metric value (ratio)" },
        ),
      },
      {
        name: "backtest-trades",
        shows: "Round-trip trades: P&L against holding time",
        figure: scatterFigure(holdingDays, pnl, {
          title: "Trades: P&L vs holding time",
          xTitle: "Holding time (days)",
          yTitle: "P&L (USD)",
          colorBySign: true,
          name: "trade",
        }),
      },
      {
        name: "backtest-trade-mc-drawdown",
        shows: `Trade-level bootstrap (${simulations} sequences): distribution of maximum drawdown`,
        figure: distributionFigure(
          Float64Array.from(mc.maxDrawdown, (d) => -d),
          {
            title: "Bootstrapped maximum drawdown of the strategy",
            xTitle: "Maximum drawdown (fraction, negative)",
            bins: 60,
          },
        ),
      },
    ],
    lines: [
      String(result),
      `Fill sensitivity (Sharpe): optimistic ${pick("sharpe")?.optimistic.toFixed(2)}, neutral ${pick("sharpe")?.neutral.toFixed(2)}, pessimistic ${pick("sharpe")?.pessimistic.toFixed(2)}`,
      `Risk of the strategy: daily 99 % VaR ${pct(dailyVaR99)}, CVaR ${pct(dailyCVaR99)}; trade bootstrap (${simulations}×, seed 11): P(max drawdown > 30 %) = ${pct(pMaxDrawdownOver30)}, median final equity ×${medianFinalEquity.toFixed(2)}`,
      `  (headline: CAGR ${pct(m.cagr)}, Sharpe ${m.sharpe.toFixed(2)}, max drawdown ${pct(m.maxDrawdown)})`,
    ],
  };
}
