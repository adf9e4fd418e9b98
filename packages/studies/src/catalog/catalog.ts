import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { DataFingerprint } from "@quantkit/backtest";
import { type Clock, QuantkitError, WallClock } from "@quantkit/core";
import type { RunMetrics } from "../run/executeRun.js";
import type { RunSpec } from "../run/runSpec.js";
import type { ResultRow } from "../sweep/resultsTable.js";
import { type CodeVersion, codeVersion } from "./codeVersion.js";

/** A study in the catalog. */
export interface StudyRecord {
  readonly id: string;
  readonly name: string;
  /** `"sweep"`, `"walk-forward"`, `"run"`, … */
  readonly kind: string;
  readonly config: unknown;
  readonly data: readonly DataFingerprint[];
}

/** A run's manifest as the catalog stores it. */
export interface RunRecord {
  /** The run key (SHA-256 of the canonical spec). */
  readonly id: string;
  readonly studyId: string;
  readonly strategy: string;
  readonly engine: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly seed: number;
  /** The full run spec (enough to re-execute it). */
  readonly spec: RunSpec;
  readonly data: DataFingerprint;
  readonly code: CodeVersion;
  readonly metrics: RunMetrics | null;
  readonly error: string | null;
  readonly runMs: number;
  /** Wall-clock time of recording, UTC ms. */
  readonly recordedAt: number;
}

/** A study row with its status and summary. */
export interface StudyRow extends StudyRecord {
  readonly status: string;
  readonly summary: unknown;
  readonly code: CodeVersion;
  readonly createdAt: number;
  readonly runs: number;
}

/**
 * Default catalog file: `$QUANTKIT_HOME/catalog.duckdb`, else `~/.quantkit/catalog.duckdb`.
 *
 * @example
 * defaultCatalogPath() // → "/home/me/.quantkit/catalog.duckdb"
 */
