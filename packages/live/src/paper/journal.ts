import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { type LogRecord, parseEventLog } from "@quantkit/backtest";

/** What {@link Journal.open} found on disk. */
export interface JournalRecovery {
  /** Every complete record already in the file, in order. */
  readonly records: readonly LogRecord[];
  /** Bytes of an incomplete last line (a crash mid-write) that were cut off, 0 when the file was complete. */
  readonly truncatedBytes: number;
}

/**
 * The paper trader's write-ahead event log: JSON Lines in the backtest `EventLog` format
 * (`{"seq","ts","type","payload"}`, readable by `readEventLog`), opened for append so a restarted process continues
 * the same file. Every record is written with one `write(2)` (no user-space buffer, so a SIGKILL loses nothing that
 * `append` returned from); `durable` records are also `fsync`ed before `append` returns — order intents use it, so
 * an intent is on disk before the order is sent. An incomplete last line left by a crash is cut off on open.
 *
 * @example
 * const { journal, recovery } = Journal.open("state/events.jsonl");
 * journal.append(clock.now(), "intent", { clientOrderId: "run-1" }, true); // on disk (fsynced) when this returns
 * @see https://www.postgresql.org/docs/current/wal-intro.html (write-ahead logging)
 */
export class Journal {
  private fd: number;
  private seq: number;
  /** Number of fsync calls made (for tests and metrics). */
  fsyncs = 0;

  private constructor(
    readonly path: string,
    fd: number,
    seq: number,
  ) {
    this.fd = fd;
    this.seq = seq;
  }

  /**
   * Opens (or creates) the journal at `path`, returning the records already in it.
   *
   * @param path - the JSON Lines file.
   */
  static open(path: string): { journal: Journal; recovery: JournalRecovery } {
    let records: LogRecord[] = [];
    let truncatedBytes = 0;
    if (existsSync(path)) {
      const text = readFileSync(path, "utf8");
      const r = parseEventLog(text);
      records = r.records;
      if (r.truncated !== null) {
        const keep = text.lastIndexOf("\n") + 1;
        const keepBytes = Buffer.byteLength(text.slice(0, keep), "utf8");
        truncatedBytes = Buffer.byteLength(text, "utf8") - keepBytes;
        const fd = openSync(path, "r+");
        ftruncateSync(fd, keepBytes);
        fsyncSync(fd);
        closeSync(fd);
      }
    }
    const fd = openSync(path, "a");
    return { journal: new Journal(path, fd, records.length), recovery: { records, truncatedBytes } };
  }

  /** Records in the file (including those recovered on open). */
  get count(): number {
    return this.seq;
  }

  /**
   * Appends one record; with `durable`, fsyncs before returning. Returns its sequence number.
   *
   * @param ts - kernel time (UTC epoch ms).
   * @param type - record type (`"intent"`, `"order"`, `"fill"`, `"reconcile"`, …).
   * @param payload - JSON-serializable payload.
   * @param durable - fsync before returning (default false).
   */
  append(ts: number, type: string, payload: unknown, durable = false): number {
    if (this.fd < 0) throw new Error(`journal ${this.path} is closed`);
    const seq = this.seq++;
    writeSync(
      this.fd,
      `{"seq":${seq},"ts":${JSON.stringify(ts)},"type":${JSON.stringify(type)},"payload":${JSON.stringify(payload)}}\n`,
    );
    if (durable) {
      fsyncSync(this.fd);
      this.fsyncs++;
    }
    return seq;
  }

  /** Flushes to disk and closes the file. */
  close(): void {
    if (this.fd < 0) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
  }
}
