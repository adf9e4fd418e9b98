import type { Figure, NumericColumn, Trace } from "../figure.js";
import { toPlotArray, toPlotDates } from "../figure.js";
import { baseLayout, palette } from "../theme.js";

/** Options of {@link equityFigure}. */
export interface EquityOptions {
  /** @default "Equity and drawdown" */
  readonly title?: string;
  /** Currency or unit of the equity axis. @default "USD" */
  readonly unit?: string;
  /** A benchmark equity (e.g. buy-and-hold) on the same timestamps. */
  readonly benchmark?: { readonly name: string; readonly equity: NumericColumn };
  /** Shade drawdown periods deeper than this fraction (0.05 = 5 %). @default 0.05 */
  readonly shadeDrawdownsBeyond?: number;
}

/**
 * Drawdown of an equity curve as a negative fraction of the running peak (0 at new highs).
 *
 * @example
 * underwater(new Float64Array([100, 120, 90, 130])) // → Float64Array [0, 0, -0.25, 0]
 */
export function underwater(equity: NumericColumn): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const v = equity[i] as number;
    if (v > peak) peak = v;
    out[i] = peak > 0 ? v / peak - 1 : 0;
  }
  return out;
}

/**
 * Equity curve over an underwater panel, with drawdown periods deeper than a threshold shaded on the equity.
 *
 * @example
 * equityFigure(result.ts, result.equity, { benchmark: { name: "Buy & hold", equity: bh } });
 */
export function equityFigure(ts: NumericColumn, equity: NumericColumn, options: EquityOptions = {}): Figure {
  const x = toPlotDates(ts);
  const dd = underwater(equity);
  const unit = options.unit ?? "USD";
  const data: Trace[] = [
    {
      type: "scatter",
      mode: "lines",
      name: "Strategy",
      x,
      y: toPlotArray(equity),
      line: { color: palette.blue, width: 1.8 },
    },
  ];
  if (options.benchmark) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: options.benchmark.name,
      x,
      y: toPlotArray(options.benchmark.equity),
      line: { color: palette.gray, width: 1.2, dash: "dash" },
    });
  }
  data.push({
    type: "scatter",
    mode: "lines",
    name: "Drawdown",
    x,
    y: toPlotArray(
      Float64Array.from(dd, (v) => v * 100),
      6,
    ),
    fill: "tozeroy",
    line: { color: palette.red, width: 1 },
    yaxis: "y2",
    showlegend: false,
  });
  const threshold = options.shadeDrawdownsBeyond ?? 0.05;
  const shapes: unknown[] = [];
  let start = -1;
  let deepest = 0;
  for (let i = 0; i <= dd.length; i++) {
    const v = i < dd.length ? (dd[i] as number) : 0;
    if (v < 0 && start < 0) {
      start = i;
      deepest = v;
    } else if (v < 0) deepest = Math.min(deepest, v);
    else if (start >= 0) {
      if (-deepest >= threshold) {
        shapes.push({
          type: "rect",
          xref: "x",
          yref: "paper",
          x0: x[start],
          x1: x[Math.min(i, x.length - 1)],
          y0: 0.3,
          y1: 1,
          fillcolor: "rgba(213,94,0,0.08)",
          line: { width: 0 },
          layer: "below",
        });
      }
      start = -1;
    }
  }
  const layout = baseLayout(options.title ?? "Equity and drawdown", "Date (UTC)", `Equity (${unit})`);
  return {
    data,
    layout: {
      ...layout,
      yaxis: { ...(layout.yaxis as object), domain: [0.3, 1] },
      yaxis2: { domain: [0, 0.24], title: { text: "Drawdown (%)" }, gridcolor: "#e5e7eb", showline: true },
      xaxis: { ...(layout.xaxis as object), anchor: "y2" },
      shapes,
    },
  };
}
