/**
 * Loaders for the real series copied into `packages/indicators/test-data/` (provenance in `test-data/SOURCES.md`).
 * Tests only: reads files with `node:fs`.
 */
import { readFileSync } from "node:fs";

/** OHLCV columns of a test dataset. */
export interface TestBars {
  readonly name: string;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Absolute path of a file in `test-data/`. */
export function testDataPath(file: string): string {
  return new URL(`../../test-data/${file}`, import.meta.url).pathname;
}

/**
 * Reads a CSV with a header naming `open/high/low/close/volume` (case-insensitive, exact names, so `Adj Close` is
 * not `close`). Missing columns come back filled with NaN; a malformed number throws naming the row.
 */
export function loadCsvBars(file: string): TestBars {
  const lines = readFileSync(testDataPath(file), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const header = lines[0]!.split(",").map((h) => h.trim().toLowerCase());
  const n = lines.length - 1;
  const cols: Record<string, Float64Array> = {};
  for (const name of ["open", "high", "low", "close", "volume"]) {
    const j = header.indexOf(name);
    const col = new Float64Array(n).fill(Number.NaN);
    if (j >= 0) {
      for (let i = 0; i < n; i++) {
        const cell = lines[i + 1]!.split(",")[j];
        const v = Number(cell);
        if (cell === undefined || cell.trim() === "" || !Number.isFinite(v)) {
          throw new Error(`${file} row ${i + 2}: column ${name} is not a number: ${JSON.stringify(cell)}`);
        }
        col[i] = v;
      }
    }
    cols[name] = col;
  }
  return {
    name: file,
    open: cols.open!,
    high: cols.high!,
    low: cols.low!,
    close: cols.close!,
    volume: cols.volume!,
  };
}

/** The real daily/hourly series every family checks against TA-Lib (ORCL daily 5036 bars, Ford 2012, EURUSD 1h). */
export function realSeries(): TestBars[] {
  return [loadCsvBars("orcl-1995-2014.txt"), loadCsvBars("ford_F_2012_daily.csv"), loadCsvBars("EURUSD.csv")];
}
