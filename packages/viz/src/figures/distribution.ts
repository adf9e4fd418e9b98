import type { Figure, NumericColumn, Trace } from "../figure.js";
import { toPlotArray } from "../figure.js";
import { baseLayout, palette } from "../theme.js";

/** Options of {@link distributionFigure}. */
export interface DistributionOptions {
  readonly title?: string;
  /** x axis title with its unit. @default "Return" */
  readonly xTitle?: string;
  /** Number of histogram bins. @default 80 */
  readonly bins?: number;
  /** Value-at-Risk to mark, as a positive loss in the units of `values` (drawn at −VaR). */
  readonly valueAtRisk?: number;
  /** Expected shortfall (CVaR) to mark, as a positive loss (drawn at −CVaR). */
  readonly expectedShortfall?: number;
  /** Label of the risk level, e.g. "99%". */
  readonly level?: string;
}

/**
 * A histogram of values (returns, terminal P&L) with VaR and CVaR marked as vertical lines at −VaR and −CVaR
 * (quantkit reports both as positive losses).
 *
 * @example
 * distributionFigure(terminalPnl, { valueAtRisk: 12.3, expectedShortfall: 15.9, level: "99%", xTitle: "P&L (USD)" });
 */
export function distributionFigure(values: NumericColumn, options: DistributionOptions = {}): Figure {
  const data: Trace[] = [
    {
      type: "histogram",
      name: "Frequency",
      x: toPlotArray(values, 8),
      nbinsx: options.bins ?? 80,
      marker: { color: palette.blue, line: { color: "#ffffff", width: 0.5 } },
      opacity: 0.85,
    },
  ];
  const shapes: unknown[] = [];
  const annotations: unknown[] = [];
  const mark = (loss: number | undefined, label: string, color: string, y: number) => {
    if (loss === undefined || !Number.isFinite(loss)) return;
    shapes.push({
      type: "line",
      xref: "x",
      yref: "paper",
      x0: -loss,
      x1: -loss,
      y0: 0,
      y1: 1,
      line: { color, width: 2, dash: "dash" },
    });
    annotations.push({
      x: -loss,
      y,
      xref: "x",
      yref: "paper",
      text: `${label} ${options.level ?? ""} = ${loss.toPrecision(4)}`.replace("  ", " "),
      showarrow: false,
      xanchor: "right",
      font: { color },
    });
  };
  mark(options.valueAtRisk, "VaR", palette.orange, 0.95);
  mark(options.expectedShortfall, "CVaR", palette.red, 0.87);
  const layout = baseLayout(options.title ?? "Distribution", options.xTitle ?? "Return", "Count");
  return { data, layout: { ...layout, shapes, annotations, bargap: 0.02, hovermode: "closest" } };
}
