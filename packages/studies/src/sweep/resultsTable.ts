import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { RunMetrics } from "../run/executeRun.js";
import type { Dimension, ParamValue } from "../space/dimension.js";
import { gridValues, type ParamSpace, type Params } from "../space/paramSpace.js";
import type { SweepConfig } from "./sweepConfig.js";

/** One row of a sweep's results table. */
export interface ResultRow {
  readonly key: string;
  /** Index of the parameter set in the sweep's enumeration. */
  readonly seq: number;
  readonly study: string;
  readonly strategy: string;
  readonly engine: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly metrics: RunMetrics | null;
  readonly error: string | null;
  /** Milliseconds spent in the run. */
  readonly ms: number;
  /** Canonical JSON of the run spec (enough to re-execute the run anywhere). */
  readonly spec: string;
}

/** A typed parameter column: `p_<name>` in the table. */
export interface ParamColumn {
  readonly name: string;
  readonly type: "DOUBLE" | "VARCHAR" | "BOOLEAN";
}

const METRIC_COLUMNS = [
  ["total_return", "totalReturn"],
  ["sharpe", "sharpe"],
  ["sortino", "sortino"],
  ["max_drawdown", "maxDrawdown"],
  ["volatility", "volatility"],
  ["final_equity", "finalEquity"],
  ["trades", "trades"],
  ["fills", "fills"],
  ["bars", "bars"],
] as const satisfies readonly (readonly [string, keyof RunMetrics])[];

/**
 * Column name of parameter `name` in the results table: `p_` + the name with characters other than letters,
 * digits and `_` replaced by `_`.
 *
 * @example
 * paramColumnName("fast") // → "p_fast"
 */
export function paramColumnName(name: string): string {
  return `p_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;
const PART_RE = /^part-(\d+)\.parquet$/;

/**
 * A sweep's results table: Parquet part files under `<out>/results/`, each written to a temporary name and then
 * renamed, so a killed process never leaves a half-written part (leftover temporaries are deleted on open).
 * DuckDB reads `<out>/results/*.parquet` as one table. Holds only the set of completed keys in memory (for
 * resume), never the results.
 *
 * @example
 * const t = await ResultsTable.open("out/sweep", [{ name: "fast", type: "DOUBLE" }]);
 * t.has(key); await t.writePart(rows); await t.close();
 * @see https://duckdb.org/docs/data/parquet/overview (read_parquet with a glob, union_by_name)
 */
export class ResultsTable {
  readonly #keys: Set<string>;
  #nextPart: number;
  readonly #instance: DuckDBInstance;
  readonly #con: DuckDBConnection;
  #written = 0;

  private constructor(
    readonly dir: string,
    readonly paramColumns: readonly ParamColumn[],
    keys: Set<string>,
    nextPart: number,
    instance: DuckDBInstance,
    con: DuckDBConnection,
  ) {
    this.#keys = keys;
    this.#nextPart = nextPart;
    this.#instance = instance;
    this.#con = con;
  }

  /**
   * Opens (creating) `<out>/results/`, deletes temporaries a killed writer left, and loads the keys already
   * written.
   */
  static async open(out: string, paramColumns: readonly ParamColumn[]): Promise<ResultsTable> {
    const dir = resolve(out, "results");
    mkdirSync(dir, { recursive: true });
    let maxPart = 0;
    for (const f of readdirSync(dir)) {
      if (f.endsWith(".tmp")) rmSync(join(dir, f), { force: true });
      const m = PART_RE.exec(f);
      if (m) maxPart = Math.max(maxPart, Number(m[1]));
    }
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    const keys = new Set<string>();
    if (maxPart > 0) {
      const r = await con.runAndReadAll(`SELECT key FROM read_parquet($glob, union_by_name = true)`, {
        glob: join(dir, "*.parquet"),
      });
      for (const [k] of r.getRowsJS()) keys.add(k as string);
    }
    return new ResultsTable(dir, paramColumns, keys, maxPart + 1, instance, con);
  }

  /** Whether a run with this key is already in the table. */
  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /** Keys in the table (completed before open plus written since). */
  get size(): number {
    return this.#keys.size;
  }

  /** Rows written through this object. */
  get written(): number {
    return this.#written;
  }

  /** Writes `rows` as one new part (temporary file, then an atomic rename); returns its path. */
  async writePart(rows: readonly ResultRow[]): Promise<string | undefined> {
    if (rows.length === 0) return undefined;
    const pcols = this.paramColumns.map((c) => `${quote(paramColumnName(c.name))} ${c.type}`);
    const mcols = METRIC_COLUMNS.map(([c]) => `${c} DOUBLE`);
    await this.#con.run("DROP TABLE IF EXISTS part");
    await this.#con.run(
      `CREATE TEMP TABLE part (key VARCHAR, seq BIGINT, study VARCHAR, strategy VARCHAR, engine VARCHAR, params VARCHAR, ${[
        ...pcols,
        ...mcols,
      ].join(", ")}, error VARCHAR, run_ms DOUBLE, spec VARCHAR)`,
    );
    const a = await this.#con.createAppender("part");
    try {
      for (const r of rows) {
        a.appendVarchar(r.key);
        a.appendBigInt(BigInt(r.seq));
        a.appendVarchar(r.study);
        a.appendVarchar(r.strategy);
        a.appendVarchar(r.engine);
        a.appendVarchar(JSON.stringify(r.params));
        for (const c of this.paramColumns) {
          const v = r.params[c.name];
          if (v === undefined) a.appendNull();
          else if (c.type === "DOUBLE") a.appendDouble(Number(v));
          else if (c.type === "BOOLEAN") a.appendBoolean(Boolean(v));
          else a.appendVarchar(String(v));
        }
        for (const [, m] of METRIC_COLUMNS) {
          if (r.metrics === null) a.appendNull();
          else a.appendDouble(r.metrics[m]);
        }
        if (r.error === null) a.appendNull();
        else a.appendVarchar(r.error);
        a.appendDouble(r.ms);
        a.appendVarchar(r.spec);
        a.endRow();
      }
      a.flushSync();
    } finally {
      a.closeSync();
    }
    const name = `part-${String(this.#nextPart++).padStart(6, "0")}.parquet`;
    const tmp = join(this.dir, `${name}.tmp`);
    await this.#con.run(`COPY part TO '${tmp.replace(/'/g, "''")}' (FORMAT parquet)`);
    renameSync(tmp, join(this.dir, name));
    for (const r of rows) this.#keys.add(r.key);
    this.#written += rows.length;
    return join(this.dir, name);
  }

  /** Releases the DuckDB connection. */
  async close(): Promise<void> {
    this.#con.closeSync();
    this.#instance.closeSync();
  }
}

