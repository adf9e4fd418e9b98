/**
 * @packageDocumentation
 * Plotly figures for quantkit results with one readable theme; inline display in tslab (`show`), self-contained HTML
 * reports (plotly embedded once), and deterministic PNG/SVG rendered by headless Chromium. The engine never imports
 * this package: it reads plain result columns.
 */
export type { Figure, Layout, NumericColumn, Trace } from "./figure.js";
export { toPlotArray, toPlotDates } from "./figure.js";
export type { CandlestickOptions, OhlcInput, PanelSpec, SeriesSpec } from "./figures/candlestick.js";
export { candlestickFigure } from "./figures/candlestick.js";
export type { DistributionOptions } from "./figures/distribution.js";
export { distributionFigure } from "./figures/distribution.js";
export type { EquityOptions } from "./figures/equity.js";
export { equityFigure, underwater } from "./figures/equity.js";
export type { FanChartInput } from "./figures/fanChart.js";
export { fanChartFigure } from "./figures/fanChart.js";
export type { HeatmapOptions } from "./figures/heatmap.js";
export { heatmapFigure } from "./figures/heatmap.js";
export { LATENCY_PERCENTILES, latencyFigure } from "./figures/latency.js";
export type { RegimeInput } from "./figures/regimes.js";
export { regimeFigure } from "./figures/regimes.js";
export { barFigure, lineFigure, scatterFigure } from "./figures/series.js";
export { stateDiagramFigure } from "./figures/stateDiagram.js";
export type { TradeMarker } from "./figures/trades.js";
export { tradeMarkersFigure } from "./figures/trades.js";
export type { WalkForwardFigureOptions, WalkForwardFoldInput } from "./figures/walkForward.js";
export { walkForwardFigure } from "./figures/walkForward.js";
export type { Report, ReportSection } from "./html.js";
export { escapeHtml, htmlReport, writeHtmlReport } from "./html.js";
export { plotlySource, plotlyVersion } from "./plotlySource.js";
export type { ImageFormat, RenderOptions } from "./render.js";
export { ChromiumNotFoundError, FigureRenderer, findChromium, renderFigure } from "./render.js";
export { figureHtml, show } from "./show.js";
export { baseLayout, palette, seriesColors } from "./theme.js";
