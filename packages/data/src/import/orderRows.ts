import { MAX_REJECTED_DETAILS, type ParsedTable, type RejectedRow } from "./parseCsv.js";

/** What `orderRows` did to put rows in time order. */
export interface Reordering {
  /** Rows whose timestamp was earlier than the previous row's in the file. */
  readonly count: number;
  /** 1-based line of the first such row. */
  readonly firstLine: number;
}

/** Rows in ascending `ts` order, with what was reordered and which duplicates were rejected. */
export interface OrderedRows {
  readonly ts: Float64Array;
  readonly values: Float64Array[];
  readonly lines: Float64Array;
  readonly reordered: Reordering | null;
  readonly duplicates: RejectedRow[];
  readonly duplicateCount: number;
}

/**
 * Puts parsed rows in ascending time order with a stable sort (ties keep file order) and, when `dedupe` is set,
 * rejects every later row whose timestamp repeats an earlier one (bars have one row per timestamp; trades may
 * share one). Reordering is reported, never silent.
 *
 * @param t - parsed rows.
 * @param dedupe - reject repeated timestamps (bars) or keep them (ticks).
 * @param text - raw text of a line for the rejection detail (may return "").
 * @example
 * orderRows(parsed, true).reordered // → { count: 1, firstLine: 7 } when line 7 went back in time
 */
export function orderRows(t: ParsedTable, dedupe: boolean, text: (line: number) => string): OrderedRows {
  const n = t.ts.length;
  let count = 0;
  let firstLine = 0;
  for (let i = 1; i < n; i++) {
    if (t.ts[i]! < t.ts[i - 1]!) {
      if (count === 0) firstLine = t.lines[i]!;
      count++;
    }
  }
  let ts = t.ts;
  let values = t.values;
  let lines = t.lines;
  if (count > 0) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => t.ts[a]! - t.ts[b]! || a - b);
    const pick = (src: Float64Array) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = src[order[i]!]!;
      return out;
    };
    ts = pick(t.ts);
    values = t.values.map(pick);
    lines = pick(t.lines);
  }
  const duplicates: RejectedRow[] = [];
  let duplicateCount = 0;
  if (dedupe) {
    const keep = new Uint8Array(n);
    let kept = 0;
    let lastKept = -1;
    for (let i = 0; i < n; i++) {
      if (lastKept >= 0 && ts[i] === ts[lastKept]) {
        duplicateCount++;
        const same = values.every((v) => Object.is(v[i], v[lastKept]));
        if (duplicates.length < MAX_REJECTED_DETAILS) {
          duplicates.push({
            line: lines[i]!,
            reason: `duplicate ts of line ${lines[lastKept]} (${same ? "identical values" : "different values"}): the first row is kept`,
            text: text(lines[i]!),
          });
        }
        continue;
      }
      keep[i] = 1;
      lastKept = i;
      kept++;
    }
    if (kept < n) {
      const pick = (src: Float64Array) => {
        const out = new Float64Array(kept);
        for (let i = 0, k = 0; i < n; i++) if (keep[i]) out[k++] = src[i]!;
        return out;
      };
      ts = pick(ts);
      values = values.map(pick);
      lines = pick(lines);
    }
  }
  return {
    ts,
    values,
    lines,
    reordered: count > 0 ? { count, firstLine } : null,
    duplicates,
    duplicateCount,
  };
}
