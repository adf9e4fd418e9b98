import { DuckDBInstance } from "@duckdb/node-api";

/**
 * Converts CSV files written by {@link backtestCli} to Parquet with DuckDB (`COPY … TO … (FORMAT parquet)`), so the
 * Parquet and CSV outputs hold the same rows. Column types are inferred by DuckDB's CSV reader (times as TIMESTAMP,
 * numbers as DOUBLE/BIGINT).
 *
 * @param pairs - `[csvPath, parquetPath]` pairs.
 * @example
 * await csvToParquet([["out/trades.csv", "out/trades.parquet"], ["out/equity.csv", "out/equity.parquet"]]);
 * @see https://duckdb.org/docs/data/parquet/overview
 */
export async function csvToParquet(pairs: readonly (readonly [string, string])[]): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const con = await instance.connect();
  try {
    for (const [csv, parquet] of pairs) {
      const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
      await con.run(
        `COPY (SELECT * FROM read_csv(${q(csv)}, header = true)) TO ${q(parquet)} (FORMAT parquet)`,
      );
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
