import type { Figure, NumericColumn, Trace } from "../figure.js";
import { toPlotArray, toPlotDates } from "../figure.js";
import { baseLayout, seriesColors } from "../theme.js";

/** Input of {@link regimeFigure}: a price column and per-state probabilities on the same timestamps. */
export interface RegimeInput {
  readonly ts: NumericColumn;
  readonly price: NumericColumn;
  /** `probabilities[k][t]` = p(state k at t). Use filtered (causal) probabilities unless you say otherwise. */
  readonly probabilities: readonly NumericColumn[];
  /** State names, e.g. ["calm", "turbulent"]. @default ["state 0", …] */
  readonly stateNames?: readonly string[];
  /** Caption of the probability panel. @default "Filtered probability" */
  readonly probabilityKind?: string;
}

/**
 * Price with the background shaded by the most probable regime, over a stacked panel of regime probabilities.
 *
 * @example
 * regimeFigure({ ts: bars.ts, price: bars.close, probabilities: filtered, stateNames: ["calm", "turbulent"] });
 */
export function regimeFigure(
  input: RegimeInput,
  options: { title?: string; priceTitle?: string } = {},
): Figure {
  const x = toPlotDates(input.ts);
  const K = input.probabilities.length;
  const names = input.stateNames ?? Array.from({ length: K }, (_, k) => `state ${k}`);
  const n = input.price.length;
  const label = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    let best = 0;
    for (let k = 1; k < K; k++)
      if ((input.probabilities[k]?.[t] ?? 0) > (input.probabilities[best]?.[t] ?? 0)) best = k;
    label[t] = best;
  }
  const shapes: unknown[] = [];
  let start = 0;
  for (let t = 1; t <= n; t++) {
    if (t === n || label[t] !== label[start]) {
      const color = seriesColors[(label[start] as number) % seriesColors.length] as string;
      shapes.push({
        type: "rect",
        xref: "x",
        yref: "paper",
        x0: x[start],
        x1: x[Math.min(t, n - 1)],
        y0: 0.35,
        y1: 1,
        fillcolor: hexToRgba(color, 0.12),
        line: { width: 0 },
        layer: "below",
      });
      start = t;
    }
  }
  const data: Trace[] = [
    {
      type: "scatter",
      mode: "lines",
      name: "Price",
      x,
      y: toPlotArray(input.price),
      line: { color: "#111827", width: 1.3 },
    },
  ];
  input.probabilities.forEach((p, k) => {
    data.push({
      type: "scatter",
      mode: "lines",
      name: names[k],
      x,
      y: toPlotArray(p, 6),
      stackgroup: "prob",
      line: { width: 0.5, color: seriesColors[k % seriesColors.length] },
      yaxis: "y2",
    });
  });
  const layout = baseLayout(options.title ?? "Regimes", "Date (UTC)", options.priceTitle ?? "Price");
  return {
    data,
    layout: {
      ...layout,
      yaxis: { ...(layout.yaxis as object), domain: [0.35, 1] },
      yaxis2: {
        domain: [0, 0.3],
        range: [0, 1],
        title: { text: input.probabilityKind ?? "Filtered probability" },
        gridcolor: "#e5e7eb",
        showline: true,
      },
      xaxis: { ...(layout.xaxis as object), anchor: "y2" },
      shapes,
    },
  };
}

function hexToRgba(hex: string, alpha: number): string {
  const v = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`;
}
