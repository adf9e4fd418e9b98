import type { Figure, NumericColumn, Trace } from "../figure.js";
import { toPlotArray, toPlotDates } from "../figure.js";
import { baseLayout, palette } from "../theme.js";

/** One walk-forward fold as {@link walkForwardFigure} draws it (times in UTC epoch ms, half-open ranges). */
export interface WalkForwardFoldInput {
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testStart: number;
  readonly testEnd: number;
  /** In-sample objective of the chosen parameters (e.g. Sharpe). */
  readonly inSample?: number;
  /** Out-of-sample objective of the same parameters. */
  readonly outOfSample?: number;
  /** The chosen parameters, shown on hover (e.g. `"fast=10 slow=40"`). */
  readonly label?: string;
}

/** Options of {@link walkForwardFigure}. */
export interface WalkForwardFigureOptions {
  readonly title?: string;
  /** Name of the objective in the hover text and the lower panel. @default "Sharpe" */
  readonly objective?: string;
  /** The stitched out-of-sample equity drawn in a lower panel. */
  readonly equity?: { readonly ts: NumericColumn; readonly equity: NumericColumn };
}

/**
 * Walk-forward folds as a timeline — one row per fold, the in-sample window in blue and the out-of-sample window in
 * orange, the chosen parameters and the in-sample vs out-of-sample objective on hover — with the stitched
 * out-of-sample equity in a lower panel when given.
 *
 * @param folds - the folds in order.
 * @example
 * walkForwardFigure([{ trainStart: 0, trainEnd: 864e5 * 250, testStart: 864e5 * 250, testEnd: 864e5 * 313,
 *   inSample: 1.4, outOfSample: 0.6, label: "fast=10 slow=40" }]).data.length // → 2
 * @see https://plotly.com/javascript/bar-charts/#horizontal-bar-chart (base + x extents give a Gantt row)
 */
export function walkForwardFigure(
  folds: readonly WalkForwardFoldInput[],
  options: WalkForwardFigureOptions = {},
): Figure {
  const objective = options.objective ?? "Sharpe";
  const rows = folds.map((_, i) => `fold ${i + 1}`);
  const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "n/a" : v.toFixed(3));
  const hover = folds.map(
    (f) =>
      `${f.label ?? ""}<br>in-sample ${objective} ${fmt(f.inSample)}<br>out-of-sample ${objective} ${fmt(f.outOfSample)}`,
  );
  const gantt = (
    name: string,
    color: string,
    start: (f: WalkForwardFoldInput) => number,
    end: typeof start,
  ) =>
    ({
      type: "bar",
      orientation: "h",
      name,
      y: rows,
      base: folds.map((f) => new Date(start(f)).toISOString()),
      x: folds.map((f) => end(f) - start(f)),
      marker: { color },
      hovertext: hover,
      hoverinfo: "text+name",
      yaxis: "y",
    }) satisfies Trace;
  const data: Trace[] = [
    gantt(
      "in-sample",
      palette.blue,
      (f) => f.trainStart,
      (f) => f.trainEnd,
    ),
    gantt(
      "out-of-sample",
      palette.orange,
      (f) => f.testStart,
      (f) => f.testEnd,
    ),
  ];
  const layout = baseLayout(options.title ?? "Walk-forward folds", "Date (UTC)", "Fold");
  const withEquity = options.equity !== undefined;
  if (options.equity) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "stitched out-of-sample equity",
      x: toPlotDates(options.equity.ts),
      y: toPlotArray(options.equity.equity),
      line: { color: palette.green, width: 1.6 },
      yaxis: "y2",
    });
  }
  return {
    data,
    layout: {
      ...layout,
      barmode: "overlay",
      hovermode: "closest",
      // With the equity panel the shared date axis sits under it, at the bottom of the figure.
      xaxis: { ...(layout.xaxis as object), type: "date", ...(withEquity ? { anchor: "y2" } : {}) },
      yaxis: {
        ...(layout.yaxis as object),
        type: "category",
        autorange: "reversed",
        domain: withEquity ? [0.45, 1] : [0, 1],
      },
      ...(withEquity
        ? {
            yaxis2: {
              ...(layout.yaxis as object),
              title: { text: "Equity (USD)" },
              domain: [0, 0.38],
              anchor: "x",
            },
          }
        : {}),
    },
  };
}
