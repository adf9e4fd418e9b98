import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { DuckDBInstance, timestampValue } from "@duckdb/node-api";
import { QuantkitError } from "@quantkit/core";
import { parse as parseYaml } from "yaml";
import { Catalog } from "../catalog/catalog.js";
import {
  type WalkForwardConfigInput,
  type WalkForwardResult,
  walkForward,
} from "../walkforward/walkForward.js";
import { progressPrinter } from "./progressBar.js";

/** Options of {@link walkForwardCommand} (what `quantkit walk-forward` parses from its arguments). */
export interface WalkForwardCommandOptions {
  /** Path of a YAML or JSON walk-forward config (see `walkForwardConfigSchema`). */
  readonly config: string;
  /** Output folder. @default "out/walk-forward" */
  readonly out?: string;
  /** Worker threads, overriding the config's `workers`. */
  readonly workers?: number;
  /** Catalog file (default `defaultCatalogPath()`), or false to not record the study and its runs. */
  readonly catalog?: string | false;
  /**
   * NATS server URL(s), comma-separated: run every fold's runs on `quantkit worker` processes through NATS
   * JetStream instead of a local pool (see `walkForward`'s `nats`). Rerunning resumes.
   */
  readonly nats?: string;
  /** With `nats`: fail when no result arrives for this long (ms). @default no limit */
  readonly idleTimeoutMs?: number;
  /** With `nats`, Ctrl-C: stop collecting (the queued runs keep executing; rerun to collect them). */
  readonly signal?: AbortSignal;
  /** Where lines of output go. @default console.log */
  readonly log?: (line: string) => void;
  /** Progress of the in-sample runs: (done, total). Default: the sweep progress bar on stdout when `log` is not given. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Reads a study config file (walk-forward, robustness, CPCV): YAML, or JSON by extension; a relative `data.path`
 * (csv) or `data.home` (store) is resolved against the file's folder. Validation is the caller's (its zod schema).
 *
 * @example
 * loadStudyConfigFile("packages/studies/examples/robustness.yaml").strategy // → "sma-cross"
 */
export function loadStudyConfigFile(path: string): Record<string, unknown> {
  const text = readFileSync(path, "utf8");
  const raw = (path.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as unknown;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new QuantkitError(
      `study config ${path}: expected a mapping, got ${Array.isArray(raw) ? "a list" : typeof raw}`,
    );
  }
  const base = dirname(resolve(path));
  const data = (raw as Record<string, unknown>).data as Record<string, unknown> | undefined;
  if (data && typeof data.path === "string" && !isAbsolute(data.path)) data.path = resolve(base, data.path);
  if (data && typeof data.home === "string" && !isAbsolute(data.home)) data.home = resolve(base, data.home);
  return raw as Record<string, unknown>;
}

/**
 * Reads a walk-forward config file (see {@link loadStudyConfigFile}); `walkForward` validates it.
 *
 * @example
 * loadWalkForwardConfig("packages/studies/examples/walk-forward.yaml").strategy // → "sma-cross"
 */
export function loadWalkForwardConfig(path: string): WalkForwardConfigInput {
  return loadStudyConfigFile(path) as WalkForwardConfigInput;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Writes a walk-forward result to `out`: `walk-forward.json` (everything, plain arrays), `folds.parquet` (one row
 * per fold: windows, chosen params as JSON, IS/OOS objective and metrics, degradation, run keys), `oos.parquet`
 * (stitched out-of-sample ts, return, equity) and `folds.md` (the printed table).
 *
 * @example
 * await writeWalkForward(result, "out/wf"); // → ["out/wf/walk-forward.json", "out/wf/folds.parquet", …]
 */
export async function writeWalkForward(result: WalkForwardResult, out: string): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const files = [
    join(out, "walk-forward.json"),
    join(out, "folds.parquet"),
    join(out, "oos.parquet"),
    join(out, "folds.md"),
  ];
  writeFileSync(files[0]!, `${JSON.stringify(result, null, 1)}\n`);
  writeFileSync(files[3]!, `${result.table()}\n`);
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    await con.run(
      `CREATE TABLE folds (fold INTEGER, train_start TIMESTAMP, train_end TIMESTAMP, test_start TIMESTAMP, test_end TIMESTAMP,
        train_bars INTEGER, test_bars INTEGER, params VARCHAR, objective VARCHAR, in_sample DOUBLE, out_of_sample DOUBLE,
        degradation_ratio DOUBLE, degradation_difference DOUBLE, oos_total_return DOUBLE, oos_sharpe DOUBLE,
        oos_max_drawdown DOUBLE, oos_trades INTEGER, is_total_return DOUBLE, is_sharpe DOUBLE, trials INTEGER,
        failed INTEGER, in_sample_key VARCHAR, out_of_sample_key VARCHAR)`,
    );
    const a = await con.createAppender("folds");
    try {
      const ts = (ms: number) => timestampValue(BigInt(Math.round(ms * 1000)));
      for (const f of result.folds) {
        a.appendInteger(f.index);
        a.appendTimestamp(ts(f.trainStart));
        a.appendTimestamp(ts(f.trainEnd));
        a.appendTimestamp(ts(f.testStart));
        a.appendTimestamp(ts(f.testEnd));
        a.appendInteger(f.train[1] - f.train[0]);
        a.appendInteger(f.test[1] - f.test[0]);
        a.appendVarchar(JSON.stringify(f.params));
        a.appendVarchar(result.objective);
        a.appendDouble(f.inSample);
        a.appendDouble(f.outOfSample);
        a.appendDouble(f.degradationRatio);
        a.appendDouble(f.degradationDifference);
        a.appendDouble(f.outOfSampleMetrics.totalReturn);
        a.appendDouble(f.outOfSampleMetrics.sharpe);
        a.appendDouble(f.outOfSampleMetrics.maxDrawdown);
        a.appendInteger(f.outOfSampleMetrics.trades);
        a.appendDouble(f.inSampleMetrics.totalReturn);
        a.appendDouble(f.inSampleMetrics.sharpe);
        a.appendInteger(f.trials);
        a.appendInteger(f.failed);
        a.appendVarchar(f.inSampleKey);
        a.appendVarchar(f.outOfSampleKey);
        a.endRow();
      }
      a.flushSync();
    } finally {
      a.closeSync();
    }
    await con.run(`COPY folds TO ${sqlString(files[1]!)} (FORMAT parquet)`);
    await con.run("CREATE TABLE oos (ts TIMESTAMP, ret DOUBLE, equity DOUBLE)");
    const b = await con.createAppender("oos");
    try {
      const { ts, returns, equity } = result.oos;
      for (let i = 0; i < ts.length; i++) {
        b.appendTimestamp(timestampValue(BigInt(Math.round(ts[i]! * 1000))));
        b.appendDouble(returns[i]!);
        b.appendDouble(equity[i]!);
        b.endRow();
      }
      b.flushSync();
    } finally {
      b.closeSync();
    }
    await con.run(`COPY oos TO ${sqlString(files[2]!)} (FORMAT parquet)`);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return files;
}

/**
 * `quantkit walk-forward --config <yaml> [--out dir] [--workers n | --nats url] [--catalog file]`: runs the
 * walk-forward study the config describes (on a local pool, or on `quantkit worker` processes through NATS
 * JetStream with `--nats`), prints the per-fold table and summary, writes the results (see
 * {@link writeWalkForward}) and records the study and every run in the tracked-run catalog.
 *
 * @example
 * await walkForwardCommand({ config: "packages/studies/examples/walk-forward.yaml", out: "out/wf" });
 */
export async function walkForwardCommand(options: WalkForwardCommandOptions): Promise<WalkForwardResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cfg = loadWalkForwardConfig(options.config);
  if (options.nats !== undefined)
    log(`submitting to ${options.nats}: start workers with  quantkit worker --nats ${options.nats}`);
  const out = options.out ?? "out/walk-forward";
  const catalog = options.catalog === false ? undefined : new Catalog(options.catalog);
  let onProgress = options.onProgress;
  if (onProgress === undefined && options.log === undefined) {
    const print = progressPrinter();
    const t0 = performance.now();
    onProgress = (done, total) => {
      const elapsedMs = performance.now() - t0;
      const etaMs = done > 0 ? (elapsedMs / done) * (total - done) : Number.NaN;
      print({ done, total, skipped: 0, executed: done, failed: 0, elapsedMs, etaMs });
    };
  }
  const result = await walkForward(
    { ...cfg, ...(options.workers !== undefined ? { workers: options.workers } : {}) },
    {
      ...(onProgress !== undefined ? { onProgress } : {}),
      ...(catalog !== undefined ? { catalog } : {}),
      ...(options.nats !== undefined
        ? {
            nats: {
              url: options.nats.split(",").map((u) => u.trim()),
              ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
              ...(options.signal !== undefined ? { signal: options.signal } : {}),
            },
          }
        : {}),
    },
  );
  log(String(result));
  if (result.dispatch !== undefined) {
    const d = (s: { published: number; alreadyPublished: number; total: number }) =>
      `${s.total} runs, ${s.published} published, ${s.alreadyPublished} already on the results stream`;
    log(
      `NATS ${options.nats}: in-sample ${d(result.dispatch.inSample)}; out-of-sample ${d(result.dispatch.outOfSample)}`,
    );
  }
  const files = await writeWalkForward(result, out);
  log(`\nwrote ${files.join(", ")}`);
  if (catalog !== undefined) log(`catalog: ${catalog.path} (quantkit runs list --study ${result.studyId})`);
  return result;
}
