import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The native reader's functions (packages/data/native/qkread.c). */
interface QkRead {
  open(libduckdb: string): void;
  allocUnfilled(bytes: number): ArrayBuffer | null;
  read(
    sql: string,
    targets: readonly Float64Array[],
    offset: number,
    rows: number,
    ordered?: boolean,
  ): Promise<number>;
}

let loaded: QkRead | null | undefined;

/**
 * The optional native bulk reader, or `null` when it is not built or is disabled (`QUANTKIT_NATIVE=0`). It copies
 * a query's DOUBLE columns into caller-owned `Float64Array`s on a worker thread with one memcpy per column and
 * 2048-row chunk, using the libduckdb that @duckdb/node-bindings ships (its own in-memory database: it only reads
 * Parquet files by path). Built by `node packages/data/native/build.mjs` (the package's install script).
 *
 * @example
 * const native = nativeReader();
 * if (native) await native.read("SELECT 1.5::DOUBLE", [new Float64Array(1)], 0, 1); // → 1
 */
export function nativeReader(): QkRead | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (process.env.QUANTKIT_NATIVE === "0") return loaded;
  const here = dirname(fileURLToPath(import.meta.url));
  const addon = [
    join(here, "../../native/build/qkread.node"),
    join(here, "../native/build/qkread.node"),
  ].find(existsSync);
  if (!addon) return loaded;
  const require = createRequire(import.meta.url);
  const ext = process.platform === "darwin" ? "dylib" : process.platform === "win32" ? "dll" : "so";
  let lib: string;
  try {
    const pkg = require.resolve(`@duckdb/node-bindings-${process.platform}-${process.arch}/package.json`, {
      paths: [dirname(require.resolve("@duckdb/node-bindings"))],
    });
    lib = join(dirname(pkg), `libduckdb.${ext}`);
  } catch {
    return loaded;
  }
  const mod = require(addon) as QkRead;
  mod.open(lib);
  loaded = mod;
  return loaded;
}

/**
 * Columns for a bulk read that will overwrite every value: large ones come from the native reader's unzeroed heap
 * memory (no zero-fill, and recycled memory is not faulted in again), small ones — or all, without the native
 * reader — are ordinary zeroed arrays. Only for reads whose row count is checked exactly (a failed read must discard
 * the columns: their unwritten values are arbitrary).
 *
 * @param ncols - number of columns.
 * @param rows - values per column.
 * @example
 * const [ts, close] = resultColumns(2, 1000); // ts.length → 1000
 */
export function resultColumns(ncols: number, rows: number): Float64Array[] {
  const native = nativeReader();
  return Array.from({ length: ncols }, () => {
    const buf = native && rows >= 1 << 16 ? native.allocUnfilled(rows * 8) : null;
    return buf ? new Float64Array(buf) : new Float64Array(rows);
  });
}
