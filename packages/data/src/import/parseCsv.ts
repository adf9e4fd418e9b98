import { ValidationError } from "@quantkit/core";
import { readLineBatches, splitCsvLine } from "./csvLines.js";
import { type ColumnMap, type ColumnRef, type FormatPreset, SYNONYMS } from "./formats.js";
import { parseTimestampMs, sourceZone, type TimestampUnit } from "./timestamp.js";

/** A source row the import did not store, with its 1-based line number in the file and every reason. */
export interface RejectedRow {
  /** 1-based physical line number (the header, when present, is line 1). */
  readonly line: number;
  /** Every problem found, `; `-separated, each naming the field: e.g. `high: expected ≥ low (9.5), got 9.1`. */
  readonly reason: string;
  /** The raw line (cut to 200 characters). */
  readonly text: string;
}

/** How many rejected rows a report lists in detail (all are counted in `rejectedCount`). */
export const MAX_REJECTED_DETAILS = 10_000;

/** One value column a kind of series needs. */
export interface FieldRule {
  readonly name: string;
  /** Optional columns may be absent from the file (then NaN, or 0 for `side`). */
  readonly optional: boolean;
  readonly parse: "number" | "side";
}

/** Everything the parser needs to read one file. */
export interface ParseSpec {
  readonly fields: readonly FieldRule[];
  readonly preset: FormatPreset;
  readonly columns?: ColumnMap | undefined;
  readonly header?: boolean | "skip" | undefined;
  readonly delimiter?: string | undefined;
  readonly tsUnit?: TimestampUnit | undefined;
  readonly timezone?: string | undefined;
  /** Milliseconds subtracted from every timestamp (a bar's duration when files label bars by their close). */
  readonly shiftMs?: number;
  /** Row checks of the kind (prices > 0, high ≥ low, …): push one message per problem. */
  readonly validate: (ts: number, values: Float64Array, reasons: string[], present: Uint8Array) => void;
}

/** Accepted rows in columns, in file order, plus everything that was rejected. */
export interface ParsedTable {
  readonly ts: Float64Array;
  readonly values: Float64Array[];
  /** The 1-based line number of each accepted row. */
  readonly lines: Float64Array;
  readonly rowsRead: number;
  readonly blankLines: number;
  readonly rejected: RejectedRow[];
  readonly rejectedCount: number;
}

class Grow {
  data = new Float64Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.n++] = v;
  }
  done(): Float64Array {
    return this.data.slice(0, this.n);
  }
}

function sideValue(text: string): number {
  switch (text.toLowerCase()) {
    case "buy":
    case "b":
    case "1":
    case "bid":
      return 1;
    case "sell":
    case "s":
    case "-1":
    case "ask":
      return -1;
    case "":
    case "0":
    case "unknown":
    case "none":
      return 0;
    default:
      return Number.NaN;
  }
}

function resolve(
  ref: ColumnRef,
  header: readonly string[] | null,
  field: string,
  missing: { path: string; message: string }[],
): number {
  if (typeof ref === "number") return ref;
  if (!header) {
    missing.push({
      path: `columns.${field}`,
      message: `"${ref}" is a name but the file has no header: give a position`,
    });
    return -1;
  }
  const idx = header.findIndex((h) => h.toLowerCase() === ref.toLowerCase());
  if (idx < 0) {
    missing.push({
      path: `columns.${field}`,
      message: `no column named "${ref}" in the header [${header.join(",")}]`,
    });
  }
  return idx;
}

function findBySynonym(field: string, header: readonly string[]): number {
  const names = SYNONYMS[field] ?? [field];
  for (const name of names) {
    const idx = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (idx >= 0) return idx;
  }
  return -1;
}

/**
 * Streams a delimited text file into columns: maps columns (by name, synonym or position), parses timestamps
 * (epoch s/ms/µs/ns or ISO text in a stated source zone) and numbers, and rejects — with line number and reason —
 * every row that cannot be read or fails the kind's checks. Nothing is dropped silently: blank lines are counted.
 *
 * @param path - the file (`.gz` is gunzipped on the fly).
 * @param spec - {@link ParseSpec}.
 * @throws ValidationError when the file is empty, a needed column is missing, or the first row does not have as
 *   many fields as the header (the 7-name header over 8-field rows quirk: use `header: "skip"` with positions).
 * @example
 * const t = await parseCsv("f.csv", { fields: [{ name: "close", optional: false, parse: "number" }], … });
 * t.ts.length // → accepted rows
 */
