import type { Layout } from "./figure.js";

/** The quantkit palette: readable on white, distinguishable in grayscale print, colour-blind aware (Okabe–Ito). */
export const palette = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  red: "#D55E00",
  purple: "#CC79A7",
  sky: "#56B4E9",
  yellow: "#F0E442",
  gray: "#6b7280",
  up: "#16a34a",
  down: "#dc2626",
} as const;

/** Colours for series in order. */
export const seriesColors: readonly string[] = [
  palette.blue,
  palette.orange,
  palette.green,
  palette.red,
  palette.purple,
  palette.sky,
];

/**
 * The base layout every builder starts from: white background, light grid, one font, margins that leave room for
 * axis titles, a horizontal legend above the plot.
 *
 * @example
 * baseLayout("Equity", "Date", "Equity (USD)").title // → { text: "Equity" }
 */
export function baseLayout(title: string, xTitle: string, yTitle: string): Layout & Record<string, unknown> {
  return {
    title: { text: title },
    font: { family: "Inter, Helvetica, Arial, sans-serif", size: 13, color: "#111827" },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    margin: { l: 70, r: 30, t: 60, b: 55 },
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
    xaxis: {
      title: { text: xTitle },
      gridcolor: "#e5e7eb",
      zeroline: false,
      showline: true,
      linecolor: "#9ca3af",
    },
    yaxis: {
      title: { text: yTitle },
      gridcolor: "#e5e7eb",
      zeroline: false,
      showline: true,
      linecolor: "#9ca3af",
    },
    hovermode: "x unified",
    width: 960,
    height: 540,
  };
}
