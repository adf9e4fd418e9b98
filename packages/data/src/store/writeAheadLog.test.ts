import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { crc32, encodeLogRecord, LogColumns, toMicros } from "./writeAheadLog.js";

const dir = mkdtempSync(join(tmpdir(), "qk-wal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A batch of rows: ts in µs (integers), then `k` value columns. */
const batch = (k: number) =>
  fc
    .integer({ min: 0, max: 6 })
    .chain((m) =>
      fc.tuple(
        fc.array(fc.integer({ min: -1e12, max: 4e15 }), { minLength: m, maxLength: m }),
        fc.array(fc.array(fc.double(), { minLength: m, maxLength: m }), { minLength: k, maxLength: k }),
      ),
    );

function columns([ts, vals]: [number[], number[][]]): Float64Array[] {
  return [Float64Array.from(ts), ...vals.map((v) => Float64Array.from(v))];
}

/** What a reader must hold after the given records: ts in ms, values bit for bit (NaN as NaN). */
function expected(batches: [number[], number[][]][], k: number): number[][] {
  const out: number[][] = Array.from({ length: k + 1 }, () => []);
  for (const [ts, vals] of batches) {
    out[0]!.push(...ts.map((t) => t / 1000));
    for (let j = 0; j < k; j++) out[j + 1]!.push(...vals[j]!);
  }
  return out;
}

function held(c: LogColumns): number[][] {
  return c.columns.map((col) => Array.from(col.subarray(0, c.length)));
}

describe("write-ahead log records", () => {
  it("crc32(bytes) equals the CRC-32 in the trailer of a gzip member of the same bytes (RFC 1952)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const gz = gzipSync(bytes);
        expect(crc32(bytes)).toBe(gz.readUInt32LE(gz.length - 8));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("toMicros(ms) rounds half away from zero to whole µs, like DuckDB round(ts * 1000)", () => {
    expect([toMicros(1.0005), toMicros(-1.0005), toMicros(1.0004), toMicros(0.0015)]).toEqual([
      Math.round(1.0005 * 1000),
      -Math.round(1.0005 * 1000),
      1000,
      2,
    ]);
  });

  it("records appended to a file read back exactly, incrementally, whatever the reads' timing (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(batch(3), fc.boolean()), { minLength: 1, maxLength: 8 }), (steps) => {
        const path = join(dir, `log${n++}.wal`);
        writeFileSync(path, "");
        const reader = new LogColumns(4);
        const writer = new LogColumns(4);
        const done: [number[], number[][]][] = [];
        for (const [b, look] of steps) {
          const cols = columns(b);
          const rec = encodeLogRecord(cols);
          appendFileSync(path, rec);
          writer.add(cols, 0, b[0].length, rec.length);
          done.push(b);
          if (look) reader.refresh(path);
        }
        reader.refresh(path);
        const want = expected(done, 3);
        expect(held(reader)).toEqual(want);
        expect(held(writer)).toEqual(want);
        expect(reader.bytes).toBe(writer.bytes);
        expect(reader.tornBytes).toBe(0);
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it("a file cut at any byte yields exactly the whole records before the cut; a flipped byte stops reading at its record (property)", () => {
    fc.assert(
      fc.property(
        fc.array(batch(2), { minLength: 1, maxLength: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (batches, cutAt, flipAt) => {
          const recs = batches.map((b) => encodeLogRecord(columns(b)));
          const all = Buffer.concat(recs);
          const ends = recs.map((_, i) => recs.slice(0, i + 1).reduce((a, r) => a + r.length, 0));
          const cut = Math.floor(cutAt * all.length);
          const path = join(dir, `cut${n++}.wal`);
          writeFileSync(path, all.subarray(0, cut));
          const c = new LogColumns(3);
          c.refresh(path);
          const whole = ends.filter((e) => e <= cut).length;
          expect(held(c)).toEqual(expected(batches.slice(0, whole), 2));
          expect(c.bytes + c.tornBytes).toBe(cut);
          // flip one byte: the records before the damaged one are read, nothing from it on
          const flip = Math.min(all.length - 1, Math.floor(flipAt * all.length));
          const bad = Buffer.from(all);
          bad[flip] = bad[flip]! ^ 0xff;
          writeFileSync(path, bad);
          const d = new LogColumns(3);
          d.refresh(path);
          const hit = ends.findIndex((e) => flip < e);
          expect(held(d)).toEqual(expected(batches.slice(0, hit), 2));
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });

  it("a reader of a file replaced under the same name (new inode) starts over", () => {
    const path = join(dir, `re${n++}.wal`);
    writeFileSync(path, encodeLogRecord([Float64Array.of(1000, 2000), Float64Array.of(1, 2)]));
    const c = new LogColumns(2);
    c.refresh(path);
    expect(held(c)).toEqual([
      [1, 2],
      [1, 2],
    ]);
    rmSync(path);
    writeFileSync(path, encodeLogRecord([Float64Array.of(5000), Float64Array.of(9)]));
    c.refresh(path);
    expect(held(c)).toEqual([[5], [9]]);
  });
});
