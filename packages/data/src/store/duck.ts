import { DOUBLE, type DuckDBConnection, DuckDBDataChunk, type DuckDBValue } from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";

/** DuckDB's fixed vector size: the number of rows in a full data chunk. */
const CHUNK_ROWS = 2048;

type RawResult = { result: duckdb.Result };

/**
 * Appends equal-length `Float64Array` columns to an existing table of DOUBLE columns, one 2048-row data chunk at a
 * time (a memcpy per column and chunk; no per-value calls).
 *
 * @param con - connection that owns `table`.
 * @param table - table whose columns are all DOUBLE, in the order of `columns`.
 * @param columns - the columns, all of the same length.
 * @example
 * await con.run("CREATE TEMP TABLE t (a DOUBLE, b DOUBLE)");
 * await appendColumns(con, "t", [new Float64Array([1, 2]), new Float64Array([3, 4])]); // t has 2 rows
 */
export async function appendColumns(
  con: DuckDBConnection,
  table: string,
  columns: readonly Float64Array[],
): Promise<void> {
  const n = columns[0]?.length ?? 0;
  const types = columns.map(() => DOUBLE);
  const appender = await con.createAppender(table);
  try {
    for (let off = 0; off < n; off += CHUNK_ROWS) {
      const m = Math.min(CHUNK_ROWS, n - off);
      const chunk = DuckDBDataChunk.create(types, m);
      for (let j = 0; j < columns.length; j++) {
        const col = columns[j]!;
        const vec = duckdb.data_chunk_get_vector(chunk.chunk, j);
        duckdb.copy_data_to_vector(vec, 0, col.buffer as ArrayBuffer, col.byteOffset + off * 8, m * 8);
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/**
 * Runs a query whose columns are all DOUBLE and NOT NULL and copies its result chunk by chunk into preallocated
 * `Float64Array`s (one memcpy per column and chunk). `rows` must be the exact row count (ask DuckDB first with a
 * `count(*)` of the same query); a mismatch throws.
 *
 * @param con - connection to run on.
 * @param sql - the query (bound parameters only).
 * @param params - its parameters.
 * @param ncols - number of result columns.
 * @param rows - exact number of result rows.
 * @example
 * const [a] = await readDoubleColumns(con, "SELECT range::DOUBLE FROM range(3)", {}, 1, 3); // a → [0, 1, 2]
 */
export async function readDoubleColumns(
  con: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue>,
  ncols: number,
  rows: number,
): Promise<Float64Array[]> {
  const out = Array.from({ length: ncols }, () => new Float64Array(rows));
  await readDoubleColumnsInto(con, sql, params, out, 0, rows);
  return out;
}

/**
 * {@link readDoubleColumns} into caller-owned columns: the result's `rows` rows land at `targets[j][offset …]`
 * (so several queries, e.g. one per file, can fill one preallocated set of columns concurrently). Throws when
 * the query returns a different number of rows.
 *
 * @param con - connection to run on.
 * @param sql - the query (bound parameters only); its columns are all DOUBLE NOT NULL.
 * @param params - its parameters.
 * @param targets - one column per result column, each with room for `offset + rows` values.
 * @param offset - first row written.
 * @param rows - exact number of result rows.
 * @example
 * const a = new Float64Array(5);
 * await readDoubleColumnsInto(con, "SELECT range::DOUBLE FROM range(3)", {}, [a], 2, 3); // a → [0, 0, 0, 1, 2]
 */
export async function readDoubleColumnsInto(
  con: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue>,
  targets: readonly Float64Array[],
  offset: number,
  rows: number,
): Promise<void> {
  const ncols = targets.length;
  const res = await con.stream(sql, params);
  const raw = (res as unknown as RawResult).result;
  let k = 0;
  for (;;) {
    const chunk = await duckdb.fetch_chunk(raw);
    if (!chunk) break;
    const m = duckdb.data_chunk_get_size(chunk);
    if (m === 0) break;
    if (k + m > rows) throw new Error(`readDoubleColumns: more than the expected ${rows} rows`);
    for (let j = 0; j < ncols; j++) {
      const u8 = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk, j), m * 8);
      targets[j]!.set(new Float64Array(u8.buffer, u8.byteOffset, m), offset + k);
    }
    k += m;
  }
  if (k !== rows) throw new Error(`readDoubleColumns: expected ${rows} rows, got ${k}`);
}

/**
 * Escapes a string as a SQL string literal (`'` doubled). Used only for file paths the store itself lists (view
 * definitions cannot take parameters); user values always go through bound parameters.
 *
 * @example
 * sqlString("it's") // → "'it''s'"
 */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
