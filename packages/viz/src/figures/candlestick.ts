import type { Figure, NumericColumn, Trace } from "../figure.js";
import { toPlotArray, toPlotDates } from "../figure.js";
import { baseLayout, palette, seriesColors } from "../theme.js";

/** OHLC(V) columns as the candlestick builder reads them; a `Bars` object fits. */
export interface OhlcInput {
  readonly symbol?: string;
  readonly ts: NumericColumn;
  readonly open: NumericColumn;
  readonly high: NumericColumn;
  readonly low: NumericColumn;
  readonly close: NumericColumn;
  readonly volume?: NumericColumn;
}

/** A named series drawn over the price (moving averages, bands) or in its own panel (RSI, MACD). */
export interface SeriesSpec {
  readonly name: string;
  readonly values: NumericColumn;
  readonly color?: string;
  readonly dash?: "solid" | "dash" | "dot";
}

/** A sub-panel under the price: its own y axis title and one or more series. */
export interface PanelSpec {
  readonly title: string;
  readonly series: readonly SeriesSpec[];
  /** Horizontal reference lines, e.g. 30 and 70 for RSI. */
  readonly levels?: readonly number[];
}

/** Options of {@link candlestickFigure}. */
export interface CandlestickOptions {
  /** @default "<symbol> price" */
  readonly title?: string;
  /** Price axis title. @default "Price" */
  readonly priceTitle?: string;
  readonly overlays?: readonly SeriesSpec[];
  readonly panels?: readonly PanelSpec[];
  /** Show volume bars in a panel. @default true when `volume` is given */
  readonly showVolume?: boolean;
}

/**
 * Candlesticks with indicator overlays on the price and indicator sub-panels below (volume, RSI, MACD…), sharing
 * one time axis.
 *
 * @example
 * candlestickFigure(bars, { overlays: [{ name: "SMA 20", values: sma(bars.close, { period: 20 }) }],
 *   panels: [{ title: "RSI", series: [{ name: "RSI 14", values: rsi(bars.close) }], levels: [30, 70] }] });
 */
export function candlestickFigure(bars: OhlcInput, options: CandlestickOptions = {}): Figure {
  const x = toPlotDates(bars.ts);
  const panels: PanelSpec[] = [...(options.panels ?? [])];
  const showVolume = options.showVolume ?? bars.volume !== undefined;
  if (showVolume && bars.volume) {
    panels.unshift({
      title: "Volume",
      series: [{ name: "Volume", values: bars.volume, color: palette.gray }],
    });
  }
  const gap = 0.03;
  const panelHeight = panels.length === 0 ? 0 : Math.min(0.22, 0.5 / panels.length);
  const priceBottom = panels.length * panelHeight + (panels.length > 0 ? gap : 0);
  const data: Trace[] = [
    {
      type: "candlestick",
      name: bars.symbol ?? "price",
      x,
      open: toPlotArray(bars.open),
      high: toPlotArray(bars.high),
      low: toPlotArray(bars.low),
      close: toPlotArray(bars.close),
      increasing: { line: { color: palette.up } },
      decreasing: { line: { color: palette.down } },
      xaxis: "x",
      yaxis: "y",
    },
  ];
  (options.overlays ?? []).forEach((s, i) => {
    data.push(line(x, s, "y", seriesColors[(i + 1) % seriesColors.length] as string));
  });
  const title = options.title ?? `${bars.symbol ?? ""} price`.trim();
  const layout = baseLayout(title, "Date (UTC)", options.priceTitle ?? "Price");
  const shapes: unknown[] = [];
  const axes: Record<string, unknown> = {
    yaxis: { ...(layout.yaxis as object), domain: [priceBottom, 1] },
    xaxis: {
      ...(layout.xaxis as object),
      rangeslider: { visible: false },
      anchor: panels.length ? `y${panels.length + 1}` : "y",
    },
  };
  panels.forEach((panel, p) => {
    const axis = `y${p + 2}`;
    const top = priceBottom - gap - p * panelHeight;
    axes[`yaxis${p + 2}`] = {
      domain: [Math.max(0, top - panelHeight + gap), Math.max(0, top)],
      title: { text: panel.title },
      gridcolor: "#e5e7eb",
      showline: true,
      linecolor: "#9ca3af",
    };
    panel.series.forEach((s, i) => {
      const color = s.color ?? (seriesColors[i % seriesColors.length] as string);
      data.push(
        panel.title === "Volume"
          ? {
              type: "bar",
              name: s.name,
              x,
              y: toPlotArray(s.values),
              marker: { color },
              yaxis: axis,
              showlegend: false,
            }
          : line(x, s, axis, color),
      );
    });
    for (const level of panel.levels ?? []) {
      shapes.push({
        type: "line",
        xref: "paper",
        x0: 0,
        x1: 1,
        yref: axis,
        y0: level,
        y1: level,
        line: { color: palette.gray, width: 1, dash: "dot" },
      });
    }
  });
  return { data, layout: { ...layout, ...axes, shapes, height: 540 + panels.length * 120 } };
}

function line(x: string[], s: SeriesSpec, yaxis: string, color: string): Trace {
  return {
    type: "scatter",
    mode: "lines",
    name: s.name,
    x,
    y: toPlotArray(s.values),
    line: { color: s.color ?? color, width: 1.5, dash: s.dash ?? "solid" },
    yaxis,
  };
}
