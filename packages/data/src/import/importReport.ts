import type { Timeframe } from "@quantkit/core";
import type { SeriesKind } from "../store/layout.js";
import type { Reordering } from "./orderRows.js";
import type { RejectedRow } from "./parseCsv.js";

/**
 * What an import did, row by row: how many source rows were read, stored, rejected (each with its line number
 * and reason), reordered, and how the stored series changed (inserted / replaced / unchanged rows).
 *
 * @example
 * const r = await store.importCsv("bars.csv", { symbol: "ES", timeframe: "1m" });
 * r.rejected[0] // → { line: 3, reason: "close: NaN", text: "2024-01-02 09:01:00,10,11,9,NaN,100" }
 */
export interface ImportReport {
  readonly kind: SeriesKind;
  readonly symbol: string;
  readonly timeframe: Timeframe | null;
  /** Absolute path of the source file. */
  readonly source: string;
  readonly format: string;
  /** Data rows read (the header and blank lines excluded). */
  readonly rowsRead: number;
  /** Blank lines skipped (they hold no data). */
  readonly blankLines: number;
  /** Rows written to the store (`rowsRead - rejectedCount`). */
  readonly accepted: number;
  /** Rejected rows with line numbers and reasons (at most 10 000 listed; duplicates included). */
  readonly rejected: readonly RejectedRow[];
  /** Number of rejected rows (bad values + duplicates). */
  readonly rejectedCount: number;
  /** Rows the file listed out of time order (they were stored sorted), or null. */
  readonly reordered: Reordering | null;
  /** Rows new to the store. */
  readonly inserted: number;
  /** Rows that replaced a stored row with the same timestamp but different values (bars). */
  readonly replaced: number;
  /** Rows identical to the stored row with the same timestamp (a re-import is all `unchanged`). */
  readonly unchanged: number;
  /** Ticks only: stored ticks inside the imported time range that the import replaced. */
  readonly removed: number;
  /** First and last stored timestamp of the accepted rows (UTC epoch ms), or null when none. */
  readonly range: { readonly start: number; readonly end: number } | null;
  /**
   * The CSV file (`line,reason,text`) the rejected rows were written to, under
   * `<root>/quarantine/<kind>/<timeframe>/<symbol>/`, or null when nothing was rejected.
   */
  readonly quarantine: string | null;
  /** Year partitions written. */
  readonly years: readonly number[];
}
