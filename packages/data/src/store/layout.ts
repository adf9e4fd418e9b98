import { join } from "node:path";
import type { Timeframe } from "@quantkit/core";

/** The kinds of series the store keeps, each under its own top folder of the root. */
export type SeriesKind = "bars" | "trades" | "quotes";

/**
 * Encodes a symbol as one Hive partition path segment: RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`)
 * stay, every other UTF-8 byte becomes `%XX` (so quotes, slashes, `=`, `*` and spaces can never escape the
 * folder or act as a glob). DuckDB's `url_decode()` reverses it.
 *
 * @param symbol - a validated symbol (not `.` or `..`).
 * @example
 * encodeSegment("BTC/USD") // → "BTC%2FUSD"
 * @see https://www.rfc-editor.org/rfc/rfc3986#section-2.3
 */
export function encodeSegment(symbol: string): string {
  return encodeURIComponent(symbol).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Inverse of {@link encodeSegment}.
 *
 * @example
 * decodeSegment("BTC%2FUSD") // → "BTC/USD"
 */
export function decodeSegment(segment: string): string {
  return decodeURIComponent(segment);
}

/**
 * Folder of one series (all its years): `bars/timeframe=1m/symbol=ES/` or `trades/symbol=BTCUSDT/`.
 *
 * @example
 * seriesDir("/data", "bars", "AAPL", "1d") // → "/data/bars/timeframe=1d/symbol=AAPL"
 */
export function seriesDir(root: string, kind: SeriesKind, symbol: string, timeframe?: Timeframe): string {
  return kind === "bars"
    ? join(root, "bars", `timeframe=${timeframe}`, `symbol=${encodeSegment(symbol)}`)
    : join(root, kind, `symbol=${encodeSegment(symbol)}`);
}

/**
 * The Parquet file of one year of one series: `…/year=2024/data.parquet`.
 *
 * @example
 * yearFile("/data", "bars", "AAPL", 2024, "1d") // → "/data/bars/timeframe=1d/symbol=AAPL/year=2024/data.parquet"
 */
export function yearFile(
  root: string,
  kind: SeriesKind,
  symbol: string,
  year: number,
  timeframe?: Timeframe,
): string {
  return join(seriesDir(root, kind, symbol, timeframe), `year=${year}`, "data.parquet");
}
