import type { DuckDBConnection } from "@duckdb/node-api";
import { ValidationError } from "@quantkit/core";
import { type ColumnMap, SYNONYMS } from "./formats.js";
import { type FieldRule, MAX_REJECTED_DETAILS, type ParsedTable, type RejectedRow } from "./parseCsv.js";
import { parseTimestampMs, sourceZone, type TimestampUnit } from "./timestamp.js";

/** What {@link parseParquetTable} needs: the kind's fields and checks, and the mapping options. */
export interface ParquetSpec {
  readonly fields: readonly FieldRule[];
  readonly columns?: ColumnMap | undefined;
  readonly tsUnit: TimestampUnit;
  readonly timezone: string;
  readonly shiftMs: number;
  readonly validate: (ts: number, values: Float64Array, reasons: string[], present: Uint8Array) => void;
}

/**
 * Reads a Parquet file into the same accepted/rejected form as the CSV parser: columns mapped by name, synonym
 * or position; `ts` from a TIMESTAMP (UTC instant), DATE or naive TIMESTAMP (wall clock in `timezone`), an
 * epoch number (`tsUnit`) or text; every value checked by the kind's rules. Row numbers are 1-based.
 *
 * @param con - a DuckDB connection.
 * @param path - the Parquet file.
 * @param spec - {@link ParquetSpec}.
 * @example
 * const t = await parseParquetTable(con, "bars.parquet", spec); t.rowsRead // → rows in the file
 */
export async function parseParquetTable(
  con: DuckDBConnection,
  path: string,
  spec: ParquetSpec,
): Promise<ParsedTable> {
  const desc = await con.runAndReadAll("DESCRIBE SELECT * FROM read_parquet($p)", { p: path });
  const schema = desc
    .getRowObjectsJS()
    .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  const names = schema.map((s) => s.name);
  const missing: { path: string; message: string }[] = [];
  const find = (field: string, ref: string | number | null | undefined, optional: boolean): number => {
    if (ref === null) return -1;
    if (typeof ref === "number") return ref < names.length ? ref : -1;
    const candidates = ref !== undefined ? [ref] : (SYNONYMS[field] ?? [field]);
    for (const c of candidates) {
      const i = names.findIndex((n) => n.toLowerCase() === c.toLowerCase());
      if (i >= 0) return i;
    }
    if (!optional)
      missing.push({
        path: `columns.${field}`,
        message: `no column among [${candidates.join(", ")}] in [${names.join(", ")}]`,
      });
    return -1;
  };
  const cols = spec.columns ?? {};
  const tsIdx = find("ts", cols.ts, false);
  const idx = spec.fields.map((f) => find(f.name, cols[f.name], f.optional));
  if (missing.length > 0) throw new ValidationError(`columns of ${path}`, missing);
  const q = (i: number) => `"${names[i]!.replace(/"/g, '""')}"`;
  const tsType = schema[tsIdx]!.type;
  const tsExpr =
    tsType === "TIMESTAMP WITH TIME ZONE"
      ? `epoch_us(${q(tsIdx)})::DOUBLE AS ts_utc_us`
      : tsType.startsWith("TIMESTAMP") || tsType === "DATE"
        ? `epoch_us(${q(tsIdx)}::TIMESTAMP)::DOUBLE AS ts_local_us`
        : `${q(tsIdx)}::VARCHAR AS ts_text`;
  const valueExprs = idx.map((i, j) =>
    i < 0
      ? `NULL AS v${j}`
      : spec.fields[j]!.parse === "side"
        ? `${q(i)}::VARCHAR AS v${j}`
        : `TRY_CAST(${q(i)} AS DOUBLE) AS v${j}`,
  );
  const res = await con.runAndReadAll(`SELECT ${tsExpr}, ${valueExprs.join(", ")} FROM read_parquet($p)`, {
    p: path,
  });
  const rows = res.getRows();
  const zone = sourceZone(spec.timezone);
  const nf = spec.fields.length;
  const n = rows.length;
  const tsOut = new Float64Array(n);
  const lines = new Float64Array(n);
  const vals = spec.fields.map(() => new Float64Array(n));
  const present = new Uint8Array(idx.map((i) => (i >= 0 ? 1 : 0)));
  const rowVals = new Float64Array(nf);
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  let k = 0;
  const reasons: string[] = [];
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    reasons.length = 0;
    const raw = row[0];
    let ts: number;
    if (raw === null) ts = Number.NaN;
    else if (tsExpr.endsWith("ts_utc_us")) ts = Number(raw) / 1000;
    else if (tsExpr.endsWith("ts_local_us")) ts = zone.toUtcUs(Number(raw)) / 1000;
    else ts = parseTimestampMs(String(raw), spec.tsUnit, zone);
    if (Number.isNaN(ts))
      reasons.push(`ts: expected a timestamp, got ${raw === null ? "null" : `"${String(raw)}"`}`);
    else ts -= spec.shiftMs;
    for (let j = 0; j < nf; j++) {
      const v = row[j + 1];
      const f = spec.fields[j]!;
      if (idx[j]! < 0) rowVals[j] = f.parse === "side" ? 0 : Number.NaN;
      else if (v === null || v === undefined) reasons.push(`${f.name}: missing value`);
      else if (f.parse === "side") {
        const s = String(v).toLowerCase();
        rowVals[j] =
          s === "buy" || s === "1" || s === "b"
            ? 1
            : s === "sell" || s === "-1" || s === "s"
              ? -1
              : s === "0" || s === ""
                ? 0
                : Number.NaN;
        if (Number.isNaN(rowVals[j]!)) reasons.push(`${f.name}: expected buy/sell/1/-1/0, got "${s}"`);
      } else rowVals[j] = Number(v);
    }
    if (reasons.length === 0) spec.validate(ts, rowVals, reasons, present);
    if (reasons.length > 0) {
      rejectedCount++;
      if (rejected.length < MAX_REJECTED_DETAILS) {
        rejected.push({
          line: r + 1,
          reason: reasons.join("; "),
          text: JSON.stringify(row, (_k, x) => (typeof x === "bigint" ? String(x) : x)).slice(0, 200),
        });
      }
      continue;
    }
    tsOut[k] = ts;
    lines[k] = r + 1;
    for (let j = 0; j < nf; j++) vals[j]![k] = rowVals[j]!;
    k++;
  }
  return {
    ts: tsOut.slice(0, k),
    values: vals.map((v) => v.slice(0, k)),
    lines: lines.slice(0, k),
    rowsRead: n,
    blankLines: 0,
    rejected,
    rejectedCount,
  };
}
