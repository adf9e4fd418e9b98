import { expectedShortfall, moments, percentileBands, simulateGbm, valueAtRisk } from "@quantkit/risk-mc";
import type { Figure } from "@quantkit/viz";
import { distributionFigure, fanChartFigure } from "@quantkit/viz";

/** What the risk step measured. */
export interface RiskStepResult {
  readonly level: number;
  readonly daily: Readonly<Record<string, { valueAtRisk: number; expectedShortfall: number }>>;
  readonly simulation: {
    readonly paths: number;
    readonly steps: number;
    readonly seed: number;
    readonly valueAtRisk: number;
    readonly expectedShortfall: number;
  };
  readonly figures: readonly { name: string; shows: string; figure: Figure }[];
  readonly lines: readonly string[];
}

const METHODS = ["historical", "gaussian", "student-t", "cornish-fisher"] as const;

/**
 * Daily 99 % VaR/CVaR of a return series by four methods, then a seeded GBM simulation of one year of a position
 * worth `notional` calibrated to the same returns: fan chart of the paths, distribution of the terminal P&L with its
 * VaR and CVaR.
 */
export async function riskStep(
  label: string,
  returns: Float64Array,
  options: { notional?: number; paths?: number; seed?: number; periodsPerYear?: number } = {},
): Promise<RiskStepResult> {
  const level = 0.99;
  const daily: Record<string, { valueAtRisk: number; expectedShortfall: number }> = {};
  for (const method of METHODS) {
    daily[method] = {
      valueAtRisk: valueAtRisk(returns, { level, method }),
      expectedShortfall: expectedShortfall(returns, { level, method }),
    };
  }
  const q = options.periodsPerYear ?? 252;
  const logReturns = Float64Array.from(returns, (r) => Math.log1p(r));
  const { mean: m, std: sdDaily } = moments(logReturns);
  const sigma = sdDaily * Math.sqrt(q);
  const mu = m * q + 0.5 * sigma * sigma;
  const notional = options.notional ?? 1_000_000;
  const paths = options.paths ?? 20_000;
  const seed = options.seed ?? 42;
  const sim = await simulateGbm({ s0: notional, mu, sigma, dt: 1 / q, steps: q, paths, seed, workers: 1 });
  const pnl = Float64Array.from(sim.terminal, (v) => v - notional);
  const pnlReturns = Float64Array.from(pnl, (v) => v / notional);
  const simVar = valueAtRisk(pnlReturns, { level }) * notional;
  const simEs = expectedShortfall(pnlReturns, { level }) * notional;
  const bands = percentileBands(sim.paths as Float64Array, q + 1, [0.05, 0.25, 0.5, 0.75, 0.95]);
  const row = (j: number) => bands.bands.subarray(j * (q + 1), (j + 1) * (q + 1));
  const x = Float64Array.from({ length: q + 1 }, (_, i) => i);
  const samples = [0, 1, 2, 3, 4].map((i) =>
    (sim.paths as Float64Array).subarray(i * (q + 1), (i + 1) * (q + 1)),
  );
  const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
  return {
    level,
    daily,
    simulation: { paths, steps: q, seed, valueAtRisk: simVar, expectedShortfall: simEs },
    figures: [
      {
        name: "risk-gbm-fan",
        shows: `GBM fan chart: ${paths} seeded one-year paths of a ${notional.toLocaleString("en-US")} USD position calibrated to ${label}`,
        figure: fanChartFigure(
          { x, bands: { 5: row(0), 25: row(1), 50: row(2), 75: row(3), 95: row(4) }, samples },
          {
            title: `One-year GBM paths calibrated to ${label} (seed ${seed})`,
            xTitle: "Trading day",
            yTitle: "Position value (USD)",
          },
        ),
      },
      {
        name: "risk-terminal-pnl",
        shows: "Distribution of one-year terminal P&L with 99 % VaR and CVaR",
        figure: distributionFigure(pnl, {
          title: "One-year P&L distribution (GBM)",
          xTitle: "P&L (USD)",
          valueAtRisk: simVar,
          expectedShortfall: simEs,
          level: "99%",
        }),
      },
    ],
    lines: [
      `Risk of ${label}, daily, 99 %: ${METHODS.map((k) => `${k} VaR ${pct((daily[k] as { valueAtRisk: number }).valueAtRisk)} / CVaR ${pct((daily[k] as { expectedShortfall: number }).expectedShortfall)}`).join("; ")}`,
      `  GBM (μ ${pct(mu)}, σ ${pct(sigma)} a year, ${paths} paths, seed ${seed}): one-year 99 % VaR ${Math.round(simVar).toLocaleString("en-US")} USD, CVaR ${Math.round(simEs).toLocaleString("en-US")} USD on ${notional.toLocaleString("en-US")} USD`,
    ],
  };
}
