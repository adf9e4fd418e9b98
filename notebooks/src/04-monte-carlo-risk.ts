// %% [markdown]
// # Monte Carlo risk: VaR/CVaR, fan charts, Sharpe uncertainty, VaR backtests
// VaR and CVaR are positive losses at a confidence level; CVaR ≥ VaR always. Every simulation takes a seed and gives
// the same numbers on one or many workers.
// %%
import { openStore } from "@quantkit/data";
import { valueAtRisk, expectedShortfall, simulateGbm, percentileBands, sharpeRatio, probabilisticSharpeRatio, backtestVaR } from "@quantkit/risk-mc";
import { fanChartFigure, distributionFigure, show } from "@quantkit/viz";

const store = await openStore();
const bars = await store.getBars({ symbol: "NVDA", timeframe: "1d" });
await store.close();
const returns = new Float64Array(bars.length - 1);
for (let i = 1; i < bars.length; i++) returns[i - 1] = bars.close[i]! / bars.close[i - 1]! - 1;
// %% [markdown]
// ## One-day VaR and CVaR by method
// %%
const rows = (["historical", "gaussian", "student-t", "cornish-fisher"] as const).map((method) => ({
  method,
  "VaR 99%": (valueAtRisk(returns, { level: 0.99, method }) * 100).toFixed(2) + " %",
  "CVaR 99%": (expectedShortfall(returns, { level: 0.99, method }) * 100).toFixed(2) + " %",
}));
console.table(rows);
// %% [markdown]
// ## Simulated paths, same seed on 1 and 2 workers
// %%
const opts = { s0: 100, mu: 0.1, sigma: 0.45, dt: 1 / 252, steps: 252, paths: 5000, seed: 7 };
const one = await simulateGbm({ ...opts, workers: 1 });
const two = await simulateGbm({ ...opts, workers: 2 });
console.log("identical terminal values on 1 and 2 workers:", one.terminal.every((v, i) => Object.is(v, two.terminal[i])));
const b = percentileBands(one.paths!, 253);
const row = (j: number) => b.bands.subarray(j * 253, (j + 1) * 253);
show(fanChartFigure({ x: Float64Array.from({ length: 253 }, (_, i) => i), bands: { 5: row(0), 25: row(1), 50: row(2), 75: row(3), 95: row(4) } }, { title: "GBM paths (seed 7)", xTitle: "Trading day", yTitle: "Price (USD)" }));
// %%
const pnl = Float64Array.from(one.terminal, (v) => v / 100 - 1);
show(distributionFigure(pnl, { title: "One-year return distribution", xTitle: "Return", valueAtRisk: valueAtRisk(pnl, { level: 0.99 }), expectedShortfall: expectedShortfall(pnl, { level: 0.99 }), level: "99%" }));
// %% [markdown]
// ## Is the Sharpe ratio real?
// %%
const sr = sharpeRatio(returns);
console.log({ sharpePerDay: sr.toFixed(4), psrVsZero: probabilisticSharpeRatio(returns, { benchmark: 0 }).toFixed(4) });
// %% [markdown]
// ## Would a historical VaR have held up? (Kupiec and Christoffersen)
// %%
const bt = backtestVaR(returns, { window: 500, level: 0.99, method: "historical" });
console.log({ exceptions: bt.exceptionCount, expected: bt.kupiec.observations * bt.kupiec.expectedRate, kupiecP: bt.kupiec.pValue, christoffersenP: bt.christoffersen.conditionalCoverage.pValue });
