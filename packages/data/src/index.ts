/**
 * @packageDocumentation
 * quantkit's data layer: an embedded DuckDB/Parquet store (`openStore`), CSV/Parquet import, `getBars`/`getPanel`,
 * resampling, data-quality checks, corporate-action adjustment, tick → OHLCV aggregation and Arrow interop.
 */
export type { Bars, Timeframe } from "@quantkit/core";

// --- store, import, query, catalog, Arrow (owned by the store work) ---

// --- pure column transforms: resample, quality, ticks, corporate actions (owned by the transforms work) ---
