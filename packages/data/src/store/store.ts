import { createHash } from "node:crypto";
import {
  closeSync,
  createReadStream,
  existsSync,
  fdatasync,
  fstatSync,
  fsync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue, listValue } from "@duckdb/node-api";
import {
  type Bars,
  type Clock,
  canResample,
  parseWith,
  QuantkitError,
  type QuoteColumns,
  TIMEFRAMES,
  type Timeframe,
  type TimeInput,
  type TradeColumns,
  timeframeMs,
  timeframeSchema,
  toEpochMs,
  WallClock,
} from "@quantkit/core";
import { z } from "zod";
import { BAR_FORMATS, type FormatPreset, QUOTE_FORMATS, TRADE_FORMATS } from "../import/formats.js";
import {
  type ImportBarsOptions,
  type ImportQuotesOptions,
  type ImportTradesOptions,
  importBarsOptions,
  importQuotesOptions,
  importTradesOptions,
  symbolSchema,
} from "../import/importOptions.js";
import type { ImportReport } from "../import/importReport.js";
import { orderRows } from "../import/orderRows.js";
import {
  type FieldRule,
  MAX_REJECTED_DETAILS,
  type ParsedTable,
  type ParseSpec,
  parseCsv,
  type RejectedRow,
} from "../import/parseCsv.js";
import { parseParquetTable } from "../import/parseParquet.js";
import {
  BAR_FIELDS,
  barValidator,
  QUOTE_FIELDS,
  quoteValidator,
  TRADE_FIELDS,
  tradeValidator,
} from "../import/validators.js";
import { alignPanel, type Panel } from "../panel/alignPanel.js";
import { resampleWithReport } from "../resample/resample.js";
import { appendColumns, OutOfOrderError, type ParquetRead, readParquetInto, sqlString } from "./duck.js";
import { decodeSegment, encodeSegment, type SeriesKind, seriesDir } from "./layout.js";
import { resultColumns } from "./nativeReader.js";
import { baseName, fileSeq, isLog, listPartition, logName, partName } from "./partition.js";
import { encodeLogRecord, LogColumns, toMicros } from "./writeAheadLog.js";

/** Storage columns of each kind after `ts`, as named in the Parquet files. */
const STORED: Record<SeriesKind, readonly string[]> = {
  bars: ["open", "high", "low", "close", "volume"],
  trades: ["price", "size", "side"],
  quotes: ["bid", "ask", "bid_size", "ask_size"],
};

/** Fields and row checks of the tick kinds, shared by their CSV and Parquet imports. */
const TICK_ROWS = {
  trades: { fields: TRADE_FIELDS, validate: tradeValidator },
  quotes: { fields: QUOTE_FIELDS, validate: quoteValidator },
} as const satisfies Record<
  "trades" | "quotes",
  { fields: readonly FieldRule[]; validate: ParseSpec["validate"] }
>;

/** The parsed options {@link Store.importTrades} and {@link Store.importQuotes} have in common. */
type TickImportOptions = Omit<z.output<typeof importTradesOptions>, "format">;

/** The stored columns of a kind after `ts`, quoted for SQL: `"open", "high", …`. */
function sqlColumns(kind: SeriesKind): string {
  return STORED[kind].map((c) => `"${c}"`).join(", ");
}

/** The stored columns of a kind after `ts` as DOUBLE column definitions of a staging table. */
function sqlDoubleColumns(kind: SeriesKind): string {
  return STORED[kind].map((c) => `"${c}" DOUBLE`).join(", ");
}

