import type { BacktestResult } from "@quantkit/backtest";
import type { Bars } from "@quantkit/core";
import { valueAtRisk } from "@quantkit/risk-mc";
import type { Report } from "@quantkit/viz";
import { distributionFigure, equityFigure, escapeHtml, tradeMarkersFigure } from "@quantkit/viz";

/**
 * The Plotly report `quantkit backtest` writes as `report.html`: headline metrics, equity with drawdown shading and
 * the underwater panel, price with trade markers per symbol, and the histogram of per-sample returns with the
 * historical 99 % VaR marked. The engine never imports viz; this composition lives in the CLI.
 *
 * @example
 * writeHtmlReport("out/bt/report.html", backtestReport(result, bars));
 */
export function backtestReport(result: BacktestResult, bars: readonly Bars[]): Report {
  const eq = result.equity;
  const returns = new Float64Array(Math.max(0, eq.length - 1));
  for (let i = 1; i < eq.length; i++) returns[i - 1] = (eq[i] as number) / (eq[i - 1] as number) - 1;
  const var99 = returns.length > 0 ? valueAtRisk(returns, { level: 0.99 }) : Number.NaN;
  const m = result.metrics;
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const rows: [string, string][] = [
    ["Final equity", m.finalEquity.toFixed(2)],
    ["Total return", pct(m.totalReturn)],
    ["CAGR", pct(m.cagr)],
    ["Annual volatility", pct(m.annualVolatility)],
    ["Sharpe", m.sharpe.toFixed(2)],
    ["Max drawdown", pct(m.maxDrawdown)],
    ["Trades", String(m.trades)],
    ["Win rate", pct(m.winRate)],
    ["Profit factor", m.profitFactor.toFixed(2)],
    ["Orders / fills", `${result.orders.length} / ${result.fills.length}`],
  ];
  const table = `<table>${rows.map(([a, b]) => `<tr><td>${escapeHtml(a)}</td><td>${escapeHtml(b)}</td></tr>`).join("")}</table>`;
  const sections: Report["sections"][number][] = [
    { title: "Summary", html: table, text: String(result) },
    {
      title: "Equity and drawdown",
      figure: equityFigure(result.equityTs, eq, {
        title: "Equity (shaded: drawdowns deeper than 10 %)",
        shadeDrawdownsBeyond: 0.1,
      }),
    },
  ];
  for (const b of bars) {
    sections.push({
      title: `Trades on ${b.symbol}`,
      figure: tradeMarkersFigure(
        b.ts,
        b.close,
        result.trades.filter((t) => t.symbol === b.symbol),
        { title: `${b.symbol}: entries and exits`, priceTitle: "Price" },
      ),
    });
  }
  sections.push({
    title: "Returns",
    figure: distributionFigure(returns, {
      title: "Per-sample returns",
      xTitle: "Return (fraction)",
      valueAtRisk: var99,
      level: "99% (historical)",
    }),
  });
  return { title: `Backtest: ${result.config.strategy}`, subtitle: `Seed ${result.config.seed}`, sections };
}
