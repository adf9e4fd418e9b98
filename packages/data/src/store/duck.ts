import { DOUBLE, type DuckDBConnection, DuckDBDataChunk, type DuckDBValue } from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";
import { nativeReader } from "./nativeReader.js";

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
 * Options of the bulk reads: `path: "bindings"` forces the portable path (tests compare both; default `"auto"`: the
 * native reader when built); `ordered: true` also checks that column 0 never decreases.
 */
export interface ReadOptions {
  path?: "auto" | "bindings";
  ordered?: boolean;
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
 * the query returns a different number of rows, a column that is not DOUBLE, or a NULL.
 *
 * Uses the native reader when it is built (one async call, one memcpy per column and chunk on a worker thread; see
 * {@link nativeReader}) and the query's parameters can be inlined; otherwise DuckDB's Node bindings, chunk by chunk.
 * Both give identical results (tested).
 *
 * @param con - connection to run on (the bindings path; the native reader has its own in-memory database, which is
 *   why the query must only read files by path).
 * @param sql - the query (bound parameters only); its columns are all DOUBLE NOT NULL.
 * @param params - its parameters.
 * @param targets - one column per result column, each with room for `offset + rows` values.
 * @param offset - first row written.
 * @param rows - exact number of result rows.
 * @param options - `path: "bindings"` forces the portable path (tests compare both; default `"auto"`);
 *   `ordered: true` also checks that column 0 never decreases (while each chunk is in cache) and throws an
 *   {@link OutOfOrderError} naming the first row (in `targets`) that does.
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
  options: ReadOptions = {},
): Promise<void> {
  const ordered = options.ordered ?? false;
  const native = (options.path ?? "auto") === "auto" ? nativeReader() : null;
  const inlined = native ? inlineParams(sql, params) : undefined;
  if (native && inlined !== undefined) {
    await orderErrors(native.read(inlined, targets, offset, rows, ordered), offset);
    return;
  }
  await readViaBindings(con, sql, params, targets, offset, rows);
  if (!ordered) return;
  const t = targets[0]!;
  for (let i = Math.max(offset + 1, 1); i < offset + rows; i++)
    if (t[i]! < t[i - 1]!) throw new OutOfOrderError(i);
}

/** One time-sorted Parquet file to read into columns: see {@link readParquetInto}. */
export interface ParquetRead {
  /** The file's path. */
  file: string;
  /** One SQL expression per target column (over the file's columns; each is cast to DOUBLE). */
  columns: readonly string[];
  /**
   * A row filter (bound parameters only) selecting consecutive rows of the file — a time range of a time-sorted
   * file — and the file row number of its first row (`min(file_row_number)` under the same filter).
   */
  where?: { sql: string; params: Record<string, DuckDBValue>; firstRow: number };
}

/**
 * Reads the rows of one time-sorted Parquet file (all of them, or the consecutive rows `where` selects) into
 * `targets[j][offset …]`, in file order. `rows` must be the exact number of rows read.
 *
 * With the native reader this is one parallel scan whose chunks DuckDB's threads copy straight to their file row
 * numbers (no result set, no order-preserving collector: about the cost of DuckDB scanning the columns itself);
 * chunks whose rows are not consecutive mean the file is not in time order and are reported as such. Otherwise
 * (or for parameters that cannot be inlined) a streaming query through the Node bindings. Both give identical
 * results and errors (tested).
 *
 * @param con - connection for the bindings path.
 * @param read - the file, the column expressions and the optional filter.
 * @param targets - one column per expression, each with room for `offset + rows` values.
 * @param offset - first row written.
 * @param rows - exact number of rows read.
 * @param options - as {@link readDoubleColumnsInto}: `path`, and `ordered` (column 0 must never decrease; an
 *   {@link OutOfOrderError} names the first row that does).
 * @example
 * const a = new Float64Array(3);
 * await readParquetInto(con, { file: "bars.parquet", columns: ["close"] }, [a], 0, 3);
 */
