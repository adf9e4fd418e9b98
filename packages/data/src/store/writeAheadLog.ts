import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Magic number opening every log record ("QKL1" read as a little-endian uint32). */
const MAGIC = 0x314c4b51;
/** Record header: magic, rows, columns, CRC-32 of the payload (4 × uint32, little-endian). */
const HEADER = 16;

/** Slicing-by-8 tables: `T[k][b]` is the CRC of byte `b` followed by `k` zero bytes (8 bytes per step). */
const CRC_TABLES = (() => {
  const t = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[0]![i] = c >>> 0;
  }
  for (let i = 0; i < 256; i++) {
    let c = t[0]![i]!;
    for (let k = 1; k < 8; k++) {
      c = t[0]![c & 0xff]! ^ (c >>> 8);
      t[k]![i] = c >>> 0;
    }
  }
  return t;
})();
const [T0, T1, T2, T3, T4, T5, T6, T7] = CRC_TABLES as [
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
];

/**
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of a byte range: the checksum of a log record's payload.
 *
 * @param bytes - the bytes.
 * @param from - first byte (default 0).
 * @param to - end, exclusive (default `bytes.length`).
 * @example
 * crc32(new TextEncoder().encode("123456789")) // → 0xcbf43926
 * @see https://www.rfc-editor.org/rfc/rfc1952#section-8
 */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let c = 0xffffffff;
  let i = from;
  for (; i + 8 <= to; i += 8) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c =
      T7[c & 0xff]! ^
      T6[(c >>> 8) & 0xff]! ^
      T5[(c >>> 16) & 0xff]! ^
      T4[c >>> 24]! ^
      T3[bytes[i + 4]!]! ^
      T2[bytes[i + 5]!]! ^
      T1[bytes[i + 6]!]! ^
      T0[bytes[i + 7]!]!;
  }
  for (; i < to; i++) c = T0[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Rounds epoch ms to whole µs the way the store's Parquet path does (DuckDB `round(ts * 1000)`: half away from
 * zero), returned in µs. Logged timestamps are stored so, which makes a row read from a log bit-identical to the
 * same row read after compaction into Parquet (`epoch_us(ts) / 1000.0`).
 *
 * @param ms - epoch ms (fractions allowed).
 * @example
 * toMicros(1.0005) // → 1001
 */
