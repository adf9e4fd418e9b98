import type { Figure, NumericColumn, Trace } from "../figure.js";
import { toPlotArray, toPlotDates } from "../figure.js";
import { baseLayout, palette } from "../theme.js";

/** One round-trip trade as the markers figure reads it (a backtest's `RoundTrip` fits). */
export interface TradeMarker {
  /** +1 long, −1 short. */
  readonly direction: 1 | -1;
  readonly entryTs: number;
  readonly exitTs: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly pnl: number;
}

/**
 * Price with trade entries (▲ long / ▼ short) and exits (✕, green when the trade made money, red otherwise).
 *
 * @example
 * tradeMarkersFigure(bars.ts, bars.close, result.trades, { title: "SMA-cross trades on ORCL" });
 */
export function tradeMarkersFigure(
  ts: NumericColumn,
  close: NumericColumn,
  trades: readonly TradeMarker[],
  options: { title?: string; priceTitle?: string } = {},
): Figure {
  const marker = (symbol: string, color: string | string[], size = 9) => ({
    symbol,
    color,
    size,
    line: { width: 0.5, color: "#111827" },
  });
  const data: Trace[] = [
    {
      type: "scatter",
      mode: "lines",
      name: "Close",
      x: toPlotDates(ts),
      y: toPlotArray(close),
      line: { color: "#111827", width: 1.1 },
    },
  ];
  for (const dir of [1, -1] as const) {
    const t = trades.filter((x) => x.direction === dir);
    if (t.length === 0) continue;
    data.push({
      type: "scatter",
      mode: "markers",
      name: dir === 1 ? "Long entry" : "Short entry",
      x: toPlotDates(t.map((x) => x.entryTs)),
      y: toPlotArray(t.map((x) => x.entryPrice)),
      marker: marker(dir === 1 ? "triangle-up" : "triangle-down", dir === 1 ? palette.blue : palette.orange),
    });
  }
  if (trades.length > 0) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "Exit",
      x: toPlotDates(trades.map((x) => x.exitTs)),
      y: toPlotArray(trades.map((x) => x.exitPrice)),
      marker: marker(
        "x",
        trades.map((x) => (x.pnl >= 0 ? palette.up : palette.down)),
        8,
      ),
    });
  }
  return {
    data,
    layout: {
      ...baseLayout(options.title ?? "Trades", "Date (UTC)", options.priceTitle ?? "Price"),
      hovermode: "closest",
    },
  };
}
