import type { Figure, NumericColumn, Trace } from "../figure.js";
import { toPlotArray, toPlotDates } from "../figure.js";
import { baseLayout, palette } from "../theme.js";

/** Percentile bands of simulated paths at each step: `bands[p]` is the column of the p-th percentile. */
export interface FanChartInput {
  /** Step index or timestamps (epoch ms when `dates` is true). */
  readonly x: NumericColumn;
  /** Percentile (0–100) → values per step. Pairs symmetric around 50 are filled between. */
  readonly bands: Readonly<Record<number, NumericColumn>>;
  /** A few sample paths drawn thinly under the bands. */
  readonly samples?: readonly NumericColumn[];
  /** Treat `x` as epoch-ms timestamps. @default false */
  readonly dates?: boolean;
}

/**
 * A Monte Carlo fan chart: nested percentile bands (e.g. 5–95, 25–75) around the median path, optional sample paths.
 *
 * @example
 * fanChartFigure({ x: steps, bands: { 5: p5, 25: p25, 50: p50, 75: p75, 95: p95 } }, { title: "GBM paths", yTitle: "Price (USD)" });
 */
export function fanChartFigure(
  input: FanChartInput,
  options: { title?: string; xTitle?: string; yTitle?: string } = {},
): Figure {
  const x = input.dates ? toPlotDates(input.x) : toPlotArray(input.x);
  const levels = Object.keys(input.bands)
    .map(Number)
    .sort((a, b) => a - b);
  const data: Trace[] = [];
  for (const path of input.samples ?? []) {
    data.push({
      type: "scatter",
      mode: "lines",
      x,
      y: toPlotArray(path, 8),
      line: { color: "rgba(107,114,128,0.25)", width: 0.8 },
      showlegend: false,
      hoverinfo: "skip",
    });
  }
  // Outermost pairs first so inner bands draw on top.
  for (let i = 0; i < Math.floor(levels.length / 2); i++) {
    const lo = levels[i] as number;
    const hi = levels[levels.length - 1 - i] as number;
    const alpha = 0.15 + 0.15 * i;
    data.push({
      type: "scatter",
      mode: "lines",
      x,
      y: toPlotArray(input.bands[lo] as NumericColumn, 8),
      line: { width: 0 },
      showlegend: false,
      hoverinfo: "skip",
    });
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${lo}–${hi}th percentile`,
      x,
      y: toPlotArray(input.bands[hi] as NumericColumn, 8),
      fill: "tonexty",
      fillcolor: `rgba(0,114,178,${alpha.toFixed(2)})`,
      line: { width: 0 },
    });
  }
  if (input.bands[50]) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "Median",
      x,
      y: toPlotArray(input.bands[50], 8),
      line: { color: palette.blue, width: 2 },
    });
  }
  return {
    data,
    layout: baseLayout(
      options.title ?? "Simulated paths",
      options.xTitle ?? (input.dates ? "Date (UTC)" : "Step"),
      options.yTitle ?? "Value",
    ),
  };
}
