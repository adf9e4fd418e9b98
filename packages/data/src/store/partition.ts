import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Digits of the sequence number in part and compacted file names (lexical order = numeric order). */
const SEQ_DIGITS = 12;
const PART_RE = /^part-(\d+)\.parquet$/;
const BASE_RE = /^data-(\d+)\.parquet$/;
const LOG_RE = /^log-(\d+)\.wal$/;

/**
 * Name of the immutable Parquet file holding one streaming append (`part-000000000007.parquet`).
 *
 * @param seq - the append's sequence number in its partition (monotonic, ≥ 1).
 * @example
 * partName(7) // → "part-000000000007.parquet"
 */
export function partName(seq: number): string {
  return `part-${String(seq).padStart(SEQ_DIGITS, "0")}.parquet`;
}

/**
 * Name of the write-ahead log holding the streaming appends of one sequence number (`log-000000000007.wal`): the
 * hot tier of a partition, turned into `part-<seq>.parquet` (same number) by a background compaction.
 *
 * @param seq - the log's sequence number in its partition (monotonic, ≥ 1, shared with parts and bases).
 * @example
 * logName(7) // → "log-000000000007.wal"
 */
export function logName(seq: number): string {
  return `log-${String(seq).padStart(SEQ_DIGITS, "0")}.wal`;
}

/**
 * The sequence number of a part or log file path (`…/part-000000000007.parquet` → 7), or NaN.
 *
 * @example
 * fileSeq("/r/year=2024/log-000000000007.wal") // → 7
 */
export function fileSeq(path: string): number {
  const m = /(?:part|log|data)-(\d+)\.(?:parquet|wal)$/.exec(path);
  return m ? Number(m[1]) : Number.NaN;
}

/**
 * True when a file of a partition listing is a write-ahead log (read by the store itself, not by DuckDB).
 *
 * @example
 * isLog("/r/year=2024/log-000000000007.wal") // → true
 */
export function isLog(path: string): boolean {
  return path.endsWith(".wal");
}

/**
 * Name of a compacted year file that contains every part with a sequence number ≤ `seq`
 * (`data-000000000042.parquet`); the legacy `data.parquet` counts as `seq` 0.
 *
 * @param seq - highest part sequence number merged into it.
 * @example
 * baseName(42) // → "data-000000000042.parquet"
 */
export function baseName(seq: number): string {
  return `data-${String(seq).padStart(SEQ_DIGITS, "0")}.parquet`;
}

/** What a year partition folder holds. */
export interface PartitionListing {
  /**
   * The files a reader must read, in order: the newest base file (if any), then the parts and logs after it by
   * sequence.
   */
  readonly files: readonly string[];
  /** Sequence number covered by the base file (0 for `data.parquet` or none). */
  readonly baseSeq: number;
  /** True when the base is the legacy `data.parquet` (or there is no base). */
  readonly legacyBase: boolean;
  /** Number of visible Parquet parts (after the base). */
  readonly parts: number;
  /** Number of visible write-ahead logs (after the base, without a part of the same number). */
  readonly logs: number;
  /** Highest sequence number used by any file name (next append takes `maxSeq + 1`). */
  readonly maxSeq: number;
  /** Files superseded by the newest base (older bases, parts and logs it contains) or by a part (the log of the same number): safe to delete. */
  readonly obsolete: readonly string[];
}

/**
 * Lists a year partition folder of the append-only layout: the base file is the one with the highest sequence
 * number among `data.parquet` (0) and `data-<seq>.parquet`; a base with sequence `K` contains every part
 * `part-<s>.parquet` and log `log-<s>.wal` with `s ≤ K`, so readers read the base plus the parts and logs with
 * `s > K`, in sequence order; a part `part-<s>.parquet` contains the log `log-<s>.wal` it was made from, which is
 * then left out. Every Parquet file appears under its final name only by an atomic rename, a log only grows by whole
 * checksummed records, and a compaction publishes its file before deleting what it replaces, so a listing taken at
 * any moment (even after a crash) is a consistent set: each row exactly once. Temporary files (names starting with
 * `.`) are ignored.
 *
 * @param dir - the `year=…` folder.
 * @returns the listing, or null when the folder does not exist.
 * @example
 * listPartition("/r/trades/symbol=X/year=2020")?.files // → ["…/data-000000000032.parquet", "…/part-000000000033.parquet"]
 */
export function listPartition(dir: string): PartitionListing | null {
  if (!existsSync(dir)) return null;
  let baseSeq = -1;
  let maxSeq = 0;
  const bases: [number, string][] = [];
  const parts: [number, string][] = [];
  const logs: [number, string][] = [];
  for (const f of readdirSync(dir)) {
    if (f === "data.parquet") {
      bases.push([0, f]);
      continue;
    }
    const p = PART_RE.exec(f);
    if (p) {
      const s = Number(p[1]);
      parts.push([s, f]);
      if (s > maxSeq) maxSeq = s;
      continue;
    }
    const g = LOG_RE.exec(f);
    if (g) {
      const s = Number(g[1]);
      logs.push([s, f]);
      if (s > maxSeq) maxSeq = s;
      continue;
    }
    const b = BASE_RE.exec(f);
    if (b) {
      const s = Number(b[1]);
      bases.push([s, f]);
      if (s > maxSeq) maxSeq = s;
    }
  }
  for (const [s] of bases) if (s > baseSeq) baseSeq = s;
  const files: string[] = [];
  const obsolete: string[] = [];
  for (const [s, f] of bases) (s === baseSeq ? files : obsolete).push(join(dir, f));
  const partSeqs = new Set(parts.map(([s]) => s));
  const later: [number, string, boolean][] = [];
  for (const [s, f] of parts) {
    if (s > baseSeq) later.push([s, f, false]);
    else obsolete.push(join(dir, f));
  }
  for (const [s, f] of logs) {
    if (s > baseSeq && !partSeqs.has(s)) later.push([s, f, true]);
    else obsolete.push(join(dir, f));
  }
  later.sort((a, b) => a[0] - b[0]);
  let visible = 0;
  let visibleLogs = 0;
  for (const [, f, log] of later) {
    files.push(join(dir, f));
    if (log) visibleLogs++;
    else visible++;
  }
  return {
    files,
    baseSeq: Math.max(0, baseSeq),
    legacyBase: baseSeq <= 0,
    parts: visible,
    logs: visibleLogs,
    maxSeq,
    obsolete,
  };
}