export function defaultCatalogPath(): string {
  return resolve(process.env.QUANTKIT_HOME ?? join(homedir(), ".quantkit"), "catalog.duckdb");
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS studies (id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, config JSON,
     data JSON, code JSON, status VARCHAR, summary JSON, created_at DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS runs (id VARCHAR PRIMARY KEY, study_id VARCHAR, strategy VARCHAR, engine VARCHAR,
     params JSON, seed BIGINT, spec JSON, data JSON, code JSON, metrics JSON, error VARCHAR, run_ms DOUBLE,
     recorded_at DOUBLE, sharpe DOUBLE, total_return DOUBLE)`,
];

const numOrNull = (x: number) => (Number.isFinite(x) ? x : null);
/** JSON that keeps NaN and ±Infinity (as strings), so metrics round-trip exactly. */
const toJson = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isFinite(x) ? `__num:${x}` : x));
const fromJson = (s: unknown) =>
  s === null || s === undefined
    ? null
    : JSON.parse(String(s), (_k, x) =>
        typeof x === "string" && x.startsWith("__num:") ? Number(x.slice(6)) : x,
      );

/**
 * The local catalog of tracked studies and runs: one DuckDB file with a `studies` and a `runs` table (each run's
 * manifest: spec, params, seed, data fingerprint, code version, timings, metrics). The file is opened for each
 * operation and closed after it, so another process (e.g. `quantkit runs list` during a sweep) can read it
 * between writes. Query it with SQL too (`duckdb catalog.duckdb "SELECT … FROM runs"`).
 *
 * @example
 * const cat = new Catalog("out/catalog.duckdb");
 * (await cat.listRuns({ limit: 5 })).map((r) => r.id.slice(0, 12));
 * @see https://mlflow.org/docs/latest/tracking.html (the same idea: runs with params, metrics, code version)
 */
export class Catalog {
  readonly path: string;
  #chain: Promise<unknown> = Promise.resolve();

  /** @param path - the DuckDB file (default {@link defaultCatalogPath}); its folder is created when missing. */
  constructor(
    path: string = defaultCatalogPath(),
    private readonly clock: Clock = new WallClock(),
  ) {
    this.path = resolve(path);
  }

  /** Runs `fn` with an open connection, one operation at a time within this process. */
  async #with<T>(fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const next = this.#chain.then(async () => {
      mkdirSync(dirname(this.path), { recursive: true });
      const instance = await DuckDBInstance.create(this.path);
      const con = await instance.connect();
      try {
        for (const s of SCHEMA) await con.run(s);
        return await fn(con);
      } finally {
        con.closeSync();
        instance.closeSync();
      }
    });
    this.#chain = next.catch(() => undefined);
    return next;
  }

  /** Records (or updates) a study; its status becomes `"running"`. */
  async recordStudy(s: StudyRecord): Promise<void> {
    await this.#with(async (con) => {
      await con.run(
        `INSERT INTO studies VALUES ($id, $name, $kind, $config, $data, $code, 'running', NULL, $created)
         ON CONFLICT (id) DO UPDATE SET status = 'running', code = excluded.code`,
        {
          id: s.id,
          name: s.name,
          kind: s.kind,
          config: toJson(s.config),
          data: toJson(s.data),
          code: toJson(codeVersion()),
          created: this.clock.now(),
        },
      );
    });
  }

  /** Sets a study's final status and summary. */
  async finishStudy(id: string, status: string, summary: unknown): Promise<void> {
    await this.#with(async (con) => {
      await con.run("UPDATE studies SET status = $status, summary = $summary WHERE id = $id", {
        id,
        status,
        summary: toJson(summary),
      });
    });
  }

  /** Records the manifests of finished runs of a study (a run already recorded is replaced). */
  async recordRuns(studyId: string, rows: readonly ResultRow[], data: DataFingerprint): Promise<void> {
    if (rows.length === 0) return;
    const code = toJson(codeVersion());
    const dataJson = toJson(data);
    const at = this.clock.now();
    await this.#with(async (con) => {
      await con.run("CREATE TEMP TABLE incoming AS SELECT * FROM runs LIMIT 0");
      const a = await con.createAppender("incoming");
      try {
        for (const r of rows) {
          const spec = JSON.parse(r.spec) as { seed: number };
          a.appendVarchar(r.key);
          a.appendVarchar(studyId);
          a.appendVarchar(r.strategy);
          a.appendVarchar(r.engine);
          a.appendVarchar(toJson(r.params));
          a.appendBigInt(BigInt(spec.seed));
          a.appendVarchar(r.spec);
          a.appendVarchar(dataJson);
          a.appendVarchar(code);
          if (r.metrics === null) a.appendNull();
          else a.appendVarchar(toJson(r.metrics));
          if (r.error === null) a.appendNull();
          else a.appendVarchar(r.error);
          a.appendDouble(r.ms);
          a.appendDouble(at);
          const sh = r.metrics === null ? null : numOrNull(r.metrics.sharpe);
          if (sh === null) a.appendNull();
          else a.appendDouble(sh);
          const tr = r.metrics === null ? null : numOrNull(r.metrics.totalReturn);
          if (tr === null) a.appendNull();
          else a.appendDouble(tr);
          a.endRow();
        }
        a.flushSync();
      } finally {
        a.closeSync();
      }
      await con.run("INSERT OR REPLACE INTO runs SELECT * FROM incoming");
      await con.run("DROP TABLE incoming");
    });
  }

  /** Studies, newest first. */
  async listStudies(): Promise<StudyRow[]> {
    return this.#with(async (con) => {
      const r = await con.runAndReadAll(
        `SELECT s.*, (SELECT count(*) FROM runs WHERE study_id = s.id) AS n FROM studies s ORDER BY created_at DESC`,
      );
      return r.getRowObjectsJS().map((o) => ({
        id: String(o.id),
        name: String(o.name),
        kind: String(o.kind),
        config: fromJson(o.config),
        data: fromJson(o.data) as DataFingerprint[],
        code: fromJson(o.code) as CodeVersion,
        status: String(o.status),
        summary: fromJson(o.summary),
        createdAt: Number(o.created_at),
        runs: Number(o.n),
      }));
    });
  }

  /**
   * Runs (manifests), optionally of one study, ordered by `orderBy` (default most recent first).
   *
   * @param options - `{ study?: id, orderBy?: "recorded" | "sharpe" | "totalReturn", limit?: 50 }`.
   */
  async listRuns(
    options: { study?: string; orderBy?: "recorded" | "sharpe" | "totalReturn"; limit?: number } = {},
  ): Promise<RunRecord[]> {
    const order =
      options.orderBy === "sharpe"
        ? "sharpe DESC NULLS LAST"
        : options.orderBy === "totalReturn"
          ? "total_return DESC NULLS LAST"
          : "recorded_at DESC, id";
    return this.#with(async (con) => {
      const r = await con.runAndReadAll(
        `SELECT * FROM runs ${options.study !== undefined ? "WHERE study_id = $study" : ""} ORDER BY ${order} LIMIT ${Math.max(1, Math.floor(options.limit ?? 50))}`,
        options.study !== undefined ? { study: options.study } : {},
      );
      return r.getRowObjectsJS().map(toRunRecord);
    });
  }

  /**
   * One run by id or by a unique id prefix (like git), or throws a QuantkitError (unknown or ambiguous).
   *
   * @example
   * (await cat.showRun("3fa9c2")).params // → { fast: 10, slow: 60 }
   */
  async showRun(id: string): Promise<RunRecord> {
    const rows = await this.#with(async (con) => {
      const r = await con.runAndReadAll("SELECT * FROM runs WHERE starts_with(id, $p) LIMIT 2", { p: id });
      return r.getRowObjectsJS();
    });
    if (rows.length === 0) throw new QuantkitError(`No run "${id}" in ${this.path}`);
    if (rows.length > 1) throw new QuantkitError(`Run id prefix "${id}" is ambiguous: give more characters`);
    return toRunRecord(rows[0]!);
  }

  /** Number of runs recorded. */
  async countRuns(study?: string): Promise<number> {
    return this.#with(async (con) => {
      const r = await con.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n FROM runs ${study !== undefined ? "WHERE study_id = $s" : ""}`,
        study !== undefined ? { s: study } : {},
      );
      return Number(r.getRowObjectsJS()[0]!.n);
    });
  }
}

function toRunRecord(o: Record<string, unknown>): RunRecord {
  return {
    id: String(o.id),
    studyId: String(o.study_id),
    strategy: String(o.strategy),
    engine: String(o.engine),
    params: fromJson(o.params),
    seed: Number(o.seed),
    spec: fromJson(o.spec),
    data: fromJson(o.data),
    code: fromJson(o.code),
    metrics: fromJson(o.metrics),
    error: o.error === null ? null : String(o.error),
    runMs: Number(o.run_ms),
    recordedAt: Number(o.recorded_at),
  };
}
