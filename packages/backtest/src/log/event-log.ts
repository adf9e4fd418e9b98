import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { ValidationError } from "@quantkit/core";

/** One line of the event log: sequence number, sim time (UTC epoch ms), type and payload. */
export interface LogRecord {
  readonly seq: number;
  readonly ts: number;
  readonly type: string;
  readonly payload: unknown;
}

/** Where the log goes: a JSON Lines file (streamed), memory (tests) or nowhere. */
export type LogSink = { readonly path: string } | "memory" | "off";

/**
 * The run's event log as JSON Lines: every order transition, fill, risk decision, signal and timer, one record per
 * line (`{"seq":…,"ts":…,"type":…,"payload":…}`). File output is buffered and streamed to disk (64 KiB chunks)
 * so a long run holds nothing in memory. Market data is not logged: the run manifest pins it by fingerprint.
 *
 * @example
 * const log = new EventLog({ path: "out/events.jsonl" }); log.append(0, "signal", { name: "x", value: 1 }); log.close();
 * @see https://jsonlines.org/
 */
export class EventLog {
  private fd = -1;
  private buf = "";
  private seq = 0;
  private readonly mem: LogRecord[] | undefined;
  /** True unless the sink is `"off"`. */
  readonly enabled: boolean;

  constructor(sink: LogSink = "memory") {
    this.enabled = sink !== "off";
    this.mem = sink === "memory" ? [] : undefined;
    if (typeof sink === "object") this.fd = openSync(sink.path, "w");
  }

  /** Number of records appended. */
  get count(): number {
    return this.seq;
  }

  /** Appends one record (no-op when the sink is `"off"`). */
  append(ts: number, type: string, payload: unknown): void {
    if (!this.enabled) return;
    const seq = this.seq++;
    if (this.mem !== undefined) {
      this.mem.push({ seq, ts, type, payload: JSON.parse(JSON.stringify(payload)) });
      return;
    }
    this.buf += `{"seq":${seq},"ts":${JSON.stringify(ts)},"type":${JSON.stringify(type)},"payload":${JSON.stringify(payload)}}\n`;
    if (this.buf.length > 65_536) this.flush();
  }

  /**
   * Appends one record whose payload is already serialized JSON (the kernel formats its hot records by hand:
   * `JSON.stringify` of a fresh object per record dominated the log's cost).
   */
  appendRaw(ts: number, type: string, payloadJson: string): void {
    if (!this.enabled) return;
    const seq = this.seq++;
    if (this.mem !== undefined) {
      this.mem.push({ seq, ts, type, payload: JSON.parse(payloadJson) });
      return;
    }
    this.buf += `{"seq":${seq},"ts":${num(ts)},"type":"${type}","payload":${payloadJson}}\n`;
    if (this.buf.length > 65_536) this.flush();
  }

  /** Records held in memory (memory sink only; empty otherwise). */
  get records(): readonly LogRecord[] {
    return this.mem ?? [];
  }

  /** Writes buffered lines to disk. */
  flush(): void {
    if (this.fd >= 0 && this.buf.length > 0) {
      writeSync(this.fd, this.buf);
      this.buf = "";
    }
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** Result of reading a log: the records, and the truncated last line if the writer crashed mid-line. */
export interface ReadLogResult {
  readonly records: LogRecord[];
  /** The incomplete last line (1-based line number and text), skipped, or `null` when the file is complete. */
  readonly truncated: { readonly line: number; readonly text: string } | null;
}

/**
 * Parses JSON Lines log text. A truncated last line (no trailing newline and not valid JSON — a crash while
 * writing) is reported in `truncated` and skipped; any other malformed line throws a ValidationError naming it.
 *
 * @example
 * parseEventLog('{"seq":0,"ts":1,"type":"x","payload":null}\n{"seq":1,"ts"').truncated // → { line: 2, text: '{"seq":1,"ts"' }
 */
export function parseEventLog(text: string): ReadLogResult {
  const lines = text.split("\n");
  const complete = text.endsWith("\n") || text.length === 0;
  if (lines.at(-1) === "") lines.pop();
  const records: LogRecord[] = [];
  let truncated: ReadLogResult["truncated"] = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const last = i === lines.length - 1;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      if (last && !complete) {
        truncated = { line: i + 1, text: line };
        break;
      }
      throw new ValidationError(
        "event log",
        [{ path: `line ${i + 1}`, message: `not valid JSON: ${line.slice(0, 80)}` }],
        {
          cause: e,
        },
      );
    }
    const r = rec as LogRecord;
    if (typeof r?.seq !== "number" || typeof r.type !== "string" || typeof r.ts !== "number") {
      if (last && !complete) {
        truncated = { line: i + 1, text: line };
        break;
      }
      throw new ValidationError("event log", [
        { path: `line ${i + 1}`, message: "expected {seq, ts, type, payload}" },
      ]);
    }
    if (r.seq !== records.length)
      throw new ValidationError("event log", [
        {
          path: `line ${i + 1}`,
          message: `expected seq ${records.length}, got ${r.seq} (missing or reordered lines)`,
        },
      ]);
    records.push(r);
  }
  return { records, truncated };
}

/**
 * Reads a JSON Lines event log from disk (see {@link parseEventLog}).
 *
 * @example
 * const { records, truncated } = readEventLog("out/events.jsonl");
 */
export function readEventLog(path: string): ReadLogResult {
  return parseEventLog(readFileSync(path, "utf8"));
}

/**
 * A number as JSON (`null` for NaN/±Infinity, like `JSON.stringify`).
 *
 * @example
 * num(1.5) // → "1.5"
 */
export function num(x: number): string {
  return Number.isFinite(x) ? String(x) : "null";
}

/**
 * A string as a JSON string literal.
 *
 * @example
 * str('a"b') // → '"a\\"b"'
 */
export function str(s: string): string {
  return JSON.stringify(s);
}
