import type { Figure, NumericColumn, Trace } from "../figure.js";
import { toPlotArray, toPlotDates } from "../figure.js";
import { baseLayout, seriesColors } from "../theme.js";

/**
 * Several named line series over a shared x (dates when `dates` is true): rolling Sharpe, throughput, latency.
 *
 * @example
 * lineFigure(ts, [{ name: "Rolling Sharpe (63d)", values: rs }], { title: "Rolling Sharpe", yTitle: "Sharpe", dates: true });
 */
export function lineFigure(
  x: NumericColumn | readonly string[],
  series: readonly { name: string; values: NumericColumn }[],
  options: { title?: string; xTitle?: string; yTitle?: string; dates?: boolean; logY?: boolean } = {},
): Figure {
  const xs =
    typeof x[0] === "string"
      ? (x as readonly string[])
      : options.dates
        ? toPlotDates(x as NumericColumn)
        : toPlotArray(x as NumericColumn);
  const data: Trace[] = series.map((s, i) => ({
    type: "scatter",
    mode: "lines",
    name: s.name,
    x: xs,
    y: toPlotArray(s.values),
    line: { color: seriesColors[i % seriesColors.length], width: 1.6 },
  }));
  const layout = baseLayout(
    options.title ?? "Series",
    options.xTitle ?? (options.dates ? "Date (UTC)" : "Index"),
    options.yTitle ?? "Value",
  );
  return {
    data,
    layout: options.logY ? { ...layout, yaxis: { ...(layout.yaxis as object), type: "log" } } : layout,
  };
}

/**
 * Grouped bars: categories on x, one bar per group (fill-assumption sensitivity, benchmark ratios).
 *
 * @example
 * barFigure(["optimistic", "neutral", "pessimistic"], [{ name: "Sharpe", values: [1.4, 1.1, 0.7] }], { yTitle: "Sharpe" });
 */
export function barFigure(
  categories: readonly string[],
  groups: readonly { name: string; values: NumericColumn }[],
  options: { title?: string; xTitle?: string; yTitle?: string } = {},
): Figure {
  return {
    data: groups.map((g, i) => ({
      type: "bar",
      name: g.name,
      x: categories,
      y: toPlotArray(g.values),
      marker: { color: seriesColors[i % seriesColors.length] },
    })),
    layout: {
      ...baseLayout(options.title ?? "Comparison", options.xTitle ?? "Category", options.yTitle ?? "Value"),
      barmode: "group",
    },
  };
}

/**
 * A scatter of points (trade P&L against holding time, say), optionally coloured by sign.
 *
 * @example
 * scatterFigure(holdingHours, pnl, { title: "Trades", xTitle: "Holding time (h)", yTitle: "P&L (USD)", colorBySign: true });
 */
export function scatterFigure(
  x: NumericColumn,
  y: NumericColumn,
  options: { title?: string; xTitle?: string; yTitle?: string; colorBySign?: boolean; name?: string } = {},
): Figure {
  const colors = options.colorBySign
    ? Array.from(y as ArrayLike<number>, (v) => (v >= 0 ? "#16a34a" : "#dc2626"))
    : (seriesColors[0] as string);
  return {
    data: [
      {
        type: "scatter",
        mode: "markers",
        name: options.name ?? "points",
        x: toPlotArray(x),
        y: toPlotArray(y),
        marker: { color: colors, size: 6, opacity: 0.75 },
      },
    ],
    layout: {
      ...baseLayout(options.title ?? "Scatter", options.xTitle ?? "x", options.yTitle ?? "y"),
      hovermode: "closest",
    },
  };
}
