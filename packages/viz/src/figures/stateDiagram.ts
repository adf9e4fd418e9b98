import type { Figure } from "../figure.js";
import { baseLayout, seriesColors } from "../theme.js";

/**
 * A regime state diagram: one node per state on a circle (labelled with its name and its probability of staying),
 * and an arrow for every transition whose probability reaches `minProbability`, labelled with that probability and
 * drawn thicker the likelier it is. Rows of `transMat` must sum to 1 (a row that does not is an error: a diagram
 * of an invalid matrix would mislead).
 *
 * @param transMat - `transMat[i][j]` = P(state j next | state i now).
 * @param names - state names (defaults to `state 0`, `state 1`, …).
 * @example
 * stateDiagramFigure([[0.97, 0.03], [0.05, 0.95]], ["calm", "turbulent"]).layout.annotations.length // → 2
 * @see https://hmmlearn.readthedocs.io/en/latest/tutorial.html (transmat_ convention)
 */
export function stateDiagramFigure(
  transMat: readonly (readonly number[])[],
  names?: readonly string[],
  options: { readonly title?: string; readonly minProbability?: number; readonly digits?: number } = {},
): Figure {
  const k = transMat.length;
  transMat.forEach((row, i) => {
    if (row.length !== k)
      throw new RangeError(`stateDiagramFigure: row ${i} has ${row.length} entries, expected ${k}`);
    const sum = row.reduce((a, b) => a + b, 0);
    if (!(Math.abs(sum - 1) < 1e-6)) {
      throw new RangeError(`stateDiagramFigure: row ${i} sums to ${sum}, expected 1 (a transition matrix)`);
    }
  });
  const label = (i: number) => names?.[i] ?? `state ${i}`;
  const digits = options.digits ?? 3;
  const minP = options.minProbability ?? 0.001;
  // States on a circle, the first at the top; two states side by side.
  const at = (i: number) => {
    const a = Math.PI / 2 - (2 * Math.PI * i) / k + (k === 2 ? Math.PI / 2 : 0);
    return { x: Math.cos(a), y: Math.sin(a) };
  };
  const annotations: Record<string, unknown>[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = transMat[i]![j]!;
      if (i === j || p < minP) continue;
      const from = at(i);
      const to = at(j);
      // Shorten both ends so arrows stop at the node's edge, and offset sideways so i→j and j→i do not overlap.
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      const len = Math.hypot(dx, dy);
      const ux = dx / len;
      const uy = dy / len;
      const off = 0.06;
      const r = 0.2;
      const sx = from.x + ux * r - uy * off;
      const sy = from.y + uy * r + ux * off;
      const ex = to.x - ux * r - uy * off;
      const ey = to.y - uy * r + ux * off;
      annotations.push({
        x: ex,
        y: ey,
        ax: sx,
        ay: sy,
        xref: "x",
        yref: "y",
        axref: "x",
        ayref: "y",
        showarrow: true,
        arrowhead: 3,
        arrowsize: 1,
        arrowwidth: 1 + 5 * p,
        arrowcolor: seriesColors[i % seriesColors.length],
        text: "",
      });
      annotations.push({
        x: (sx + ex) / 2 - uy * 0.08,
        y: (sy + ey) / 2 + ux * 0.08,
        xref: "x",
        yref: "y",
        showarrow: false,
        text: p.toFixed(digits),
        font: { size: 12, color: seriesColors[i % seriesColors.length] },
      });
    }
  }
  const xs = Array.from({ length: k }, (_, i) => at(i).x);
  const ys = Array.from({ length: k }, (_, i) => at(i).y);
  const layout = baseLayout(options.title ?? "Regime state diagram", "", "");
  const hidden = { visible: false, range: [-1.6, 1.6] };
  return {
    data: [
      {
        type: "scatter",
        mode: "markers+text",
        name: "states",
        x: xs,
        y: ys,
        marker: { size: 64, color: xs.map((_, i) => seriesColors[i % seriesColors.length]), opacity: 0.85 },
        text: xs.map((_, i) => `${label(i)}<br>stay ${transMat[i]![i]!.toFixed(digits)}`),
        textfont: { color: "#ffffff", size: 11 },
        hoverinfo: "text",
        showlegend: false,
      },
    ],
    layout: {
      ...layout,
      annotations: annotations.filter((a) => a.showarrow).concat(annotations.filter((a) => !a.showarrow)),
      xaxis: hidden,
      yaxis: { ...hidden, scaleanchor: "x" },
      hovermode: "closest",
      width: 640,
      height: 560,
    },
  };
}