/**
 * Opens an in-memory DuckDB connection with a `results` view over `<out>/results/*.parquet` (query it with SQL).
 * Throws when the folder has no parts yet.
 *
 * @example
 * const con = await openResults("out/sweep");
 * (await con.runAndReadAll("SELECT p_fast, p_slow, sharpe FROM results ORDER BY sharpe DESC LIMIT 5")).getRowObjectsJS();
 */
export async function openResults(out: string): Promise<DuckDBConnection> {
  const dir = resolve(out, "results");
  if (!existsSync(dir) || !readdirSync(dir).some((f) => PART_RE.test(f)))
    throw new Error(`No results in ${dir} (no part-*.parquet files)`);
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  const glob = join(dir, "*.parquet").replace(/'/g, "''");
  await con.run(`CREATE VIEW results AS SELECT * FROM read_parquet('${glob}', union_by_name = true)`);
  return con;
}

/**
 * Reads the metrics of the runs with these keys from `<out>/results/` (null for a run recorded with an error);
 * keys not in the table are absent from the map.
 *
 * @param out - the sweep's output folder.
 * @param keys - run keys (64 hex characters each).
 * @example
 * (await readMetrics("out/sweep", [key])).get(key)?.sharpe // → 0.41
 */
export async function readMetrics(
  out: string,
  keys: readonly string[],
): Promise<Map<string, RunMetrics | null>> {
  const byKey = new Map<string, RunMetrics | null>();
  if (keys.length === 0) return byKey;
  const con = await openResults(out);
  try {
    await con.run("CREATE TEMP TABLE wanted (key VARCHAR)");
    const a = await con.createAppender("wanted");
    try {
      for (const k of keys) {
        a.appendVarchar(k);
        a.endRow();
      }
      a.flushSync();
    } finally {
      a.closeSync();
    }
    const r = await con.runAndReadAll(
      `SELECT key, error IS NULL AS ok, ${METRIC_COLUMNS.map(([c]) => c).join(", ")} FROM results WHERE key IN (SELECT key FROM wanted)`,
    );
    for (const row of r.getRowsJS()) {
      const [key, ok, ...values] = row;
      if (ok !== true) {
        byKey.set(key as string, null);
        continue;
      }
      const m: Record<string, number> = {};
      METRIC_COLUMNS.forEach(([, name], i) => {
        const v = values[i];
        m[name] = v === null || v === undefined ? Number.NaN : Number(v);
      });
      byKey.set(key as string, m as unknown as RunMetrics);
    }
  } finally {
    con.closeSync();
  }
  return byKey;
}

/**
 * Typed parameter columns of a sweep's results table: DOUBLE for numeric dimensions, BOOLEAN or VARCHAR for choices
 * of booleans or strings.
 *
 * @example
 * sweepParamColumns(paramSpace({ fast: { int: [5, 50] }, ma: { choice: ["sma", "ema"] } })) // → [{ name: "fast", type: "DOUBLE" }, { name: "ma", type: "VARCHAR" }]
 */
export function sweepParamColumns(space: ParamSpace): ParamColumn[] {
  return space.names.map((name, j) => {
    const d: Dimension = space.dimensions[j]!;
    if ("int" in d || "float" in d) return { name, type: "DOUBLE" as const };
    const values: ParamValue[] = "choice" in d ? d.choice : gridValues(d);
    if (values.every((v) => typeof v === "number")) return { name, type: "DOUBLE" as const };
    if (values.every((v) => typeof v === "boolean")) return { name, type: "BOOLEAN" as const };
    return { name, type: "VARCHAR" as const };
  });
}

/**
 * The results-table row of one finished run of a sweep (from a local pool or a NATS worker).
 *
 * @example
 * sweepResultRow(c, { key, seq: 0, params, spec: canonicalJson(spec) }, { metrics, error: null, ms: 3 }).study // → c.study
 */
export function sweepResultRow(
  c: SweepConfig,
  run: { readonly key: string; readonly seq: number; readonly params: Params; readonly spec: string },
  r: { readonly metrics: RunMetrics | null; readonly error: string | null; readonly ms: number },
): ResultRow {
  return {
    key: run.key,
    seq: run.seq,
    study: c.study,
    strategy: c.strategy,
    engine: c.engine,
    params: run.params,
    metrics: r.metrics,
    error: r.error,
    ms: r.ms,
    spec: run.spec,
  };
}
