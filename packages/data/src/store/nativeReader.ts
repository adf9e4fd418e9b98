import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The native reader's functions (packages/data/native/qkread.c). */
interface QkRead {
  open(libduckdb: string, poolBytes: number): void;
  allocUnfilled(bytes: number): ArrayBuffer | null;
  trimPool(): number;
  poolStats(): { blocks: number; bytes: number };
  readRows(
    from: string,
    rowExpr: string,
    colsExpr: string,
    targets: readonly Float64Array[],
    offset: number,
    rows: number,
    ordered: boolean,
  ): Promise<number>;
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
 * DOUBLE columns into caller-owned `Float64Array`s with one memcpy per column and 2048-row chunk, using the
 * libduckdb that @duckdb/node-bindings ships (its own in-memory database: it only reads Parquet files by path):
 * `read` streams a query's result on a worker thread; `readRows` runs a parallel scan of one file whose chunks
 * DuckDB's threads copy straight to their file row numbers (a registered function, `qk_put`). Built by
 * `node packages/data/native/build.mjs` (the package's install script).
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
  mod.open(lib, poolBytes());
  loaded = mod;
  return loaded;
}

/**
 * Bytes of freed result columns the native reader keeps for reuse: `QUANTKIT_POOL_MB` (0 turns the pool off), by
 * default 1/8 of the machine's memory, at most 1 GiB.
 */
function poolBytes(): number {
  const mb = Number(process.env.QUANTKIT_POOL_MB);
  if (process.env.QUANTKIT_POOL_MB !== undefined && Number.isFinite(mb) && mb >= 0)
    return Math.floor(mb * 2 ** 20);
  return Math.min(2 ** 30, Math.floor(totalmem() / 8));
}

/** How long the pool keeps freed columns after the last allocation before giving them back. */
const POOL_IDLE_MS = 30_000;
let trimTimer: NodeJS.Timeout | undefined;

// Debounced: the pool is for loads that follow each other; once they stop, its memory goes back to the system.
function trimWhenIdle(native: QkRead): void {
  if (trimTimer) trimTimer.refresh();
  else {
    trimTimer = setTimeout(() => {
      trimTimer = undefined;
      native.trimPool();
    }, POOL_IDLE_MS);
    trimTimer.unref();
  }
}

/**
 * Columns for a bulk read that will overwrite every value: large ones come from the native reader's unzeroed heap
 * memory (no zero-fill; blocks of columns already garbage-collected are reused from a bounded pool, so a repeated
 * load does not fault 4 KiB pages in again; the pool is given back 30 s after the last load), small ones — or all, without the native
 * reader — are ordinary zeroed arrays. Only for reads whose row count is checked exactly (a failed read must discard
 * the columns: their unwritten values are arbitrary).
 *
 * @param ncols - number of columns.
 * @param rows - values per column.
 * @example
 * const [ts, close] = resultColumns(2, 1000); // ts.length → 1000
 */
export function resultColumns(ncols: number, rows: number): Float64Array[] {
  const native = rows >= 1 << 16 ? nativeReader() : null;
  if (native) trimWhenIdle(native);
  return Array.from({ length: ncols }, () => {
    const buf = native ? native.allocUnfilled(rows * 8) : null;
    return buf ? new Float64Array(buf) : new Float64Array(rows);
  });
}