export async function readParquetInto(
  con: DuckDBConnection,
  read: ParquetRead,
  targets: readonly Float64Array[],
  offset: number,
  rows: number,
  options: ReadOptions = {},
): Promise<void> {
  const ordered = options.ordered ?? false;
  const cols = read.columns.map((c) => `(${c})::DOUBLE`).join(", ");
  const where = read.where ? ` WHERE ${read.where.sql}` : "";
  const params = read.where?.params ?? {};
  const native = (options.path ?? "auto") === "auto" ? nativeReader() : null;
  const inlined = native ? inlineParams(where, params) : undefined;
  if (native && inlined !== undefined) {
    const firstRow = read.where?.firstRow ?? 0;
    if (!Number.isSafeInteger(firstRow) || firstRow < 0)
      throw new Error(`readParquetInto: firstRow must be a row number ≥ 0, got ${firstRow}`);
    const from = `read_parquet(${sqlString(read.file)}, file_row_number = true)${inlined}`;
    const row = `file_row_number - ${firstRow}`;
    await orderErrors(native.readRows(from, row, cols, targets, offset, rows, ordered), offset);
    return;
  }
  await readDoubleColumnsInto(
    con,
    `SELECT ${cols} FROM read_parquet($qk_file)${where}`,
    { ...params, qk_file: read.file },
    targets,
    offset,
    rows,
    { path: "bindings", ordered },
  );
}

// The native reader reports a decreasing column 0 by result row; as an OutOfOrderError it names the target row.
async function orderErrors(read: Promise<number>, offset: number): Promise<void> {
  try {
    await read;
  } catch (e) {
    const m = /out of order at result row (\d+)/.exec((e as Error).message);
    if (m) throw new OutOfOrderError(offset + Number(m[1]));
    throw e;
  }
}

/**
 * Thrown by {@link readDoubleColumnsInto} with `ordered: true` when column 0 decreases.
 *
 * @example
 * new OutOfOrderError(7).row // → 7
 */
export class OutOfOrderError extends Error {
  /**
   * @param row - the first row (index in the targets) whose value is below the previous row's.
   */
  constructor(readonly row: number) {
    super(`readDoubleColumns: column 0 out of order at row ${row}`);
    this.name = "OutOfOrderError";
  }
}

// The portable path: a streaming result fetched chunk by chunk through @duckdb/node-bindings, each vector copied out.
async function readViaBindings(
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
  if (duckdb.column_count(raw) !== ncols)
    throw new Error(
      `readDoubleColumns: the query returns ${duckdb.column_count(raw)} columns, expected ${ncols}`,
    );
  for (let j = 0; j < ncols; j++) {
    if (duckdb.column_type(raw, j) !== duckdb.Type.DOUBLE)
      throw new Error(`readDoubleColumns: column ${j} is not DOUBLE`);
  }
  let k = 0;
  for (;;) {
    const chunk = await duckdb.fetch_chunk(raw);
    if (!chunk) break;
    const m = duckdb.data_chunk_get_size(chunk);
    if (m === 0) break;
    if (k + m > rows) throw new Error(`readDoubleColumns: more than the expected ${rows} rows`);
    for (let j = 0; j < ncols; j++) {
      const vec = duckdb.data_chunk_get_vector(chunk, j);
      // no validity mask: all valid
      const valid = duckdb.vector_get_validity(vec, Math.ceil(m / 64) * 8) as Uint8Array | null;
      if (valid) {
        for (let r = 0; r < m; r++) {
          if ((r & 7) === 0 && r + 8 <= m && valid[r >> 3] === 0xff) {
            r += 7;
            continue;
          }
          if ((valid[r >> 3]! & (1 << (r & 7))) === 0)
            throw new Error(`readDoubleColumns: NULL in column ${j} at result row ${k + r}`);
        }
      }
      const u8 = duckdb.vector_get_data(vec, m * 8);
      targets[j]!.set(new Float64Array(u8.buffer, u8.byteOffset, m), offset + k);
    }
    k += m;
  }
  if (k !== rows) throw new Error(`readDoubleColumns: expected ${rows} rows, got ${k}`);
}

/**
 * Replaces each `$name` in `sql` with its value as a SQL literal (finite numbers, bigints, strings), or returns
 * `undefined` when a parameter has another type or is missing. Only for the store's own bulk reads, whose values it
 * builds itself (file paths it lists, time bounds it computed): user values always stay bound parameters.
 *
 * @example
 * inlineParams("SELECT * FROM read_parquet($file) WHERE ts >= $s", { file: "a'b", s: 5n })
 * // → "SELECT * FROM read_parquet('a''b') WHERE ts >= 5"
 */
export function inlineParams(sql: string, params: Record<string, DuckDBValue>): string | undefined {
  let ok = true;
  const out = sql.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const v = params[name];
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "string") return sqlString(v);
    ok = false;
    return "";
  });
  return ok ? out : undefined;
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
