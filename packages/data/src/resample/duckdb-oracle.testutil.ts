// Test-only helper: loads Float64Array columns into an in-memory DuckDB table and reads query results back as
// Float64Arrays, so tests can compare quantkit's transforms with DuckDB's own GROUP BY (an independent oracle).
import { DOUBLE, DuckDBDataChunk, DuckDBInstance } from "@duckdb/node-api";

/** An open in-memory DuckDB connection with two helpers. */
export interface Oracle {
  load(table: string, columns: Record<string, Float64Array>): Promise<void>;
  query(sql: string): Promise<Record<string, Float64Array>>;
  close(): void;
}

/** Opens an in-memory DuckDB for one test file. */
export async function openOracle(): Promise<Oracle> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const con = await instance.connect();
  return {
    async load(table, columns) {
      const names = Object.keys(columns);
      await con.run(`CREATE OR REPLACE TABLE ${table} (${names.map((c) => `"${c}" DOUBLE`).join(", ")})`);
      const appender = await con.createAppender(table);
      const cols = names.map((c) => columns[c]!);
      const n = cols[0]?.length ?? 0;
      const step = 2048;
      for (let s = 0; s < n; s += step) {
        const e = Math.min(n, s + step);
        const chunk = DuckDBDataChunk.create(
          cols.map(() => DOUBLE),
          e - s,
        );
        cols.forEach((col, j) => {
          chunk.setColumnValues(j, Array.from(col.subarray(s, e)));
        });
        appender.appendDataChunk(chunk);
      }
      appender.closeSync();
    },
    async query(sql) {
      const reader = await con.runAndReadAll(sql);
      const obj = reader.getColumnsObjectJS();
      const out: Record<string, Float64Array> = {};
      for (const [k, v] of Object.entries(obj)) out[k] = Float64Array.from(v as number[], Number);
      return out;
    },
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}