export function toMicros(ms: number): number {
  const x = ms * 1000;
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * Encodes one write-ahead-log record: a 16-byte header (magic, rows, columns, CRC-32 of the payload) and the
 * columns one after another as little-endian float64 (column 0 is `ts` in epoch µs, see {@link toMicros}). A record
 * is written with one `write` and is valid only whole with a matching checksum, so a torn write (a crash in the
 * middle, or a reader racing the writer) is recognisable and never read.
 *
 * @param columns - equal-length columns, `ts` (µs) first.
 * @param from - first row (default 0).
 * @param to - end row, exclusive (default the column length).
 * @returns the record's bytes.
 * @example
 * encodeLogRecord([Float64Array.of(1000), Float64Array.of(42)]).length // → 32
 */
export function encodeLogRecord(
  columns: readonly Float64Array[],
  from = 0,
  to = columns[0]!.length,
): Uint8Array {
  const m = to - from;
  const k = columns.length;
  const buf = new ArrayBuffer(HEADER + 8 * k * m);
  const payload = new Float64Array(buf, HEADER);
  for (let j = 0; j < k; j++) payload.set(columns[j]!.subarray(from, to), j * m);
  const bytes = new Uint8Array(buf);
  const v = new DataView(buf);
  v.setUint32(0, MAGIC, true);
  v.setUint32(4, m, true);
  v.setUint32(8, k, true);
  v.setUint32(12, crc32(bytes, HEADER), true);
  return bytes;
}

/**
 * The rows of one write-ahead log held in growable columns (`ts` in epoch ms, then the values), with the number of
 * bytes of whole valid records they came from. The writer adds what it writes ({@link LogColumns.add}); a reader of
 * a log written elsewhere reads only the bytes added since its last look ({@link LogColumns.refresh}), so polling
 * a growing log costs what it grew by.
 */
export class LogColumns {
  /** Rows held. */
  length = 0;
  /** Bytes of the file consumed (whole valid records). */
  bytes = 0;
  /** Bytes after the last valid record when last refreshed: a torn (never acknowledged) write, or one in flight. */
  tornBytes = 0;
  /** Column 0 is `ts` (epoch ms), then the stored values; each has room for more rows than `length`. */
  columns: Float64Array[];
  readonly #ncols: number;
  #ino = -1;

  /**
   * @param ncols - columns of each record, `ts` included.
   */
  constructor(ncols: number) {
    this.#ncols = ncols;
    this.columns = Array.from({ length: ncols }, () => new Float64Array(64));
  }

  /** Makes room for `extra` more rows (capacity doubles). */
  #reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.columns[0]!.length) return;
    let cap = this.columns[0]!.length;
    while (cap < need) cap *= 2;
    this.columns = this.columns.map((c) => {
      const g = new Float64Array(cap);
      g.set(c.subarray(0, this.length));
      return g;
    });
  }

  /**
   * Adds rows just written as one record of `recordBytes` bytes (the writer's own copy; no file read).
   *
   * @param columns - `ts` in µs first, as passed to {@link encodeLogRecord}.
   * @param from - first row.
   * @param to - end row, exclusive.
   * @param recordBytes - size of the record written.
   */
  add(columns: readonly Float64Array[], from: number, to: number, recordBytes: number): void {
    const m = to - from;
    this.#reserve(m);
    const ts = this.columns[0]!;
    const us = columns[0]!;
    for (let i = 0; i < m; i++) ts[this.length + i] = us[from + i]! / 1000;
    for (let j = 1; j < this.#ncols; j++) this.columns[j]!.set(columns[j]!.subarray(from, to), this.length);
    this.length += m;
    this.bytes += recordBytes;
  }

  /**
   * Binds these columns to the log file `ino` (a fresh log the caller created); a refresh of another inode starts
   * over.
   */
  bind(ino: number): void {
    this.#ino = ino;
  }

  /**
   * Reads the records appended to the log file since the last look (all of it the first time, or when the file
   * was replaced). Stops before the first incomplete or corrupt record (`tornBytes` says how many bytes follow).
   *
   * @param path - the log file.
   * @throws the `fs` error when the file is gone (a compaction retired it).
   */
  refresh(path: string): void {
    const fd = openSync(path, "r");
    try {
      const st = fstatSync(fd);
      if (st.ino !== this.#ino || st.size < this.bytes) {
        this.#ino = st.ino;
        this.length = 0;
        this.bytes = 0;
      }
      const size = st.size;
      if (size === this.bytes + this.tornBytes && this.tornBytes === 0) return;
      const buf = new Uint8Array(size - this.bytes);
      let got = 0;
      while (got < buf.length) {
        const r = readSync(fd, buf, got, buf.length - got, this.bytes + got);
        if (r === 0) break;
        got += r;
      }
      const used = this.#absorb(buf.subarray(0, got));
      this.bytes += used;
      this.tornBytes = got - used;
    } finally {
      closeSync(fd);
    }
  }

  /** Parses whole valid records at the start of `buf`; returns the bytes they span. */
  #absorb(buf: Uint8Array): number {
    const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let at = 0;
    while (at + HEADER <= buf.length) {
      if (v.getUint32(at, true) !== MAGIC) break;
      const m = v.getUint32(at + 4, true);
      const k = v.getUint32(at + 8, true);
      if (k !== this.#ncols) break;
      const end = at + HEADER + 8 * k * m;
      if (end > buf.length) break;
      if (crc32(buf, at + HEADER, end) !== v.getUint32(at + 12, true)) break;
      this.#reserve(m);
      for (let j = 0; j < k; j++) {
        const col = this.columns[j]!;
        const base = at + HEADER + j * m * 8;
        for (let i = 0; i < m; i++) {
          const x = v.getFloat64(base + i * 8, true);
          col[this.length + i] = j === 0 ? x / 1000 : x;
        }
      }
      this.length += m;
      at = end;
    }
    return at;
  }
}
