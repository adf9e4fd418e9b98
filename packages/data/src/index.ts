/**
 * @packageDocumentation
 * quantkit's data layer: an embedded DuckDB/Parquet store (`openStore`), CSV/Parquet import, `getBars`/`getPanel`,
 * resampling, data-quality checks, corporate-action adjustment, tick → OHLCV aggregation and Arrow interop.
 */
export type { Bars, Timeframe } from "@quantkit/core";

// --- store, import, query, catalog, Arrow (owned by the store work) ---
export { fromArrow, toArrow } from "./arrow/arrow.js";
export type { BarFormat, ColumnMap, ColumnRef, QuoteFormat, TradeFormat } from "./import/formats.js";
export { BAR_FORMATS, QUOTE_FORMATS, TRADE_FORMATS } from "./import/formats.js";
export type { ImportBarsOptions, ImportQuotesOptions, ImportTradesOptions } from "./import/importOptions.js";
export type { ImportReport } from "./import/importReport.js";
export type { Reordering } from "./import/orderRows.js";
export type { RejectedRow } from "./import/parseCsv.js";
export type { TimestampUnit } from "./import/timestamp.js";
export type { SeriesKind } from "./store/layout.js";
export type {
  BarsQuery,
  CatalogEntry,
  GetBarsResult,
  PanelQuery,
  Provenance,
  StoreOptions,
  TicksQuery,
} from "./store/store.js";
export { openStore, Store } from "./store/store.js";

// --- pure column transforms: resample, quality, ticks, corporate actions (owned by the transforms work) ---

export type {
  AdjustOptions,
  AdjustResult,
  AppliedAction,
  CorporateActions,
  Dividend,
  Split,
} from "./corporate/adjustForCorporateActions.js";
export {
  adjustForCorporateActions,
  adjustForCorporateActionsWithReport,
  corporateActionsSchema,
} from "./corporate/adjustForCorporateActions.js";
export type { MissingRange, Panel, PanelMissing } from "./panel/alignPanel.js";
export { alignPanel } from "./panel/alignPanel.js";
export type {
  CheckBarsOptions,
  ColumnIssue,
  Gap,
  OhlcIssue,
  Outlier,
  StaleRun,
} from "./quality/checkBars.js";
export { checkBars, checkBarsOptions, QUALITY_CHECKS, QualityReport } from "./quality/checkBars.js";
export type { IncompleteBar, ResampleOptions, ResampleResult } from "./resample/resample.js";
export { resample, resampleOptions, resampleWithReport } from "./resample/resample.js";
export type {
  AggregateTicksOptions,
  AggregateTicksResult,
  BarAggregatorOptions,
  BarAggregatorStats,
  BarEvent,
} from "./ticks/aggregateTicks.js";
export {
  aggregateQuotes,
  aggregateTicks,
  aggregateTicksOptions,
  aggregateTicksWithReport,
  BarAggregator,
  barAggregatorOptions,
} from "./ticks/aggregateTicks.js";