export async function parseCsv(path: string, spec: ParseSpec): Promise<ParsedTable> {
  const delimiter = spec.delimiter ?? ",";
  const headerMode = spec.header ?? spec.preset.header;
  const unit = spec.tsUnit ?? spec.preset.tsUnit;
  const zone = sourceZone(spec.timezone ?? "UTC");
  const shift = spec.shiftMs ?? 0;
  const columns: ColumnMap = { ...spec.preset.columns, ...(spec.columns ?? {}) };
  const nf = spec.fields.length;

  let header: string[] | null = null;
  let headerLine = 0;
  let tsIdx = -1;
  let dateIdx = -1;
  let timeIdx = -1;
  const idx = new Int32Array(nf).fill(-1);
  let resolved = false;
  let expectedFields = -1;

  const tsB = new Grow();
  const lineB = new Grow();
  const valB = spec.fields.map(() => new Grow());
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  let rowsRead = 0;
  let blankLines = 0;
  let sawAny = false;
  const row = new Float64Array(nf);
  const present = new Uint8Array(nf);
  const reasons: string[] = [];

  const resolveColumns = (firstRow: string[]) => {
    const missing: { path: string; message: string }[] = [];
    const named = headerMode === true ? header : null;
    if (columns.ts !== undefined && columns.ts !== null) tsIdx = resolve(columns.ts, named, "ts", missing);
    else if (columns.date !== undefined && columns.date !== null) {
      dateIdx = resolve(columns.date, named, "date", missing);
      if (columns.time !== undefined && columns.time !== null)
        timeIdx = resolve(columns.time, named, "time", missing);
    } else if (named) {
      tsIdx = findBySynonym("ts", named);
      if (tsIdx < 0) {
        const empty = named.indexOf("");
        missing.push({
          path: "columns.ts",
          message:
            `no timestamp column: none of [${SYNONYMS.ts!.join(", ")}] is in the header [${named.join(",")}]` +
            (empty >= 0 ? `; column ${empty} has an empty name: pass columns: { ts: ${empty} }` : ""),
        });
      }
    } else
      missing.push({ path: "columns.ts", message: "the file has no header: give the timestamp's position" });
    spec.fields.forEach((f, j) => {
      const ref = columns[f.name];
      if (ref === null) return;
      if (ref !== undefined) idx[j] = resolve(ref, named, f.name, missing);
      else if (named) {
        idx[j] = findBySynonym(f.name, named);
        if (idx[j]! < 0 && !f.optional) {
          missing.push({
            path: `columns.${f.name}`,
            message: `missing column: none of [${(SYNONYMS[f.name] ?? [f.name]).join(", ")}] is in the header [${named.join(",")}]`,
          });
        }
      } else if (!f.optional) {
        missing.push({
          path: `columns.${f.name}`,
          message: "the file has no header: give this column's position",
        });
      }
    });
    if (missing.length > 0) throw new ValidationError(`columns of ${path}`, missing);
    if (named && firstRow.length !== named.length) {
      throw new ValidationError(`rows of ${path}`, [
        {
          path: `line ${headerLine + 1}`,
          message:
            `has ${firstRow.length} fields but the header has ${named.length}: the header does not describe the ` +
            `rows; pass header: "skip" with positional columns (or a format such as "backtrader-intraday")`,
        },
      ]);
    }
    for (let j = 0; j < nf; j++) present[j] = idx[j]! >= 0 ? 1 : 0;
    expectedFields = named ? named.length : firstRow.length;
    resolved = true;
  };

  for await (const batch of readLineBatches(path)) {
    for (let b = 0; b < batch.lines.length; b++) {
      const line = batch.lines[b]!;
      const lineNo = batch.firstLineNo + b;
      if (line.trim() === "") {
        if (sawAny) blankLines++;
        continue;
      }
      sawAny = true;
      if (headerMode !== false && header === null && headerLine === 0) {
        header = splitCsvLine(line, delimiter);
        headerLine = lineNo;
        continue;
      }
      const fields = splitCsvLine(line, delimiter);
      if (!resolved) resolveColumns(fields);
      rowsRead++;
      reasons.length = 0;
      if (fields.length !== expectedFields) {
        reasons.push(`expected ${expectedFields} fields, got ${fields.length}`);
      }
      let ts = Number.NaN;
      if (reasons.length === 0) {
        const tsText =
          tsIdx >= 0 ? (fields[tsIdx] ?? "") : `${fields[dateIdx] ?? ""} ${fields[timeIdx] ?? ""}`.trim();
        ts = parseTimestampMs(tsText, unit, zone);
        if (Number.isNaN(ts)) reasons.push(`ts: expected a ${unit} timestamp, got "${tsText}"`);
        else ts -= shift;
        for (let j = 0; j < nf; j++) {
          const f = spec.fields[j]!;
          const c = idx[j]!;
          if (c < 0) {
            row[j] = f.parse === "side" ? 0 : Number.NaN;
            continue;
          }
          const text = fields[c] ?? "";
          if (f.parse === "side") {
            const s = sideValue(text);
            if (Number.isNaN(s)) reasons.push(`${f.name}: expected buy/sell/1/-1/0, got "${text}"`);
            row[j] = s;
            continue;
          }
          if (text === "") {
            reasons.push(`${f.name}: missing value`);
            continue;
          }
          const v = Number(text);
          if (Number.isNaN(v) && !/^nan$/i.test(text))
            reasons.push(`${f.name}: expected a number, got "${text}"`);
          else if (!Number.isNaN(v) && !Number.isFinite(v))
            reasons.push(`${f.name}: expected a finite number, got ${text}`);
          row[j] = v;
        }
        if (reasons.length === 0) spec.validate(ts, row, reasons, present);
      }
      if (reasons.length > 0) {
        rejectedCount++;
        if (rejected.length < MAX_REJECTED_DETAILS) {
          rejected.push({ line: lineNo, reason: reasons.join("; "), text: line.slice(0, 200) });
        }
        continue;
      }
      tsB.push(ts);
      lineB.push(lineNo);
      for (let j = 0; j < nf; j++) valB[j]!.push(row[j]!);
    }
  }
  if (sawAny && !resolved && header) resolveColumns(header);
  if (!sawAny) {
    throw new ValidationError(`file ${path}`, [
      { path: "file", message: "is empty: expected a header line and data rows" },
    ]);
  }
  return {
    ts: tsB.done(),
    values: valB.map((b) => b.done()),
    lines: lineB.done(),
    rowsRead,
    blankLines,
    rejected,
    rejectedCount,
  };
}
