import type { Figure, NumericColumn, Trace } from "../figure.js";
import { baseLayout, seriesColors } from "../theme.js";

/** Percentiles {@link latencyFigure} plots, chosen so the tail (p99, p99.9) gets as much room as the body. */
export const LATENCY_PERCENTILES: readonly number[] = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];

/** The `q`-th percentile (0–100) of ascending `sorted` with linear interpolation (numpy's default rule). */
function percentileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = ((n - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Latency percentile curves ("HdrHistogram style"): for each named sample set, latency against percentile on an
 * axis stretched towards the tail, with optional horizontal target lines (e.g. the 5 ms p99 budget of an order round
 * trip). NaN samples are ignored and counted in the legend so none vanish silently.
 *
 * @param samples - named latency samples (any unit; say which in `yTitle`).
 * @example
 * latencyFigure([{ name: "order round trip", values: [1.2, 0.9, 3.4] }], { yTitle: "Latency (ms)",
 *   targets: [{ name: "p99 budget", value: 5 }] }).data.length // → 2
 * @see http://hdrhistogram.org/ (percentile distribution plots)
 */
export function latencyFigure(
  samples: readonly { readonly name: string; readonly values: NumericColumn }[],
  options: {
    readonly title?: string;
    readonly yTitle?: string;
    readonly targets?: readonly { readonly name: string; readonly value: number }[];
  } = {},
): Figure {
  // x = -log10(1 - q/100): 0 → 0, 90 → 1, 99 → 2, 99.9 → 3 (p100 is drawn at 4.5).
  const pos = (q: number) => (q >= 100 ? 4.5 : -Math.log10(1 - q / 100));
  const data: Trace[] = samples.map((s, i) => {
    const finite = Float64Array.from(Array.from(s.values).filter((v) => Number.isFinite(v))).sort();
    const dropped = s.values.length - finite.length;
    return {
      type: "scatter",
      mode: "lines+markers",
      name: dropped > 0 ? `${s.name} (${dropped} non-finite ignored)` : s.name,
      x: LATENCY_PERCENTILES.map(pos),
      y: LATENCY_PERCENTILES.map((q) => Number(percentileSorted(finite, q).toPrecision(6))),
      text: LATENCY_PERCENTILES.map((q) => `p${q}`),
      hovertemplate: "%{text}: %{y}<extra>%{fullData.name}</extra>",
      line: { color: seriesColors[i % seriesColors.length], width: 1.8 },
    };
  });
  for (const t of options.targets ?? []) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: t.name,
      x: [0, 4.5],
      y: [t.value, t.value],
      line: { color: "#6b7280", dash: "dash", width: 1.2 },
    });
  }
  const layout = baseLayout(
    options.title ?? "Latency by percentile",
    "Percentile",
    options.yTitle ?? "Latency",
  );
  const ticks = [0, 50, 90, 99, 99.9, 99.99, 100];
  return {
    data,
    layout: {
      ...layout,
      hovermode: "closest",
      xaxis: {
        ...(layout.xaxis as object),
        tickvals: ticks.map(pos),
        ticktext: ticks.map((q) => `p${q}`),
        range: [-0.05, 4.6],
      },
    },
  };
}
