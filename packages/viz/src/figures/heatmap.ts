import type { Figure } from "../figure.js";
import { baseLayout } from "../theme.js";

/** Options of {@link heatmapFigure}. */
export interface HeatmapOptions {
  readonly title?: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  readonly xLabels?: readonly (string | number)[];
  readonly yLabels?: readonly (string | number)[];
  /** Colour bar title with unit. */
  readonly colorTitle?: string;
  /** Write each cell's value in the cell. @default true when the matrix has ≤ 100 cells */
  readonly annotate?: boolean;
  /** Digits shown in annotations. @default 3 */
  readonly digits?: number;
}

/**
 * A heatmap of a matrix given as rows (`matrix[row][col]`): transition matrices, parameter-sweep surfaces,
 * correlation matrices.
 *
 * @example
 * heatmapFigure([[0.97, 0.03], [0.05, 0.95]], { title: "Transition matrix", xLabels: ["calm", "turbulent"],
 *   yLabels: ["calm", "turbulent"], xTitle: "To state", yTitle: "From state", colorTitle: "P" });
 */
export function heatmapFigure(matrix: readonly (readonly number[])[], options: HeatmapOptions = {}): Figure {
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  const x = options.xLabels ?? Array.from({ length: cols }, (_, j) => j);
  const y = options.yLabels ?? Array.from({ length: rows }, (_, i) => i);
  const digits = options.digits ?? 3;
  const annotate = options.annotate ?? rows * cols <= 100;
  const annotations: unknown[] = [];
  if (annotate) {
    matrix.forEach((row, i) => {
      row.forEach((v, j) => {
        annotations.push({
          x: x[j],
          y: y[i],
          text: Number.isFinite(v) ? v.toFixed(digits) : "",
          showarrow: false,
        });
      });
    });
  }
  const layout = baseLayout(options.title ?? "Heatmap", options.xTitle ?? "", options.yTitle ?? "");
  return {
    data: [
      {
        type: "heatmap",
        x,
        y,
        z: matrix.map((r) => r.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(10)) : null))),
        colorscale: "Viridis",
        colorbar: { title: { text: options.colorTitle ?? "" } },
      },
    ],
    layout: {
      ...layout,
      annotations,
      yaxis: { ...(layout.yaxis as object), autorange: "reversed", type: "category" },
      xaxis: { ...(layout.xaxis as object), type: "category" },
      hovermode: "closest",
    },
  };
}