/** Size, modification time and inode of a file: what changes when it is rewritten (see `#fileInfos`). */
function fileKey(st: Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ino}`;
}

/** Options of {@link openStore}. */
export interface StoreOptions {
  /**
   * Writable folder of the store. Default: `$QUANTKIT_HOME`, else `~/.quantkit`. Created when missing.
   */
  root?: string;
  /**
   * A read-only second root (the bundled `datasets/store` of the repository by default, or `$QUANTKIT_DATASETS`);
   * `false` for none. A year partition in `root` hides the same partition here (copy-on-write).
   */
  bundled?: string | false;
  /** Clock that stamps provenance (`importedAt`). Default: the wall clock. */
  clock?: Clock;
  /** Connections used for concurrent reads. Default 4. */
  readConnections?: number;
  /**
   * Parts a year partition may hold after streaming appends ({@link Store.appendTrades},
   * {@link Store.appendBars}) before a background compaction merges them into the year file. Default 32.
   */
  compactAfterParts?: number;
  /**
   * Rows a partition's write-ahead log (the hot tier of streaming appends) takes before it is sealed and turned
   * into a Parquet part by a background compaction. Default 65536.
   */
  logMaxRows?: number;
}

const storeOptions = z
  .object({
    root: z.string().min(1).optional(),
    bundled: z.union([z.string().min(1), z.literal(false)]).optional(),
    clock: z.custom<Clock>((c) => typeof (c as Clock | undefined)?.now === "function").optional(),
    readConnections: z.number().int().min(1).max(64).optional(),
    compactAfterParts: z.number().int().min(1).optional(),
    logMaxRows: z.number().int().min(1).optional(),
  })
  .strict();

const timeInput = z.union([z.string(), z.number(), z.date()]);

// Built once: the streaming appends validate their options on every call.
/** Options of {@link Store.importBars} and {@link Store.appendBars}. */
const memoryBarsOptions = z
  .object({
    source: z.string().optional(),
    timezone: z.string().optional(),
    allowNonPositivePrices: z.boolean().optional(),
  })
  .strict();
const appendTradesOptions = z.object({ source: z.string().optional() }).strict();

/** What to read: `start` inclusive, `end` exclusive, on bar open times; each an ISO string, a Date or epoch ms. */
export interface BarsQuery {
  symbol: string;
  timeframe: Timeframe;
  start?: TimeInput;
  end?: TimeInput;
  /**
   * When bars are resampled from a finer stored timeframe: keep the trailing bar even if its bucket is not
   * complete (see {@link GetBarsResult.incomplete}). Default false.
   */
  includeIncomplete?: boolean;
  /** Zone whose calendar aligns resampled daily/weekly bars. Default: the zone recorded at import, else UTC. */
  timezone?: string;
}

const barsQuery = z
  .object({
    symbol: symbolSchema,
    timeframe: timeframeSchema,
    start: timeInput.optional(),
    end: timeInput.optional(),
    includeIncomplete: z.boolean().optional(),
    timezone: z.string().optional(),
  })
  .strict();

/** What to read of a tick series (`start` inclusive, `end` exclusive). */
export interface TicksQuery {
  symbol: string;
  start?: TimeInput;
  end?: TimeInput;
}
const ticksQuery = z
  .object({ symbol: symbolSchema, start: timeInput.optional(), end: timeInput.optional() })
  .strict();

/** Several symbols over one time range, for {@link Store.getPanel}. */
export interface PanelQuery {
  symbols: string[];
  timeframe: Timeframe;
  start?: TimeInput;
  end?: TimeInput;
  includeIncomplete?: boolean;
  timezone?: string;
}
const panelQuery = z
  .object({
    symbols: z.array(symbolSchema).min(1),
    timeframe: timeframeSchema,
    start: timeInput.optional(),
    end: timeInput.optional(),
    includeIncomplete: z.boolean().optional(),
    timezone: z.string().optional(),
  })
  .strict();

/** {@link Store.getBarsWithReport}'s answer: the bars and how they were obtained. */
export interface GetBarsResult {
  readonly bars: Bars;
  /** The stored timeframe the bars were read from (equal to the requested one unless resampled). */
  readonly source: Timeframe;
  /** When resampled: the trailing incomplete bar that was left out (`included: false`) or kept and flagged. */
  readonly incomplete: { readonly ts: number; readonly included: boolean } | null;
}

/** One import recorded in the catalog. */
export interface Provenance {
  /** The source file: relative to the working directory of the import when inside it, else absolute. */
  readonly source: string;
  readonly sha256: string;
  readonly format: string;
  readonly timezone: string;
  readonly importedAt: string;
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejectedCount: number;
  readonly inserted: number;
  readonly replaced: number;
  readonly unchanged: number;
  readonly removed: number;
  /** Free text added by the bundled-datasets build (origin, license, adjustments). */
  readonly note?: string;
  /**
   * Streaming appends only: how many appends this one record sums (one record per series and source, updated
   * in place, so the catalog does not grow with the number of appends); `importedAt` is the latest, `firstAt`
   * the first.
   */
  readonly appends?: number;
  readonly firstAt?: string;
}

/** One series of the catalog. */
export interface CatalogEntry {
  readonly kind: SeriesKind;
  readonly symbol: string;
  readonly timeframe: Timeframe | null;
  readonly rows: number;
  /** First and last timestamp (UTC epoch ms). */
  readonly start: number;
  readonly end: number;
  readonly years: readonly number[];
  /** Where its partitions live: the writable root, the bundled root, or both. */
  readonly location: "root" | "bundled" | "both";
  /** Zone recorded at import (aligns daily bars). */
  readonly timezone: string;
  readonly provenance: readonly Provenance[];
}

interface SeriesMeta {
  timezone: string;
  imports: Provenance[];
}
interface CatalogFile {
  version: 1;
  series: Record<string, SeriesMeta>;
}

function seriesKey(kind: SeriesKind, symbol: string, timeframe: Timeframe | null): string {
  return `${kind}/${timeframe ?? "-"}/${encodeSegment(symbol)}`;
}

function defaultBundled(): string | null {
  if (process.env.QUANTKIT_DATASETS) return process.env.QUANTKIT_DATASETS;
  const here = dirname(fileURLToPath(import.meta.url));
  const p = resolve(here, "..", "..", "..", "..", "datasets", "store");
  return existsSync(p) ? p : null;
}

function alignZoneFor(tz: string | undefined): string {
  if (!tz || tz === "UTC" || tz === "Z" || tz === "GMT" || tz === "Etc/UTC") return "UTC";
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(tz);
  if (m) {
    if (Number(m[3] ?? 0) !== 0) return "UTC";
    const h = Number(m[2]);
    return h === 0 ? "UTC" : `Etc/GMT${m[1] === "-" ? "+" : "-"}${h}`;
  }
  return tz;
}

async function sha256(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** Year → the files to read (base + parts, see {@link listPartition}) of a series folder, years ascending. */
function listYearFiles(dir: string): Map<number, readonly string[]> {
  const out = new Map<number, readonly string[]>();
  if (!existsSync(dir)) return out;
  const years = readdirSync(dir)
    .filter((d) => d.startsWith("year="))
    .map((d) => Number(d.slice(5)))
    .filter((y) => Number.isInteger(y))
    .sort((a, b) => a - b);
  for (const y of years) {
    const l = listPartition(join(dir, `year=${y}`));
    if (l && l.files.length > 0) out.set(y, l.files);
  }
  return out;
}

function listYears(dir: string): number[] {
  return [...listYearFiles(dir).keys()];
}

/** The open write-ahead log of a partition: its file, rows written, fsyncs in flight, and a close waiting for them. */
interface LogWriter {
  seq: number;
  path: string;
  fd: number;
  rows: number;
  syncing: number;
  closing: boolean;
  /** The fsync of the folder that made the log's name durable. */
  named: Promise<void>;
}

/** Row count and the range of `ts` of one Parquet file, in epoch ms truncated to whole ms. */
interface FileInfo {
  rows: number;
  min: number;
  max: number;
}

/** A Parquet TIMESTAMP statistic as DuckDB prints it (`2024-12-01 00:57:29.123456`) → epoch ms truncated, or NaN. */
function statMs(v: unknown): number {
  if (typeof v !== "string") return Number.NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(v);
  if (!m) return Number.NaN;
  const frac = (m[7] ?? "").padEnd(3, "0").slice(0, 3);
  return (
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) +
    Number(frac)
  );
}

function us(ms: number): bigint {
  return BigInt(Math.round(ms * 1000));
}

/**
 * Validates in-memory columns row by row like a file import (rejected rows listed by 1-based row number) and
 * returns the accepted rows as a {@link ParsedTable}.
 */
function memoryTable(
  ts: Float64Array,
  cols: readonly Float64Array[],
  validate: (ts: number, row: Float64Array, reasons: string[], present: Uint8Array) => void,
): ParsedTable {
  const n = ts.length;
  const m = cols.length;
  const keep = new Uint8Array(n);
  const rejected: RejectedRow[] = [];
  const row = new Float64Array(m);
  const present = new Uint8Array(m).fill(1);
  const reasons: string[] = [];
  let kept = 0;
  for (let i = 0; i < n; i++) {
    reasons.length = 0;
    for (let j = 0; j < m; j++) row[j] = cols[j]![i]!;
    const t = ts[i]!;
    if (!Number.isFinite(t)) reasons.push(`ts: expected finite epoch ms, got ${t}`);
    else validate(t, row, reasons, present);
    if (reasons.length > 0) {
      if (rejected.length < MAX_REJECTED_DETAILS)
        rejected.push({ line: i + 1, reason: reasons.join("; "), text: "" });
    } else {
      keep[i] = 1;
      kept++;
    }
  }
  const pick = (src: Float64Array) => {
    if (kept === n) return src;
    const out = new Float64Array(kept);
    for (let i = 0, k = 0; i < n; i++) if (keep[i]) out[k++] = src[i]!;
    return out;
  };
  const lines = new Float64Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (keep[i]) lines[k++] = i + 1;
  return {
    ts: pick(ts),
    values: cols.map(pick),
    lines,
    rowsRead: n,
    blankLines: 0,
    rejected,
    rejectedCount: n - kept,
  };
}

/**
 * Row checks of bars of `timeframe` imported with source zone `timezone` (its calendar aligns daily and weekly
 * bars; UTC when absent); prices ≤ 0 are rejected unless `allowNonPositivePrices`.
 */
function barRowCheck(
  timeframe: Timeframe,
  timezone: string | undefined,
  allowNonPositivePrices = false,
): ParseSpec["validate"] {
  return barValidator({ timeframe, alignZone: alignZoneFor(timezone), allowNonPositivePrices });
}

/**
 * In-memory bars checked like a file import ({@link Store.importBars}, {@link Store.appendBars}): the symbol and
 * timeframe validated, each row by {@link barRowCheck}.
 */
function memoryBarsTable(
  bars: Bars,
  o: z.output<typeof memoryBarsOptions>,
): { symbol: string; timeframe: Timeframe; table: ParsedTable } {
  const symbol = parseWith(symbolSchema, bars.symbol, "bars.symbol");
  const timeframe = parseWith(timeframeSchema, bars.timeframe, "bars.timeframe");
  const validate = barRowCheck(timeframe, o.timezone, o.allowNonPositivePrices);
  const table = memoryTable(bars.ts, [bars.open, bars.high, bars.low, bars.close, bars.volume], validate);
  return { symbol, timeframe, table };
}

/** `fdatasync(2)` on the libuv thread pool. */
function syncData(fd: number): Promise<void> {
  return new Promise((res, rej) => fdatasync(fd, (e) => (e ? rej(e) : res())));
}

/** `fsync(2)` of a file or folder by path (a folder: its entries, e.g. a rename), on the libuv thread pool. */
async function syncPath(path: string): Promise<void> {
  const fd = openSync(path, "r");
  try {
    await new Promise<void>((res, rej) => fsync(fd, (e) => (e ? rej(e) : res())));
  } finally {
    closeSync(fd);
  }
}

/** Adds one import (or one streaming append, to its accumulating record) to a catalog in memory. */
function foldRecord(cat: CatalogFile, key: string, p: Provenance, accumulate: boolean): void {
  const meta = cat.series[key] ?? { timezone: p.timezone, imports: [] };
  meta.timezone = p.timezone;
  const at = accumulate
    ? meta.imports.findIndex((r) => r.appends !== undefined && r.source === p.source && r.format === p.format)
    : -1;
  const prev = meta.imports[at];
  if (prev) {
    meta.imports[at] = {
      ...prev,
      importedAt: p.importedAt,
      rowsRead: prev.rowsRead + p.rowsRead,
      accepted: prev.accepted + p.accepted,
      rejectedCount: prev.rejectedCount + p.rejectedCount,
      inserted: prev.inserted + p.inserted,
      replaced: prev.replaced + p.replaced,
      unchanged: prev.unchanged + p.unchanged,
      removed: prev.removed + p.removed,
      appends: (prev.appends ?? 0) + 1,
    };
  } else meta.imports.push(accumulate ? { ...p, appends: 1, firstAt: p.importedAt } : p);
  cat.series[key] = meta;
}

/** First index `i < n` of ascending epoch-ms `t` whose whole µs are ≥ `bound` (µs), else `n` (binary search). */
function firstAtOrAfter(t: Float64Array, n: number, bound: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.round(t[mid]! * 1000) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Trade row checks for in-memory trades: {@link tradeValidator} plus `side` ∈ {-1, 0, 1}. */
function memoryTradeValidator(ts: number, v: Float64Array, reasons: string[], present: Uint8Array): void {
  tradeValidator(ts, v, reasons, present);
  const side = v[2]!;
  if (side !== 1 && side !== -1 && side !== 0) reasons.push(`side: expected -1, 0 or 1, got ${side}`);
}

/**
 * An embedded market-data store: Hive-partitioned, zstd-compressed Parquet files under a folder
 * (`bars/timeframe=1m/symbol=ES/year=2024/data.parquet`, `trades/symbol=…/year=…/`, `quotes/…`) read and written
 * through an in-process DuckDB. Open one with {@link openStore}.
 */
export class Store {
  /** The writable root folder. */
  readonly root: string;
  /** The read-only bundled root, or null. */
  readonly bundledRoot: string | null;
  readonly #instance: DuckDBInstance;
  readonly #write: DuckDBConnection;
  readonly #readers: DuckDBConnection[];
  readonly #idle: DuckDBConnection[];
  readonly #waiting: ((c: DuckDBConnection) => void)[] = [];
  readonly #clock: Clock;
  #lock: Promise<unknown> = Promise.resolve();
  #version = 0;
  #viewsVersion = -1;
  #tmp = 0;
  #closed = false;
  /** Newest stored timestamp of each series written through this store (lazily read), for the append fast path. */
  readonly #tails = new Map<string, number>();
  /** Partition folders waiting for a background compaction, and the chain that runs them one at a time. */
  readonly #compactQueue = new Set<string>();
  #compacting: Promise<void> = Promise.resolve();
  #compactError: unknown = undefined;
  #compactCon: DuckDBConnection | null = null;
  /** @internal set by {@link openStore}. */
  compactAfterParts = 32;
  /** @internal set by {@link openStore}. */
  logMaxRows = 65_536;
  /** The write-ahead log this store appends to, per partition folder (at most one open log per folder). */
  readonly #writers = new Map<string, LogWriter>();
  /** Rows of the logs written or read so far, by path (a log only grows, so a reader reads only what is new). */
  readonly #logCols = new Map<string, LogColumns>();
  /** Logs queued for compaction into a part. */
  readonly #logQueue = new Set<string>();
  /** Streaming-append records not yet written to catalog.json (see #record), and the timer that writes them. */
  readonly #pendingRecords: { key: string; p: Provenance }[] = [];
  #catalogTimer: ReturnType<typeof setTimeout> | null = null;
  /** Remembered folder listings (see #listing), the `#version` they belong to, and whether this store has written. */
  readonly #listed = new Map<string, Map<number, readonly string[]>>();
  #listedVersion = -1;
  #wrote = false;
  /** Drops the temporary tables holding the logs' rows for the current SQL views. */
  readonly #viewDrops: (() => Promise<void>)[] = [];
  /** Reads in flight (files they listed must not be deleted) and the superseded files waiting for them. */
  #reading = 0;
  readonly #retired = new Set<string>();
  /** Footer facts of the files read so far (see #fileInfos). */
  readonly #fileInfo = new Map<string, FileInfo & { key: string }>();

  /** @internal use {@link openStore}. */
  constructor(
    root: string,
    bundledRoot: string | null,
    instance: DuckDBInstance,
    write: DuckDBConnection,
    readers: DuckDBConnection[],
    clock: Clock,
  ) {
    this.root = root;
    this.bundledRoot = bundledRoot;
    this.#instance = instance;
    this.#write = write;
    this.#readers = readers;
    this.#idle = [...readers];
    this.#clock = clock;
  }

  // ---------------------------------------------------------------- files

  /**
   * Year → Parquet files of a series (the base file and the appended parts after it, in order), the writable
   * root's partition hiding the bundled one.
   */
  #files(kind: SeriesKind, symbol: string, timeframe: Timeframe | null): Map<number, readonly string[]> {
    const tf = timeframe ?? undefined;
    const out = this.bundledRoot
      ? new Map(this.#listing(seriesDir(this.bundledRoot, kind, symbol, tf), true))
      : new Map<number, readonly string[]>();
    for (const [y, f] of this.#listing(seriesDir(this.root, kind, symbol, tf), false)) out.set(y, f);
    return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
  }

  /**
   * {@link listYearFiles}, remembered where nothing but this store can change it: the read-only bundled root, and the
   * writable root once this store has written to it (one writer per store: its own writes bump `#version`, which
   * drops the remembered listings). A store that only reads lists the folders on every call (another process may be
   * writing). Spares a poller two directory reads per partition and call.
   */
  #listing(dir: string, bundled: boolean): Map<number, readonly string[]> {
    if (!bundled && !this.#wrote) return listYearFiles(dir);
    if (this.#listedVersion !== this.#version) {
      for (const k of this.#listed.keys()) if (!k.startsWith("\u0000")) this.#listed.delete(k);
      this.#listedVersion = this.#version;
    }
    const key = bundled ? `\u0000${dir}` : dir;
    let l = this.#listed.get(key);
    if (!l) {
      l = listYearFiles(dir);
      this.#listed.set(key, l);
    }
    return l;
  }

  /** All files of a series in read order (years ascending, then base and parts). */
  #allFiles(kind: SeriesKind, symbol: string, timeframe: Timeframe | null): string[] {
    return [...this.#files(kind, symbol, timeframe).values()].flat();
  }

  /** The catalog file of a root; for the writable root with the streaming-append counters not written yet. */
  #readMeta(root: string): CatalogFile {
    const p = join(root, "catalog.json");
    const cat: CatalogFile = existsSync(p)
      ? (JSON.parse(readFileSync(p, "utf8")) as CatalogFile)
      : { version: 1, series: {} };
    if (root === this.root) for (const r of this.#pendingRecords) foldRecord(cat, r.key, r.p, true);
    return cat;
  }

  /** Writes the writable root's catalog (temp file + rename); it includes every pending append record. */
  #writeMeta(cat: CatalogFile): void {
    this.#pendingRecords.length = 0;
    if (this.#catalogTimer) clearTimeout(this.#catalogTimer);
    this.#catalogTimer = null;
    const path = join(this.root, "catalog.json");
    writeFileSync(`${path}.tmp`, `${JSON.stringify(cat, null, 1)}\n`);
    renameSync(`${path}.tmp`, path);
  }

  /** Writes the pending streaming-append records into the catalog file (if any). */
  #flushCatalog(): void {
    if (this.#pendingRecords.length > 0) this.#writeMeta(this.#readMeta(this.root));
  }

  #meta(kind: SeriesKind, symbol: string, timeframe: Timeframe | null): SeriesMeta | undefined {
    const key = seriesKey(kind, symbol, timeframe);
    const own = this.#readMeta(this.root).series[key];
    const bundled = this.bundledRoot ? this.#readMeta(this.bundledRoot).series[key] : undefined;
    if (!own) return bundled;
    if (!bundled) return own;
    return { timezone: own.timezone, imports: [...bundled.imports, ...own.imports] };
  }

  /** Every stored series as (kind, symbol, timeframe, location). */
  #series(): {
    kind: SeriesKind;
    symbol: string;
    timeframe: Timeframe | null;
    location: CatalogEntry["location"];
  }[] {
    const found = new Map<
      string,
      { kind: SeriesKind; symbol: string; timeframe: Timeframe | null; where: Set<string> }
    >();
    const roots: [string, string][] = [[this.root, "root"]];
    if (this.bundledRoot) roots.push([this.bundledRoot, "bundled"]);
    for (const [root, where] of roots) {
      const add = (kind: SeriesKind, timeframe: Timeframe | null, dir: string) => {
        if (!existsSync(dir)) return;
        for (const d of readdirSync(dir)) {
          if (!d.startsWith("symbol=") || listYears(join(dir, d)).length === 0) continue;
          const symbol = decodeSegment(d.slice(7));
          const key = seriesKey(kind, symbol, timeframe);
          const e = found.get(key) ?? { kind, symbol, timeframe, where: new Set<string>() };
          e.where.add(where);
          found.set(key, e);
        }
      };
      for (const tf of TIMEFRAMES) add("bars", tf, join(root, "bars", `timeframe=${tf}`));
      add("trades", null, join(root, "trades"));
      add("quotes", null, join(root, "quotes"));
    }
    return [...found.values()]
      .map((e) => ({
        kind: e.kind,
        symbol: e.symbol,
        timeframe: e.timeframe,
        location: (e.where.size === 2
          ? "both"
          : e.where.has("root")
            ? "root"
            : "bundled") as CatalogEntry["location"],
      }))
      .sort(
        (a, b) =>
          a.kind.localeCompare(b.kind) ||
          a.symbol.localeCompare(b.symbol) ||
          TIMEFRAMES.indexOf(a.timeframe ?? "1s") - TIMEFRAMES.indexOf(b.timeframe ?? "1s"),
      );
  }

  // ---------------------------------------------------------------- connections

  async #acquire(): Promise<DuckDBConnection> {
    const c = this.#idle.pop();
    if (c) return c;
    return new Promise((res) => this.#waiting.push(res));
  }

  #release(c: DuckDBConnection): void {
    const w = this.#waiting.shift();
    if (w) w(c);
    else this.#idle.push(c);
  }

  async #withReader<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    this.#assertOpen();
    const c = await this.#acquire();
    try {
      return await fn(c);
    } finally {
      this.#release(c);
    }
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.#assertOpen();
    const run = this.#lock.then(fn, fn);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  #assertOpen(): void {
    if (this.#closed) throw new QuantkitError("The store is closed");
  }

  // ---------------------------------------------------------------- import

  /**
   * Imports a CSV file of bars (gzip when it ends in `.gz`), streaming it line by line. Rows that cannot be read
   * or fail the checks (NaN, non-positive prices, negative volume, high < low, OHLC inconsistent, misaligned
   * timestamp, duplicate timestamp) are rejected and listed with their line numbers; out-of-order rows are sorted
   * and reported. The rows merge into the stored series by timestamp: new ones are inserted, a row with the same
   * timestamp replaces the stored one (the last import wins), so re-importing a file changes nothing.
   *
   * @param path - the CSV file.
   * @param options - {@link ImportBarsOptions}: `symbol`, `timeframe`, `format` (default `"ohlcv"`), `timezone`
   *   (default UTC), `columns`, `header`, `tsUnit`, `label`, `allowNonPositivePrices`.
   * @returns an {@link ImportReport}.
   * @throws ValidationError for bad options, an empty file, missing columns or a header that does not match
   *   the rows.
   * @example
   * const r = await store.importCsv("GOOG.csv", { symbol: "GOOG", timeframe: "1d", timezone: "America/New_York", columns: { ts: 0 } });
   * r.accepted // → 2148
   * @see https://duckdb.org/docs/data/partitioning/hive_partitioning
   */
  async importCsv(path: string, options: ImportBarsOptions): Promise<ImportReport> {
    const o = parseWith(importBarsOptions, options, "importCsv options");
    const format = o.format ?? "ohlcv";
    const preset: FormatPreset = BAR_FORMATS[format];
    const tz = this.#zoneFor(preset, o.timezone, format);
    const label = o.label ?? preset.label ?? "open";
    const table = await parseCsv(resolve(path), {
      fields: BAR_FIELDS,
      preset,
      columns: o.columns,
      header: o.header,
      delimiter: o.delimiter,
      tsUnit: o.tsUnit,
      timezone: tz,
      shiftMs: label === "close" ? timeframeMs(o.timeframe) : 0,
      validate: barRowCheck(o.timeframe, tz, o.allowNonPositivePrices),
    });
    return this.#store("bars", o.symbol, o.timeframe, resolve(path), format, tz, table);
  }

  /**
   * Imports a Parquet file of bars, mapping its columns like {@link Store.importCsv} (by name or synonym;
   * `ts` may be a TIMESTAMP, DATE, epoch number or ISO text). Same checks, report and merge rules; the report's
   * line numbers are 1-based row numbers of the file.
   *
   * @param path - the Parquet file.
   * @param options - {@link ImportBarsOptions} (`header`, `delimiter` and `format` do not apply).
   * @example
   * (await store.importParquet("es.parquet", { symbol: "ES", timeframe: "1m" })).accepted // → rows stored
   */
  async importParquet(path: string, options: ImportBarsOptions): Promise<ImportReport> {
    const o = parseWith(importBarsOptions, options, "importParquet options");
    const tz = o.timezone ?? "UTC";
    const label = o.label ?? "open";
    const table = await this.#withReader((con) =>
      parseParquetTable(con, resolve(path), {
        fields: BAR_FIELDS,
        columns: o.columns,
        tsUnit: o.tsUnit ?? "auto",
        timezone: tz,
        shiftMs: label === "close" ? timeframeMs(o.timeframe) : 0,
        validate: barRowCheck(o.timeframe, tz, o.allowNonPositivePrices),
      }),
    );
    return this.#store("bars", o.symbol, o.timeframe, resolve(path), "parquet", tz, table);
  }

  /**
   * Stores bars held in memory (from a notebook, `aggregateTicks`, another source) with the same checks, report
   * and merge rules as {@link Store.importCsv}; the report's line numbers are 1-based row numbers of `bars`.
   *
   * @param bars - the bars (`ts` = open time, UTC epoch ms).
   * @param options - `source` names the origin in the provenance (default `"memory"`); `timezone` aligns daily
   *   bars (default UTC); `allowNonPositivePrices` (default false).
   * @example
   * (await store.importBars(aggregateTicks(trades, "1m"))).inserted // → number of bars
   */
  async importBars(
    bars: Bars,
    options: { source?: string; timezone?: string; allowNonPositivePrices?: boolean } = {},
  ): Promise<ImportReport> {
    const o = parseWith(memoryBarsOptions, options, "importBars options");
    const { symbol, timeframe, table } = memoryBarsTable(bars, o);
    return this.#store("bars", symbol, timeframe, o.source ?? "memory", "memory", o.timezone ?? "UTC", table);
  }

  /**
   * Imports trades (`ts, price, size, side`) from a CSV file (or a Parquet file when the name ends in `.parquet`). Rows are checked (price > 0, size ≥ 0, side
   * buy/sell/1/-1/0), sorted stably by time (reported), and replace the stored trades inside the imported time
   * range (`removed` in the report), so a re-import is idempotent. Trades may share a timestamp.
   *
   * @param path - the CSV file.
   * @param options - {@link ImportTradesOptions}: `symbol`, `format` (`"trades"` default, `"tardis"`), `timezone`,
   *   `columns`, `tsUnit`.
   * @example
   * (await store.importTrades("tardis.csv", { symbol: "BTCUSDT", format: "tardis" })).accepted // → 9999
   */
  async importTrades(path: string, options: ImportTradesOptions): Promise<ImportReport> {
    const o = parseWith(importTradesOptions, options, "importTrades options");
    const format = o.format ?? "trades";
    return this.#importTicks("trades", path, o, format, TRADE_FORMATS[format]);
  }

  /**
   * Imports quotes (`ts, bid, ask, bidSize, askSize`) from a CSV file (or a `.parquet` file); sizes absent from the file are stored as
   * NaN. Crossed quotes (bid > ask) and non-positive prices are rejected with line numbers. Merge as
   * {@link Store.importTrades}.
   *
   * @param path - the CSV file.
   * @param options - {@link ImportQuotesOptions}: `symbol`, `format` (`"quotes"` default, `"histdata"` which
   *   requires an explicit `timezone`, e.g. `"Etc/GMT+5"` for EST without DST), `columns`, `tsUnit`.
   * @example
   * (await store.importQuotes("usdjpy-ticks.csv", { symbol: "USDJPY" })).accepted // → 1000
   */
  async importQuotes(path: string, options: ImportQuotesOptions): Promise<ImportReport> {
    const o = parseWith(importQuotesOptions, options, "importQuotes options");
    const format = o.format ?? "quotes";
    return this.#importTicks("quotes", path, o, format, QUOTE_FORMATS[format]);
  }

  /**
   * The body of {@link Store.importTrades} and {@link Store.importQuotes}: reads the file (Parquet when its name ends
   * in `.parquet`, else CSV) with the kind's fields and row checks, then merges it into the stored series.
   */
  async #importTicks(
    kind: "trades" | "quotes",
    path: string,
    o: TickImportOptions,
    format: string,
    preset: FormatPreset,
  ): Promise<ImportReport> {
    const { fields, validate } = TICK_ROWS[kind];
    const tz = this.#zoneFor(preset, o.timezone, format);
    const parquet = path.endsWith(".parquet");
    const table = parquet
      ? await this.#withReader((con) =>
          parseParquetTable(con, resolve(path), {
            fields,
            columns: { ...preset.columns, ...(o.columns ?? {}) },
            tsUnit: o.tsUnit ?? preset.tsUnit,
            timezone: tz,
            shiftMs: 0,
            validate,
          }),
        )
      : await parseCsv(resolve(path), {
          fields,
          preset,
          columns: o.columns,
          header: o.header,
          delimiter: o.delimiter,
          tsUnit: o.tsUnit,
          timezone: tz,
          validate,
        });
    return this.#store(kind, o.symbol, null, resolve(path), parquet ? "parquet" : format, tz, table);
  }

  /**
   * Streaming append of bars held in memory (a live aggregator's closed bars): same checks, report and merge rules
   * as {@link Store.importBars}, but when every bar is newer than the newest stored bar of the series (the
   * streaming case) the bars are appended as one checksummed record to the year partition's write-ahead log
   * (`log-<seq>.wal`, the hot tier) and fsynced before the call returns: no Parquet write, about a millisecond.
   * Readers read the Parquet files plus the log (from memory in this process; only its new bytes in another). A log
   * of `logMaxRows` rows is sealed and turned into a Parquet part (`part-<seq>.parquet`, same number, written under a
   * temporary name and renamed, then the log deleted) by a background compaction; parts are merged into the year
   * file by {@link Store.compact}, in the background once a partition holds `compactAfterParts` parts. A crash at any
   * point loses no acknowledged row and duplicates none (a record torn by the crash was never acknowledged and is
   * never read). Anything else (a correction of a stored bar, an overlap) falls back to the full merge, which also
   * folds the parts and logs in. The catalog keeps one provenance record per (series, source), updated in place.
   *
   * @param bars - the bars (`ts` = open time, UTC epoch ms), ascending.
   * @param options - `source` (default `"stream"`), `timezone` (default UTC), `allowNonPositivePrices`.
   * @returns an {@link ImportReport} (`inserted` = bars appended on the fast path).
   * @example
   * (await store.appendBars(closedBars, { source: "ingest" })).inserted // → closedBars.length
   * @see https://duckdb.org/docs/data/parquet/overview
   */
  async appendBars(
    bars: Bars,
    options: { source?: string; timezone?: string; allowNonPositivePrices?: boolean } = {},
  ): Promise<ImportReport> {
    const o = parseWith(memoryBarsOptions, options, "appendBars options");
    this.#throwCompactError();
    const { symbol, timeframe, table } = memoryBarsTable(bars, o);
    const source = o.source ?? "stream";
    return this.#store("bars", symbol, timeframe, source, "append", o.timezone ?? "UTC", table, "append");
  }

  /**
   * Streaming append of trades held in memory (`side` 1 buy, −1 sell, 0 unknown): same checks and merge rules as
   * {@link Store.importTrades} (an import replaces the stored trades of its time range), appended to the year
   * partition's write-ahead log when every trade is strictly newer than the newest stored trade, else by the full
   * merge.
   * See {@link Store.appendBars}.
   *
   * @param trades - the trades, in time order (ties keep their order).
   * @param options - `source` names the stream in the catalog (default `"stream"`).
   * @example
   * (await store.appendTrades({ symbol: "BTCUSDT", length: 1, ts: Float64Array.of(1582329602111), price: Float64Array.of(9682), size: Float64Array.of(0.132), side: Float64Array.of(1) })).inserted // → 1
   */
  async appendTrades(trades: TradeColumns, options: { source?: string } = {}): Promise<ImportReport> {
    const o = parseWith(appendTradesOptions, options, "appendTrades options");
    this.#throwCompactError();
    const symbol = parseWith(symbolSchema, trades.symbol, "trades.symbol");
    const table = memoryTable(trades.ts, [trades.price, trades.size, trades.side], memoryTradeValidator);
    return this.#store("trades", symbol, null, o.source ?? "stream", "append", "UTC", table, "append");
  }

  /**
   * Merges the appended parts and write-ahead logs of every year partition (or of one series) into the year file
   * (the open logs are sealed first): the new file (`data-<seq>.parquet`, named by the last part or log it
   * contains) is written under a temporary name and renamed, and only then are the files it contains deleted, so
   * readers always see each row exactly once, and a crash at any point leaves a consistent store (leftover parts
   * and logs are ignored and removed by the next compaction). Idempotent.
   *
   * @param series - restrict to one series (`kind`, `symbol`, `timeframe` for bars); default every series.
   * @returns partitions compacted and parts merged.
   * @example
   * await store.compact(); // → { partitions: 3, parts: 70 }
   */
  async compact(
    series: { kind: SeriesKind; symbol: string; timeframe?: Timeframe } | null = null,
  ): Promise<{ partitions: number; parts: number }> {
    this.#assertOpen();
    await this.#compacting;
    const dirs: [SeriesKind, string][] = [];
    const targets = series
      ? [{ kind: series.kind, symbol: series.symbol, timeframe: series.timeframe ?? null }]
      : this.#series().filter((x) => x.location !== "bundled");
    for (const t of targets) {
      const dir = seriesDir(this.root, t.kind, t.symbol, t.timeframe ?? undefined);
      if (!existsSync(dir)) continue;
      for (const d of readdirSync(dir)) if (d.startsWith("year=")) dirs.push([t.kind, join(dir, d)]);
    }
    const run = this.#compacting.then(async () => {
      let partitions = 0;
      let parts = 0;
      for (const [kind, dir] of dirs) {
        const k = await this.#compactDir(kind, dir, true);
        if (k > 0) {
          partitions++;
          parts += k;
        }
      }
      return { partitions, parts };
    });
    this.#compacting = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Waits for the background compactions queued so far and those they queue (a log made a part can queue a merge of
   * the parts); rethrows a failure.
   */
  async flushCompactions(): Promise<void> {
    await this.#settleCompactions();
    this.#throwCompactError();
  }

  async #settleCompactions(): Promise<void> {
    for (;;) {
      const c = this.#compacting;
      await c;
      if (c === this.#compacting) return;
    }
  }

  #throwCompactError(): void {
    if (this.#compactError !== undefined) {
      const e = this.#compactError;
      this.#compactError = undefined;
      throw e;
    }
  }

  #zoneFor(preset: FormatPreset, tz: string | undefined, format: string): string {
    if (preset.requiresTimezone && !tz) {
      throw new QuantkitError(
        `Format "${format}" needs an explicit timezone: its times are local (${preset.description}); ` +
          `for example timezone: "${preset.requiresTimezone}"`,
      );
    }
    return tz ?? "UTC";
  }

  async #store(
    kind: SeriesKind,
    symbol: string,
    timeframe: Timeframe | null,
    source: string,
    format: string,
    timezone: string,
    table: ParsedTable,
    mode: "merge" | "append" = "merge",
  ): Promise<ImportReport> {
    const digest = mode === "merge" && existsSync(source) ? await sha256(source) : "";
    const ordered = orderRows(table, kind === "bars", () => "");
    const rejected: RejectedRow[] = [...table.rejected, ...ordered.duplicates].sort(
      (a, b) => a.line - b.line,
    );
    const rejectedCount = table.rejectedCount + ordered.duplicateCount;
    const n = ordered.ts.length;
    const { durable, ...merged } = await this.#exclusive<
      Pick<ImportReport, "inserted" | "replaced" | "unchanged" | "removed" | "years"> & {
        durable?: Promise<void>;
      }
    >(() =>
      mode === "append"
        ? this.#append(kind, symbol, timeframe, ordered.ts, ordered.values)
        : this.#merge(kind, symbol, timeframe, ordered.ts, ordered.values),
    );
    await durable; // a streaming append is acknowledged once its log records are on disk
    const report: ImportReport = {
      kind,
      symbol,
      timeframe,
      source,
      format,
      rowsRead: table.rowsRead,
      blankLines: table.blankLines,
      accepted: n,
      rejected,
      rejectedCount,
      reordered: ordered.reordered,
      ...merged,
      range: n > 0 ? { start: ordered.ts[0]!, end: ordered.ts[n - 1]! } : null,
      quarantine: rejected.length > 0 ? this.#quarantine(kind, symbol, timeframe, source, rejected) : null,
    };
    const rel = relative(process.cwd(), source);
    this.#record(
      kind,
      symbol,
      timeframe,
      {
        source: rel.startsWith("..") || isAbsolute(rel) ? source : rel,
        sha256: digest,
        format,
        timezone,
        importedAt: new Date(this.#clock.now()).toISOString(),
        rowsRead: report.rowsRead,
        accepted: report.accepted,
        rejectedCount: report.rejectedCount,
        inserted: report.inserted,
        replaced: report.replaced,
        unchanged: report.unchanged,
        removed: report.removed,
      },
      mode === "append",
    );
    return report;
  }

  /** Writes the rejected rows (line, reason, raw text) next to the store, so they can be fixed and re-imported. */
  #quarantine(
    kind: SeriesKind,
    symbol: string,
    timeframe: Timeframe | null,
    source: string,
    rejected: readonly RejectedRow[],
  ): string {
    const dir = join(this.root, "quarantine", kind, timeframe ?? "-", encodeSegment(symbol));
    mkdirSync(dir, { recursive: true });
    const stamp = new Date(this.#clock.now()).toISOString().replace(/[:.]/g, "-");
    const file = join(dir, `${stamp}-${encodeSegment(basename(source))}.csv`);
    const q = (x: string) => `"${x.replace(/"/g, '""')}"`;
    writeFileSync(
      file,
      `line,reason,text\n${rejected.map((r) => `${r.line},${q(r.reason)},${q(r.text)}`).join("\n")}\n`,
    );
    return file;
  }

  /**
   * Records one import or append in the catalog. A streaming append's record (one per series and source, its
   * counters summed) is kept in memory and written within a second (and by `close`, any import, `annotate`), because
   * rewriting catalog.json costs milliseconds per append; this store's reads see it at once. After a crash the
   * record may lag the rows by that second (or be missing for a series that was new then); the rows themselves are
   * in the write-ahead log.
   */
  #record(
    kind: SeriesKind,
    symbol: string,
    timeframe: Timeframe | null,
    p: Provenance,
    accumulate = false,
  ): void {
    const key = seriesKey(kind, symbol, timeframe);
    if (accumulate) {
      this.#pendingRecords.push({ key, p });
      if (!this.#catalogTimer) {
        this.#catalogTimer = setTimeout(() => this.#flushCatalog(), 1000);
        this.#catalogTimer.unref();
      }
      return;
    }
    const cat = this.#readMeta(this.root);
    foldRecord(cat, key, p, accumulate);
    this.#writeMeta(cat);
  }

  /**
   * Adds a free-text note (origin, license, adjustments) to the latest provenance record of a series. Used by
   * the bundled-datasets build.
   *
   * @example
   * store.annotate("bars", "ORCL", "1d", "Yahoo via backtrader, GPL-3.0; split-adjusted");
   */
  annotate(kind: SeriesKind, symbol: string, timeframe: Timeframe | null, note: string): void {
    const cat = this.#readMeta(this.root);
    const meta = cat.series[seriesKey(kind, symbol, timeframe)];
    const last = meta?.imports[meta.imports.length - 1];
    if (!meta || !last)
      throw new QuantkitError(`No import of ${kind} ${symbol} ${timeframe ?? ""} to annotate`);
    meta.imports[meta.imports.length - 1] = { ...last, note };
    this.#writeMeta(cat);
  }

  async #merge(
    kind: SeriesKind,
    symbol: string,
    timeframe: Timeframe | null,
    ts: Float64Array,
    values: Float64Array[],
  ): Promise<Pick<ImportReport, "inserted" | "replaced" | "unchanged" | "removed" | "years">> {
    const con = this.#write;
    const cols = STORED[kind];
    const t = `qk_stage_${this.#tmp++}`;
    const n = ts.length;
    this.#wrote = true;
    this.#version++; // remembered listings are dropped (and again when the merge has published)
    if (n === 0) return { inserted: 0, replaced: 0, unchanged: 0, removed: 0, years: [] };
    const seq = new Float64Array(n);
    for (let i = 0; i < n; i++) seq[i] = i;
    await con.run(`CREATE TEMP TABLE ${t}_raw (ts DOUBLE, ${sqlDoubleColumns(kind)}, seq DOUBLE)`);
    try {
      await appendColumns(con, `${t}_raw`, [ts, ...values, seq]);
      const colList = sqlColumns(kind);
      await con.run(
        `CREATE TEMP TABLE ${t} AS SELECT make_timestamp(round(ts * 1000)::BIGINT) AS ts, ${colList}, seq FROM ${t}_raw`,
      );
      const yearsRes = await con.runAndReadAll(`SELECT DISTINCT year(ts)::INTEGER AS y FROM ${t} ORDER BY y`);
      const years = yearsRes.getRowObjectsJS().map((r) => Number(r.y));
      const existing = this.#files(kind, symbol, timeframe);
      const exFiles = years.flatMap((y) => existing.get(y) ?? []);
      const ex = `${t}_ex`;
      if (exFiles.length > 0) {
        // Row order of the stored series: file order (base, then parts and logs by sequence), then row order in
        // the file.
        const src = await this.#sources(con, kind, exFiles);
        try {
          await con.run(
            `CREATE TEMP TABLE ${ex} AS SELECT ts, ${colList}, (f * 4294967296 + r)::DOUBLE AS seq FROM (${src.sql.join(" UNION ALL ")})`,
          );
        } finally {
          await src.drop();
        }
      } else {
        await con.run(`CREATE TEMP TABLE ${ex} AS SELECT * FROM ${t} WHERE false`);
      }
      let inserted = 0;
      let replaced = 0;
      let unchanged = 0;
      let removed = 0;
      if (kind === "bars") {
        const diff = cols.map((c) => `i."${c}" IS DISTINCT FROM e."${c}"`).join(" OR ");
        const r = await con.runAndReadAll(
          `SELECT count(*) FILTER (WHERE e.ts IS NULL)::DOUBLE AS ins,
                  count(*) FILTER (WHERE e.ts IS NOT NULL AND (${diff}))::DOUBLE AS rep,
                  count(*) FILTER (WHERE e.ts IS NOT NULL AND NOT (${diff}))::DOUBLE AS unch
           FROM ${t} i LEFT JOIN ${ex} e ON i.ts = e.ts`,
        );
        const row = r.getRowObjectsJS()[0]!;
        inserted = Number(row.ins);
        replaced = Number(row.rep);
        unchanged = Number(row.unch);
        await con.run(`DELETE FROM ${ex} WHERE ts IN (SELECT ts FROM ${t})`);
      } else {
        // Ticks have no key: the import replaces the stored ticks of its time range.
        const r = await con.runAndReadAll(
          `SELECT count(*)::DOUBLE AS n FROM ${ex} WHERE ts BETWEEN (SELECT min(ts) FROM ${t}) AND (SELECT max(ts) FROM ${t})`,
        );
        removed = Number(r.getRowObjectsJS()[0]!.n);
        // Identical re-imports count as unchanged rather than inserted.
        const same = removed === n ? await this.#sameTicks(con, t, ex, colList) : false;
        await con.run(
          `DELETE FROM ${ex} WHERE ts BETWEEN (SELECT min(ts) FROM ${t}) AND (SELECT max(ts) FROM ${t})`,
        );
        if (same) unchanged = n;
        else inserted = n;
      }
      for (const y of years) {
        const dir = join(seriesDir(this.root, kind, symbol, timeframe ?? undefined), `year=${y}`);
        mkdirSync(dir, { recursive: true });
        // the new base supersedes the open log too: later appends go to a new one
        this.#closeWriter(dir);
        // A partition that has seen appends gets a new base numbered after every part (all of them merged in);
        // otherwise the layout stays the plain `data.parquet`.
        const listing = listPartition(dir);
        const plain = !listing || (listing.legacyBase && listing.maxSeq === 0);
        const file = join(dir, plain ? "data.parquet" : baseName(listing.maxSeq + 1));
        const tmp = join(dir, `.data.parquet.tmp${this.#tmp++}`);
        await con.run(
          `COPY (SELECT ts, ${colList} FROM (
              SELECT ts, ${colList}, seq, 0 AS src FROM ${ex} WHERE year(ts) = ${y}
              UNION ALL SELECT ts, ${colList}, seq, 1 AS src FROM ${t} WHERE year(ts) = ${y})
            ORDER BY ts, src, seq) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        renameSync(tmp, file);
        if (!plain) this.#retire(listPartition(dir)?.obsolete ?? []);
      }
      this.#noteTail(kind, symbol, timeframe, ts[n - 1]!);
      this.#version++;
      return { inserted, replaced, unchanged, removed, years };
    } finally {
      await con.run(`DROP TABLE IF EXISTS ${t}_raw; DROP TABLE IF EXISTS ${t}; DROP TABLE IF EXISTS ${t}_ex`);
    }
  }

  /** Newest stored timestamp of a series (−∞ when empty), cached per store. */
  async #tailOf(kind: SeriesKind, symbol: string, timeframe: Timeframe | null): Promise<number> {
    const key = seriesKey(kind, symbol, timeframe);
    const known = this.#tails.get(key);
    if (known !== undefined) return known;
    const byYear = this.#files(kind, symbol, timeframe);
    const last = [...byYear.values()].pop();
    let tail = Number.NEGATIVE_INFINITY;
    if (last) {
      const parquet = last.filter((f) => !isLog(f));
      if (parquet.length > 0) {
        const r = await this.#write.runAndReadAll(
          "SELECT epoch_us(max(ts)) / 1000.0 AS m FROM read_parquet($files)",
          { files: listValue(parquet) },
        );
        const m = r.getRowObjectsJS()[0]?.m;
        if (m !== null && m !== undefined) tail = Number(m);
      }
      for (const f of last) {
        if (!isLog(f)) continue;
        const lc = this.#logColumns(kind, f);
        for (let i = 0; i < lc.length; i++) tail = Math.max(tail, lc.columns[0]![i]!);
      }
    }
    this.#tails.set(key, tail);
    return tail;
  }

  #noteTail(kind: SeriesKind, symbol: string, timeframe: Timeframe | null, last: number): void {
    const key = seriesKey(kind, symbol, timeframe);
    const known = this.#tails.get(key);
    if (known !== undefined) this.#tails.set(key, Math.max(known, last));
  }

  /**
   * The streaming fast path: rows strictly newer than everything stored go to the write-ahead logs (one per year);
   * otherwise the full merge. Runs under the write lock.
   */
  async #append(
    kind: SeriesKind,
    symbol: string,
    timeframe: Timeframe | null,
    ts: Float64Array,
    values: Float64Array[],
  ): Promise<
    Pick<ImportReport, "inserted" | "replaced" | "unchanged" | "removed" | "years"> & {
      durable?: Promise<void>;
    }
  > {
    const n = ts.length;
    if (n === 0) return { inserted: 0, replaced: 0, unchanged: 0, removed: 0, years: [] };
    const tail = await this.#tailOf(kind, symbol, timeframe);
    const tf = timeframe ?? undefined;
    const rootDir = seriesDir(this.root, kind, symbol, tf);
    const bundledYears = this.bundledRoot
      ? new Set(this.#listing(seriesDir(this.bundledRoot, kind, symbol, tf), true).keys())
      : new Set<number>();
    // Split by UTC year; a year only in the bundled root must be copied on write: full merge.
    const slices: [number, number, number][] = [];
    for (let i = 0; i < n; ) {
      const y = new Date(ts[i]!).getUTCFullYear();
      const next = Date.UTC(y + 1, 0, 1);
      let j = i + 1;
      while (j < n && ts[j]! < next) j++;
      slices.push([y, i, j]);
      i = j;
    }
    const copyOnWrite = slices.some(
      ([y]) => bundledYears.has(y) && (listPartition(join(rootDir, `year=${y}`))?.files.length ?? 0) === 0,
    );
    if (!(ts[0]! > tail) || copyOnWrite) return this.#merge(kind, symbol, timeframe, ts, values);
    this.#wrote = true;
    // The hot tier: one checksummed record per partition appended to its write-ahead log (no Parquet write, no
    // DuckDB round trip); readers read the log's rows from memory (this process) or its new bytes (elsewhere).
    const us = new Float64Array(n);
    for (let i = 0; i < n; i++) us[i] = toMicros(ts[i]!);
    const columns = [us, ...values];
    const syncs: Promise<void>[] = [];
    for (const [y, i, j] of slices) {
      const dir = join(rootDir, `year=${y}`);
      const w = this.#writerFor(kind, dir);
      const rec = encodeLogRecord(columns, i, j);
      const cache = this.#logCols.get(w.path)!;
      try {
        for (let off = 0; off < rec.length; ) off += writeSync(w.fd, rec, off, rec.length - off);
      } catch (e) {
        // never leave a torn record that later records would sit behind: cut it off and start a new log
        try {
          ftruncateSync(w.fd, cache.bytes);
        } finally {
          this.#closeWriter(dir);
        }
        throw e;
      }
      cache.add(columns, i, j, rec.length);
      syncs.push(this.#sync(dir, w));
      w.rows += j - i;
      if (w.rows >= this.logMaxRows) {
        this.#closeWriter(dir);
        this.#scheduleLogCompaction(kind, dir, w.path);
      }
    }
    this.#noteTail(kind, symbol, timeframe, ts[n - 1]!);
    this.#version++;
    return {
      inserted: n,
      replaced: 0,
      unchanged: 0,
      removed: 0,
      years: slices.map(([y]) => y),
      durable: Promise.all(syncs).then(() => undefined),
    };
  }

  /**
   * `fdatasync` of a log after a write, on the thread pool and outside the write lock: the append is acknowledged
   * only once it resolves, while the next appends (other series of the same commit, the next commit) are written
   * meanwhile and their syncs overlap. A failed sync leaves the log's durable content unknown: the log is closed
   * (appends go to a new one), this store's copy of it dropped (readers re-read the file), and the append fails.
   */
  #sync(dir: string, w: LogWriter): Promise<void> {
    w.syncing++;
    return Promise.all([w.named, syncData(w.fd)])
      .then(() => undefined)
      .catch((e: unknown) => {
        if (this.#writers.get(dir) === w) this.#closeWriter(dir);
        this.#logCols.delete(w.path);
        throw e;
      })
      .finally(() => {
        if (--w.syncing === 0 && w.closing) closeSync(w.fd);
      });
  }

  /**
   * The open write-ahead log of a partition folder, created on the first append of this store to it (numbered after
   * every file of the folder; a new log per store, so a log torn by a crash is never appended to). Logs found there
   * (left by an earlier run) are queued for compaction.
   */
  #writerFor(kind: SeriesKind, dir: string): LogWriter {
    const open = this.#writers.get(dir);
    if (open) return open;
    mkdirSync(dir, { recursive: true });
    const l = listPartition(dir)!;
    const seq = l.maxSeq + 1;
    const path = join(dir, logName(seq));
    const fd = openSync(path, "wx");
    // the new name must survive a power loss too before any append to the log is acknowledged (see #sync)
    const named = syncPath(dir);
    named.catch(() => undefined); // (awaited by every append's sync)
    const cache = new LogColumns(1 + STORED[kind].length);
    cache.bind(fstatSync(fd).ino);
    this.#logCols.set(path, cache);
    const w: LogWriter = { seq, path, fd, rows: 0, syncing: 0, closing: false, named };
    this.#writers.set(dir, w);
    for (const f of l.files) if (isLog(f)) this.#scheduleLogCompaction(kind, dir, f);
    return w;
  }

  /** Closes the open log of a folder (it stays readable; a later append opens a new one). */
  #closeWriter(dir: string): void {
    const w = this.#writers.get(dir);
    if (!w) return;
    this.#writers.delete(dir);
    if (w.syncing > 0)
      w.closing = true; // closed when its syncs end
    else closeSync(w.fd);
  }

  /** The rows of a log (refreshed from the file unless this store is its writer, whose copy is always current). */
  #logColumns(kind: SeriesKind, path: string): LogColumns {
    let c = this.#logCols.get(path);
    if (!c) {
      c = new LogColumns(1 + STORED[kind].length);
      this.#logCols.set(path, c);
    }
    if (this.#writers.get(dirname(path))?.path !== path) c.refresh(path);
    return c;
  }

  /**
   * SQL sources of the rows of `files` in read order, on `con`: `SELECT ts, <cols>, f, r` (file index, row in the
   * file), Parquet files read in place and logs copied into temporary tables (dropped by the returned `drop`).
   */
  async #sources(
    con: DuckDBConnection,
    kind: SeriesKind,
    files: readonly string[],
  ): Promise<{ sql: string[]; drop: () => Promise<void> }> {
    const colList = sqlColumns(kind);
    const tables: string[] = [];
    const sql: string[] = [];
    try {
      for (let k = 0; k < files.length; k++) {
        const f = files[k]!;
        if (!isLog(f)) {
          sql.push(
            `SELECT ts, ${colList}, ${k} AS f, file_row_number AS r FROM read_parquet(${sqlString(f)}, file_row_number = true)`,
          );
          continue;
        }
        const lc = this.#logColumns(kind, f);
        const t = `qk_log_${this.#tmp++}`;
        tables.push(t);
        await con.run(`CREATE TEMP TABLE ${t} (ts DOUBLE, ${sqlDoubleColumns(kind)}, r DOUBLE)`);
        const m = lc.length;
        const r = new Float64Array(m);
        for (let i = 0; i < m; i++) r[i] = i;
        await appendColumns(con, t, [...lc.columns.map((c) => c.subarray(0, m)), r]);
        sql.push(
          `SELECT make_timestamp(round(ts * 1000)::BIGINT) AS ts, ${colList}, ${k} AS f, r::BIGINT AS r FROM ${t}`,
        );
      }
    } catch (e) {
      for (const t of tables) await con.run(`DROP TABLE IF EXISTS ${t}`);
      throw e;
    }
    return {
      sql,
      drop: async () => {
        for (const t of tables) await con.run(`DROP TABLE IF EXISTS ${t}`);
      },
    };
  }

  /**
   * Writes the rows of `files` (see `#sources`), sorted by `orderBy` (over `ts`, `f`, `r`), to the
   * Parquet file `tmp` on the compaction connection (outside the write lock); `tmp` is removed when that fails.
   */
  async #writeCompacted(
    kind: SeriesKind,
    files: readonly string[],
    orderBy: string,
    tmp: string,
  ): Promise<void> {
    this.#compactCon ??= await this.#instance.connect();
    const con = this.#compactCon;
    try {
      const src = await this.#sources(con, kind, files);
      try {
        await con.run(
          `COPY (SELECT ts, ${sqlColumns(kind)} FROM (${src.sql.join(" UNION ALL ")}) ORDER BY ${orderBy}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
        );
      } finally {
        await src.drop();
      }
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  #scheduleLogCompaction(kind: SeriesKind, dir: string, path: string): void {
    if (this.#logQueue.has(path)) return;
    this.#logQueue.add(path);
    this.#compacting = this.#compacting.then(async () => {
      this.#logQueue.delete(path);
      if (this.#closed) return;
      try {
        if ((await this.#compactLog(kind, dir, path)) > 0) {
          const parts = listPartition(dir)?.parts ?? 0;
          if (parts >= this.compactAfterParts) this.#scheduleCompaction(kind, dir);
        }
      } catch (e) {
        this.#compactError ??= e;
      }
    });
  }

  /**
   * Turns a sealed log into the Parquet part of the same number: written under a temporary name, renamed (from then
   * on the part hides the log), then the log is deleted. Bytes after the log's last whole valid record are a write
   * torn by a crash, never acknowledged to the caller: they are left out.
   */
  async #compactLog(kind: SeriesKind, dir: string, path: string): Promise<number> {
    const l = listPartition(dir);
    if (!l?.files.includes(path) || this.#writers.get(dir)?.path === path) return 0;
    const seq = fileSeq(path);
    const lc = this.#logColumns(kind, path);
    const tmp = join(dir, `.${partName(seq)}.tmp${this.#tmp++}`);
    await this.#writeCompacted(kind, [path], "r", tmp);
    const rows = lc.length;
    const first = lc.columns[0]![0]!;
    const last = lc.columns[0]![rows - 1]!;
    await syncPath(tmp);
    const published = await this.#exclusive(async () => {
      if (!listPartition(dir)?.files.includes(path)) {
        rmSync(tmp, { force: true }); // superseded meanwhile by a full merge or a compaction
        return false;
      }
      const part = join(dir, partName(seq));
      renameSync(tmp, part);
      if (rows > 0) {
        this.#fileInfo.set(part, {
          rows,
          min: Math.floor(Math.round(first * 1000) / 1000),
          max: Math.floor(Math.round(last * 1000) / 1000),
          key: fileKey(statSync(part)),
        });
      }
      this.#version++;
      return true;
    });
    if (!published) return 0;
    // the rename on disk before the (fsynced) log goes
    await syncPath(dir);
    await this.#exclusive(async () => this.#retire([path]));
    return 1;
  }

  #scheduleCompaction(kind: SeriesKind, dir: string): void {
    if (this.#compactQueue.has(dir)) return;
    this.#compactQueue.add(dir);
    this.#compacting = this.#compacting.then(async () => {
      this.#compactQueue.delete(dir);
      if (this.#closed) return;
      try {
        await this.#compactDir(kind, dir);
      } catch (e) {
        this.#compactError ??= e;
      }
    });
  }

  /**
   * Merges a partition's visible files (base + parts, in order) into `data-<last seq>.parquet`, then deletes what it
   * superseded. In the background (`all` false) only the Parquet files before the first log are merged (logs become
   * parts first); `all` also seals the open log and merges every log. The heavy write runs outside the write lock
   * on its own connection (appends go on, into logs numbered after it); publishing (rename + deletes) runs under
   * the lock.
   */
  async #compactDir(kind: SeriesKind, dir: string, all = false): Promise<number> {
    if (all) await this.#exclusive(async () => this.#closeWriter(dir));
    const l = listPartition(dir);
    if (!l) return 0;
    let files = l.files;
    // never the log being appended to (an append may have opened one since)
    const open = this.#writers.get(dir)?.path;
    const cut = all ? (open ? files.indexOf(open) : -1) : files.findIndex(isLog);
    if (cut >= 0) files = files.slice(0, cut);
    const hasBase = files.length > 0 && /\/data(?:-\d+)?\.parquet$/.test(files[0]!);
    const merged = files.length - (hasBase ? 1 : 0);
    if (merged === 0) {
      if (l.obsolete.length > 0)
        await this.#exclusive(async () => {
          this.#retire(listPartition(dir)?.obsolete ?? []);
        });
      return 0;
    }
    const seq = fileSeq(files[files.length - 1]!);
    const tmp = join(dir, `.compact-${seq}.tmp${this.#tmp++}`);
    try {
      await this.#writeCompacted(kind, files, "ts, f, r", tmp);
    } catch (e) {
      // A concurrent full merge replaced the partition (its files are gone): nothing to compact any more.
      if (files.some((f) => !existsSync(f))) return 0;
      throw e;
    }
    await syncPath(tmp);
    const published = await this.#exclusive(async () => {
      const now = listPartition(dir);
      if (!now || now.baseSeq >= seq || files.some((f) => !existsSync(f))) {
        rmSync(tmp, { force: true }); // superseded meanwhile by a full merge
        return false;
      }
      renameSync(tmp, join(dir, baseName(seq)));
      this.#version++;
      return true;
    });
    if (!published) return 0;
    // the rename on disk before the files it supersedes (fsynced logs among them) go
    await syncPath(dir);
    await this.#exclusive(async () => this.#retire(listPartition(dir)?.obsolete ?? []));
    return merged;
  }

  async #sameTicks(con: DuckDBConnection, t: string, ex: string, colList: string): Promise<boolean> {
    const r = await con.runAndReadAll(
      `SELECT count(*)::DOUBLE AS d FROM (
         (SELECT ts, ${colList} FROM ${t})
         EXCEPT ALL
         (SELECT ts, ${colList} FROM ${ex} WHERE ts BETWEEN (SELECT min(ts) FROM ${t}) AND (SELECT max(ts) FROM ${t})))`,
    );
    return Number(r.getRowObjectsJS()[0]!.d) === 0;
  }

  // ---------------------------------------------------------------- read

  /**
   * Reads bars into `Float64Array` columns. When `timeframe` is not stored, the finest stored timeframe that
   * divides it is read and resampled (first open, max high, min low, last close, summed volume); the trailing
   * incomplete bar is left out unless `includeIncomplete` (see {@link Store.getBarsWithReport}).
   *
   * @param query - {@link BarsQuery}: `symbol`, `timeframe`, `start` (inclusive) and `end` (exclusive) as ISO
   *   strings, Dates or epoch ms, on bar open times.
   * @returns {@link Bars}: `ts` = open time, UTC epoch ms (µs kept as fractions).
   * @throws QuantkitError when the symbol has no bars that can make `timeframe`.
   * @example
   * const bars = await store.getBars({ symbol: "ORCL", timeframe: "1d", start: "2014-01-01", end: "2015-01-01" });
   * bars.length // → 252
   */
  async getBars(query: BarsQuery): Promise<Bars> {
    return (await this.getBarsWithReport(query)).bars;
  }

  /**
   * {@link Store.getBars}, also saying which stored timeframe was read and what happened to an incomplete
   * trailing bar when resampling.
   *
   * @example
   * (await store.getBarsWithReport({ symbol: "ES", timeframe: "1h" })).source // → "1m"
   */
  async getBarsWithReport(query: BarsQuery): Promise<GetBarsResult> {
    const q = parseWith(barsQuery, query, "getBars query");
    // the requested timeframe first: a poll of stored bars lists only its own folder
    if (this.#files("bars", q.symbol, q.timeframe).size > 0) {
      const bars = await this.#readBars(q.symbol, q.timeframe, q.start, q.end);
      return { bars, source: q.timeframe, incomplete: null };
    }
    const stored = TIMEFRAMES.filter((tf) => this.#files("bars", q.symbol, tf).size > 0);
    const finest = stored.find((tf) => canResample(tf, q.timeframe));
    if (!finest) {
      throw new QuantkitError(
        `No ${q.timeframe} bars for symbol "${q.symbol}" and none finer to resample from ` +
          `(stored timeframes: ${stored.length ? stored.join(", ") : "none"})`,
      );
    }
    const timezone = q.timezone ?? alignZoneFor(this.#meta("bars", q.symbol, finest)?.timezone);
    // Read whole target buckets: widen the range to bucket boundaries on the source side.
    const src = await this.#readBars(q.symbol, finest, q.start, q.end);
    const r = resampleWithReport(src, q.timeframe, {
      timezone,
      includeIncomplete: q.includeIncomplete ?? false,
    });
    let bars = r.bars;
    const startMs = q.start === undefined ? Number.NEGATIVE_INFINITY : toEpochMs(q.start);
    if (bars.length > 0 && bars.ts[0]! < startMs) {
      // The first bucket starts before `start`: it is partial, so leave it out (start is inclusive of whole bars).
      let k = 0;
      while (k < bars.length && bars.ts[k]! < startMs) k++;
      bars = {
        ...bars,
        length: bars.length - k,
        ts: bars.ts.subarray(k),
        open: bars.open.subarray(k),
        high: bars.high.subarray(k),
        low: bars.low.subarray(k),
        close: bars.close.subarray(k),
        volume: bars.volume.subarray(k),
      };
    }
    return {
      bars,
      source: finest,
      incomplete: r.incomplete ? { ts: r.incomplete.ts, included: r.incomplete.included } : null,
    };
  }

  async #readColumns(
    kind: SeriesKind,
    symbol: string,
    timeframe: Timeframe | null,
    start: TimeInput | undefined,
    end: TimeInput | undefined,
  ): Promise<Float64Array[]> {
    // Superseded files are deleted only when no read of this store is in flight (#retire); a reader in another
    // process can still lose a race with a deletion: list again and retry (every listing is consistent).
    this.#reading++;
    try {
      for (let attempt = 0; ; attempt++) {
        const files = this.#allFiles(kind, symbol, timeframe);
        try {
          return await this.#readFiles(kind, symbol, files, start, end);
        } catch (e) {
          if (attempt >= 5 || files.every((f) => existsSync(f))) throw e;
          this.#listed.clear(); // list the folders again
        }
      }
    } finally {
      if (--this.#reading === 0) this.#retire([]);
    }
  }

  /**
   * Deletes files superseded by a compaction or merge: now when no read is in flight, else when the last one
   * ends (a reader listed them before they were superseded and may still open them).
   */
  #retire(files: readonly string[]): void {
    for (const f of files) this.#retired.add(f);
    if (this.#reading > 0) return;
    for (const f of this.#retired) {
      // a path may have been re-created meanwhile only under a new sequence number, never the same name
      rmSync(f, { force: true });
      this.#fileInfo.delete(f);
      this.#logCols.delete(f);
    }
    this.#retired.clear();
  }

  async #readFiles(
    kind: SeriesKind,
    symbol: string,
    files: readonly string[],
    start: TimeInput | undefined,
    end: TimeInput | undefined,
  ): Promise<Float64Array[]> {
    const cols = STORED[kind];
    const empty = () => [new Float64Array(0), ...cols.map(() => new Float64Array(0))];
    if (files.length === 0) return empty();
    const s = start === undefined ? Number.NEGATIVE_INFINITY : toEpochMs(start);
    const e = end === undefined ? Number.POSITIVE_INFINITY : toEpochMs(end);
    const params: Record<string, DuckDBValue> = {};
    const where: string[] = [];
    if (start !== undefined) {
      params.s = us(s);
      where.push("ts >= make_timestamp($s::BIGINT)");
    }
    if (end !== undefined) {
      params.e = us(e);
      where.push("ts < make_timestamp($e::BIGINT)");
    }
    const filter = where.length ? ` WHERE ${where.join(" AND ")}` : "";
    // Row counts and ts ranges from the Parquet footers (cached per file): skip files outside the range, and only
    // count the rows of the files that straddle a bound.
    const infos = await this.#fileInfos(files.filter((f) => !isLog(f)));
    const picked: {
      file: string;
      rows: number;
      boundary: boolean;
      log?: LogColumns;
      from?: number;
      firstRow?: number;
    }[] = [];
    // Logs (the hot tier) are read from memory: the rows of [start, end) on whole µs, as DuckDB compares them.
    const sUs = start === undefined ? Number.NEGATIVE_INFINITY : Math.round(s * 1000);
    const eUs = end === undefined ? Number.POSITIVE_INFINITY : Math.round(e * 1000);
    for (let k = 0, q = 0; k < files.length; k++) {
      if (isLog(files[k]!)) {
        const log = this.#logColumns(kind, files[k]!);
        const t = log.columns[0]!;
        const from = firstAtOrAfter(t, log.length, sUs);
        const to = firstAtOrAfter(t, log.length, eUs);
        if (to > from) picked.push({ file: files[k]!, rows: to - from, boundary: false, log, from });
        continue;
      }
      const f = infos[q++]!;
      if (f.rows === 0 || f.max + 1 <= s || f.min >= e) continue;
      const inside = f.min >= s && f.max + 1 <= e;
      picked.push({ file: files[k]!, rows: f.rows, boundary: !inside || f.rows < 0 });
    }
    const straddling = picked.filter((p) => p.boundary && !p.log);
    if (straddling.length > 0) {
      const r = await this.#withReader((con) =>
        con.runAndReadAll(
          `SELECT filename AS f, count(*)::DOUBLE AS n, min(file_row_number)::DOUBLE AS r
           FROM read_parquet($files, filename = true, file_row_number = true)${filter} GROUP BY filename`,
          { ...params, files: listValue(straddling.map((p) => p.file)) },
        ),
      );
      const counts = new Map(
        r.getRowObjectsJS().map((row) => [String(row.f), { n: Number(row.n), first: Number(row.r) }]),
      );
      for (const p of straddling) {
        const c = counts.get(p.file);
        p.rows = c?.n ?? 0;
        p.firstRow = c?.first ?? 0;
      }
    }
    const reads = picked.filter((p) => p.rows > 0);
    const n = reads.reduce((a, p) => a + p.rows, 0);
    if (n === 0) return empty();
    // every row of [0, n) is written by exactly one read below (each read's row count is checked)
    const out = resultColumns(cols.length + 1, n);
    const columns = ["epoch_us(ts) / 1000.0", ...cols.map((c) => `"${c}"`)];
    let offset = 0;
    // One query per file, concurrently on the reader pool, each writing straight into its slice of the columns.
    await Promise.all(
      reads.map((p) => {
        const at = offset;
        offset += p.rows;
        if (p.log) {
          const from = p.from!;
          for (let j = 0; j <= cols.length; j++)
            out[j]!.set(p.log.columns[j]!.subarray(from, from + p.rows), at);
          return Promise.resolve();
        }
        // each read checks its own rows' time order (in native code while each chunk is in cache)
        const read: ParquetRead = {
          file: p.file,
          columns,
          // a straddling file's rows inside [start, end) are consecutive: its files are time-sorted
          ...(p.boundary && where.length > 0
            ? { where: { sql: where.join(" AND "), params, firstRow: p.firstRow ?? 0 } }
            : {}),
        };
        return this.#withReader((con) =>
          readParquetInto(con, read, out, at, p.rows, { ordered: true }),
        ).catch((e: unknown) => {
          if (e instanceof OutOfOrderError)
            throw new QuantkitError(`Store corrupt: ${kind} ${symbol} not in time order at row ${e.row}`);
          throw e;
        });
      }),
    );
    // what the reads did not check: the log slices and the seams between consecutive reads
    const ts = out[0]!;
    let first = 0;
    for (const p of reads) {
      const to = p.log ? first + p.rows : first + 1;
      for (let i = Math.max(1, first); i < to; i++) {
        if (ts[i]! < ts[i - 1]!)
          throw new QuantkitError(`Store corrupt: ${kind} ${symbol} not in time order at row ${i}`);
      }
      first += p.rows;
    }
    return out;
  }

  /**
   * Row count and [min, max] of `ts` (epoch ms truncated) of each file, from the Parquet footer; cached per path,
   * size and modification time (parts are immutable; a rewritten file changes its size or time).
   */
  async #fileInfos(files: readonly string[]): Promise<FileInfo[]> {
    const keys = files.map((f) => fileKey(statSync(f)));
    const missing = files.filter((f, k) => this.#fileInfo.get(f)?.key !== keys[k]);
    if (missing.length > 0) {
      const r = await this.#withReader((con) =>
        con.runAndReadAll(
          `SELECT file_name AS f, row_group_num_rows::DOUBLE AS n, stats_min AS lo, stats_max AS hi
           FROM parquet_metadata($files) WHERE path_in_schema = 'ts'`,
          { files: listValue(missing) },
        ),
      );
      const acc = new Map<string, { rows: number; min: number; max: number }>(
        // rows −1: no footer row seen for the file (unknown: its rows are counted by a query)
        missing.map((f) => [f, { rows: -1, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY }]),
      );
      for (const row of r.getRowObjectsJS()) {
        const a = acc.get(String(row.f));
        if (!a) continue;
        if (a.rows < 0) a.rows = 0;
        a.rows += Number(row.n);
        const lo = statMs(row.lo);
        const hi = statMs(row.hi);
        // Unknown statistics: make the file straddle every bound (its rows get counted by a query).
        a.min = Math.min(a.min, Number.isNaN(lo) ? Number.NEGATIVE_INFINITY : lo);
        a.max = Math.max(a.max, Number.isNaN(hi) ? Number.POSITIVE_INFINITY : hi);
      }
      for (const f of missing) {
        const a = acc.get(f)!;
        if (a.rows < 0) {
          a.min = Number.NEGATIVE_INFINITY;
          a.max = Number.POSITIVE_INFINITY;
        }
        this.#fileInfo.set(f, { ...a, key: keys[files.indexOf(f)]! });
      }
    }
    return files.map((f) => this.#fileInfo.get(f)!);
  }

  async #readBars(
    symbol: string,
    timeframe: Timeframe,
    start: TimeInput | undefined,
    end: TimeInput | undefined,
  ): Promise<Bars> {
    const [ts, open, high, low, close, volume] = await this.#readColumns(
      "bars",
      symbol,
      timeframe,
      start,
      end,
    );
    return {
      symbol,
      timeframe,
      length: ts!.length,
      ts: ts!,
      open: open!,
      high: high!,
      low: low!,
      close: close!,
      volume: volume!,
    };
  }

  /**
   * Reads stored trades into columns (`side`: 1 buy, -1 sell, 0 unknown), in time order (ties in file order).
   *
   * @param query - {@link TicksQuery}.
   * @example
   * (await store.getTrades({ symbol: "BTCUSDT" })).length // → 9999
   */
  async getTrades(query: TicksQuery): Promise<TradeColumns> {
    const q = parseWith(ticksQuery, query, "getTrades query");
    const [ts, price, size, side] = await this.#readColumns("trades", q.symbol, null, q.start, q.end);
    return { symbol: q.symbol, length: ts!.length, ts: ts!, price: price!, size: size!, side: side! };
  }

  /**
   * Reads stored quotes into columns (sizes NaN where the source had none).
   *
   * @param query - {@link TicksQuery}.
   * @example
   * (await store.getQuotes({ symbol: "USDJPY" })).length // → 1000
   */
  async getQuotes(query: TicksQuery): Promise<QuoteColumns> {
    const q = parseWith(ticksQuery, query, "getQuotes query");
    const [ts, bid, ask, bidSize, askSize] = await this.#readColumns(
      "quotes",
      q.symbol,
      null,
      q.start,
      q.end,
    );
    return {
      symbol: q.symbol,
      length: ts!.length,
      ts: ts!,
      bid: bid!,
      ask: ask!,
      bidSize: bidSize!,
      askSize: askSize!,
    };
  }

  /**
   * Reads several symbols (concurrently) and aligns them on the union of their timestamps: a symbol without a
   * bar at a timestamp gets NaN there, and the panel's report says what was missing where.
   *
   * @param query - {@link PanelQuery}: `symbols`, `timeframe`, `start`, `end`.
   * @example
   * const p = await store.getPanel({ symbols: ["ORCL", "NVDA"], timeframe: "1d", start: "2014-01-01" });
   * p.ts.length // → union of both calendars
   */
  async getPanel(query: PanelQuery): Promise<Panel> {
    const q = parseWith(panelQuery, query, "getPanel query");
    const list = await Promise.all(
      q.symbols.map((symbol) =>
        this.getBars({
          symbol,
          timeframe: q.timeframe,
          ...(q.start !== undefined ? { start: q.start } : {}),
          ...(q.end !== undefined ? { end: q.end } : {}),
          ...(q.includeIncomplete !== undefined ? { includeIncomplete: q.includeIncomplete } : {}),
          ...(q.timezone !== undefined ? { timezone: q.timezone } : {}),
        }),
      ),
    );
    return alignPanel(list);
  }

  // ---------------------------------------------------------------- catalog and SQL

  /**
   * Lists every stored series: kind, symbol, timeframe, row count, first/last timestamp, years, where it lives
   * (writable root, bundled root, both), the zone recorded at import and the provenance of each import.
   *
   * @example
   * (await store.catalog()).map((e) => `${e.symbol} ${e.timeframe} ${e.rows}`) // → ["F 1d 250", …]
   */
  async catalog(): Promise<CatalogEntry[]> {
    this.#reading++;
    try {
      return await this.#catalog();
    } finally {
      if (--this.#reading === 0) this.#retire([]);
    }
  }

  async #catalog(): Promise<CatalogEntry[]> {
    const out: CatalogEntry[] = [];
    for (const s of this.#series()) {
      const files = this.#files(s.kind, s.symbol, s.timeframe);
      const all = [...files.values()].flat();
      const parquet = all.filter((f) => !isLog(f));
      let rows = 0;
      let start = Number.POSITIVE_INFINITY;
      let end = Number.NEGATIVE_INFINITY;
      if (parquet.length > 0) {
        const r = await this.#withReader((con) =>
          con.runAndReadAll(
            "SELECT count(*)::DOUBLE AS n, epoch_us(min(ts)) / 1000.0 AS s, epoch_us(max(ts)) / 1000.0 AS e FROM read_parquet($files)",
            { files: listValue(parquet) },
          ),
        );
        const row = r.getRowObjectsJS()[0]!;
        rows = Number(row.n);
        if (rows > 0) {
          start = Number(row.s);
          end = Number(row.e);
        }
      }
      for (const f of all) {
        if (!isLog(f)) continue;
        const lc = this.#logColumns(s.kind, f);
        const t = lc.columns[0]!;
        for (let i = 0; i < lc.length; i++) {
          start = Math.min(start, t[i]!);
          end = Math.max(end, t[i]!);
        }
        rows += lc.length;
      }
      const meta = this.#meta(s.kind, s.symbol, s.timeframe);
      out.push({
        ...s,
        rows,
        start: rows > 0 ? start : Number.NaN,
        end: rows > 0 ? end : Number.NaN,
        years: [...files.keys()],
        timezone: meta?.timezone ?? "UTC",
        provenance: meta?.imports ?? [],
      });
    }
    return out;
  }

  async #refreshViews(con: DuckDBConnection): Promise<void> {
    if (this.#viewsVersion === this.#version) return;
    const series = this.#series();
    const stale = this.#viewDrops.splice(0);
    for (const kind of ["bars", "trades", "quotes"] as const) {
      const cols = STORED[kind];
      const colList = sqlColumns(kind);
      const parts: string[] = [];
      for (const s of series.filter((x) => x.kind === kind)) {
        const files = this.#allFiles(kind, s.symbol, s.timeframe);
        const parquet = files.filter((f) => !isLog(f));
        const froms: string[] = [];
        if (parquet.length > 0)
          froms.push(`SELECT ts, ${colList} FROM read_parquet([${parquet.map(sqlString).join(", ")}])`);
        const logs = files.filter(isLog);
        if (logs.length > 0) {
          // the hot tier's rows, copied into temporary tables that live as long as this version of the views
          const src = await this.#sources(con, kind, logs);
          this.#viewDrops.push(src.drop);
          for (const q of src.sql) froms.push(`SELECT ts, ${colList} FROM (${q})`);
        }
        const tf = kind === "bars" ? `${sqlString(s.timeframe!)} AS timeframe, ` : "";
        parts.push(
          `SELECT ${tf}${sqlString(s.symbol)} AS symbol, ts, ${colList} FROM (${froms.join(" UNION ALL ")})`,
        );
      }
      const empty = `SELECT ${kind === "bars" ? "NULL::VARCHAR AS timeframe, " : ""}NULL::VARCHAR AS symbol, NULL::TIMESTAMP AS ts, ${cols
        .map((c) => `NULL::DOUBLE AS "${c}"`)
        .join(", ")} WHERE false`;
      await con.run(
        `CREATE OR REPLACE TEMP VIEW ${kind} AS ${parts.length ? parts.join(" UNION ALL ") : empty}`,
      );
    }
    for (const drop of stale) await drop();
    this.#viewsVersion = this.#version;
  }

  /**
   * Runs SQL against the store with **bound parameters only** (`$1` with an array, or `$name` with an object):
   * values are never spliced into the text, so a symbol such as `x'; DROP TABLE bars; --` is just a name. The
   * views `bars(timeframe, symbol, ts, open, high, low, close, volume)`, `trades(symbol, ts, price, size, side)`
   * and `quotes(symbol, ts, bid, ask, bid_size, ask_size)` cover every stored series (`ts` is a TIMESTAMP).
   *
   * @param sql - one SQL statement.
   * @param params - its bound values (array for `$1…`, object for `$name`).
   * @returns rows as plain objects (BIGINT → bigint, TIMESTAMP → Date).
   * @example
   * await store.query("SELECT count(*) AS n FROM bars WHERE symbol = $1", ["ORCL"]) // → [{ n: 5036n }]
   * @see https://duckdb.org/docs/sql/query_syntax/prepared_statements
   */
  async query(
    sql: string,
    params: DuckDBValue[] | Record<string, DuckDBValue> = [],
  ): Promise<Record<string, unknown>[]> {
    const q = parseWith(
      z.object({
        sql: z.string().min(1),
        params: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
      }),
      { sql, params },
      "query",
    );
    return this.#exclusive(async () => {
      await this.#refreshViews(this.#write);
      const r = await this.#write.runAndReadAll(q.sql, params);
      return r.getRowObjectsJS() as Record<string, unknown>[];
    });
  }

  /**
   * Closes the DuckDB connections. The files stay; open the store again to read them.
   *
   * @example
   * await store.close();
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#settleCompactions();
    this.#closed = true;
    await this.#lock.catch(() => undefined);
    // let reads in flight finish before the connections go away
    while (this.#idle.length < this.#readers.length) await new Promise((r) => setTimeout(r, 5));
    for (const dir of [...this.#writers.keys()]) this.#closeWriter(dir);
    this.#flushCatalog();
    for (const drop of this.#viewDrops.splice(0)) await drop().catch(() => undefined);
    for (const c of this.#readers) c.closeSync();
    this.#write.closeSync();
    this.#compactCon?.closeSync();
    this.#instance.closeSync();
  }
}

/**
 * Opens (creating when needed) the store under `root` (default `$QUANTKIT_HOME`, else `~/.quantkit`), with the
 * bundled `datasets/store` of the repository readable as a second, read-only root without any import step.
 *
 * @param options - {@link StoreOptions}: `root`, `bundled` (path or `false`), `clock`, `readConnections`.
 * @returns a {@link Store}; call `close()` when done.
 * @example
 * const store = await openStore();
 * (await store.catalog()).length // → the bundled series (13) plus anything imported
 * @see https://duckdb.org/docs/data/parquet/overview
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const o = parseWith(storeOptions, options, "openStore options");
  const root = resolve(o.root ?? process.env.QUANTKIT_HOME ?? join(homedir(), ".quantkit"));
  mkdirSync(root, { recursive: true });
  for (const f of readdirSync(root)) if (f.endsWith(".tmp")) rmSync(join(root, f), { force: true });
  const bundled =
    o.bundled === false ? null : o.bundled !== undefined ? resolve(o.bundled) : defaultBundled();
  const instance = await DuckDBInstance.create(":memory:");
  const write = await instance.connect();
  const readers = await Promise.all(Array.from({ length: o.readConnections ?? 4 }, () => instance.connect()));
  const store = new Store(
    root,
    bundled && resolve(bundled) !== root ? bundled : null,
    instance,
    write,
    readers,
    o.clock ?? new WallClock(),
  );
  store.compactAfterParts = o.compactAfterParts ?? 32;
  store.logMaxRows = o.logMaxRows ?? 65_536;
  return store;
}

/** Re-exported for the catalog's users. */
export type { FieldRule, SeriesKind };
