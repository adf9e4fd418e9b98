import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appendColumns,
  inlineParams,
  OutOfOrderError,
  readDoubleColumnsInto,
  readParquetInto,
  sqlString,
} from "./duck.js";
import { nativeReader } from "./nativeReader.js";

let dir: string;
let instance: DuckDBInstance;
let con: DuckDBConnection;
let n = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "qk-duck-"));
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
});
afterAll(() => {
  con.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the columns to a zstd Parquet file (as the store does) and returns its path. */
async function parquet(columns: Float64Array[], rowGroupRows?: number): Promise<string> {
  const t = `t${n}`;
  const file = join(dir, `p'${n++}.parquet`); // a quote in the path: inlined paths must be escaped
  await con.run(`CREATE TEMP TABLE ${t} (${columns.map((_, j) => `c${j} DOUBLE`).join(", ")})`);
  await appendColumns(con, t, columns);
  const groups = rowGroupRows ? `, ROW_GROUP_SIZE ${rowGroupRows}` : "";
  await con.run(`COPY ${t} TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd${groups})`);
  await con.run(`DROP TABLE ${t}`);
  return file;
}

describe("the native reader", () => {
  it("is built wherever CI says it must be (QUANTKIT_REQUIRE_NATIVE=1)", () => {
    if (process.env.QUANTKIT_REQUIRE_NATIVE === "1") expect(nativeReader()).not.toBeNull();
    else expect(nativeReader() === null || typeof nativeReader()!.read === "function").toBe(true);
  });

  it("reads exactly what the bindings path reads, across chunk boundaries and at any offset", async () => {
    const double = fc.double({ noDefaultInfinity: false });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2047, 2048, 2049, 4097, 7000),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(double, { minLength: 1, maxLength: 64 }),
        async (rows, ncols, offset, pool) => {
          const cols = Array.from({ length: ncols }, (_, j) =>
            Float64Array.from({ length: rows }, (_, i) => pool[(i * 7 + j * 13) % pool.length]!),
          );
          const file = await parquet(cols);
          const sql = `SELECT ${cols.map((_, j) => `c${j}`).join(", ")} FROM read_parquet($file)`;
          const a = cols.map(() => new Float64Array(offset + rows).fill(-1));
          const b = cols.map(() => new Float64Array(offset + rows).fill(-1));
          await readDoubleColumnsInto(con, sql, { file }, a, offset, rows);
          await readDoubleColumnsInto(con, sql, { file }, b, offset, rows, { path: "bindings" });
          for (let j = 0; j < ncols; j++) {
            expect(a[j]!.subarray(offset)).toEqual(cols[j]); // toEqual: NaN equals NaN, -0 is not 0
            expect(b[j]!.subarray(offset)).toEqual(cols[j]);
            expect(Array.from(a[j]!.subarray(0, offset))).toEqual(Array(offset).fill(-1));
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it("applies inlined bounds like bound parameters", async () => {
    const ts = Float64Array.from({ length: 5000 }, (_, i) => i);
    const file = await parquet([ts]);
    const sql = "SELECT c0 FROM read_parquet($file) WHERE c0 >= $s AND c0 < $e";
    const a = new Float64Array(1000);
    const b = new Float64Array(1000);
    await readDoubleColumnsInto(con, sql, { file, s: 2500n, e: 3500 }, [a], 0, 1000);
    await readDoubleColumnsInto(con, sql, { file, s: 2500n, e: 3500 }, [b], 0, 1000, { path: "bindings" });
    expect(a).toEqual(ts.subarray(2500, 3500));
    expect(b).toEqual(a);
  });

  for (const path of ["auto", "bindings"] as const) {
    const read = (
      c: DuckDBConnection,
      sql: string,
      p: Record<string, never>,
      t: Float64Array[],
      o: number,
      r: number,
    ) => readDoubleColumnsInto(c, sql, p, t, o, r, { path });
    it(`rejects a wrong row count, a non-DOUBLE column, a NULL and bad SQL, saying which (${path} path)`, async () => {
      const one = [new Float64Array(3)];
      await expect(read(con, "SELECT range::DOUBLE FROM range(3)", {}, one, 0, 2)).rejects.toThrow(
        /more than the expected 2 rows/,
      );
      await expect(read(con, "SELECT range::DOUBLE FROM range(2)", {}, one, 0, 3)).rejects.toThrow(
        /expected 3 rows, got 2/,
      );
      await expect(read(con, "SELECT range FROM range(3)", {}, one, 0, 3)).rejects.toThrow(
        /column 0 is not DOUBLE/,
      );
      await expect(
        read(con, "SELECT CASE WHEN range = 2 THEN NULL ELSE 1.0::DOUBLE END FROM range(3)", {}, one, 0, 3),
      ).rejects.toThrow(/NULL in column 0 at result row 2/);
      await expect(read(con, "SELECT nope FROM range(3)", {}, one, 0, 3)).rejects.toThrow(/nope/);
      await expect(read(con, "SELECT 1.0::DOUBLE, 2.0::DOUBLE", {}, one, 0, 1)).rejects.toThrow(
        /2 columns, expected 1/,
      );
    });
  }
});

describe("ordered reads", () => {
  it("name the first row (in the targets) where column 0 decreases, on both paths, also across chunks", async () => {
    for (const bad of [1, 2047, 2048, 2049, 4999]) {
      const ts = Float64Array.from({ length: 5000 }, (_, i) => i);
      ts[bad] = bad - 1.5;
      const file = await parquet([ts, ts]);
      const sql = "SELECT c0, c1 FROM read_parquet($file)";
      for (const path of ["auto", "bindings"] as const) {
        const out = [new Float64Array(5003), new Float64Array(5003)];
        const read = readDoubleColumnsInto(con, sql, { file }, out, 3, 5000, { path, ordered: true });
        await expect(read).rejects.toThrow(OutOfOrderError);
        await expect(
          readDoubleColumnsInto(con, sql, { file }, out, 3, 5000, { path, ordered: true }),
        ).rejects.toMatchObject({ row: 3 + bad });
        // unordered reads do not check
        await readDoubleColumnsInto(con, sql, { file }, out, 3, 5000, { path });
      }
    }
    const ok = Float64Array.from({ length: 3000 }, (_, i) => Math.floor(i / 3)); // ties are in order
    const file = await parquet([ok]);
    const out = [new Float64Array(3000)];
    await readDoubleColumnsInto(con, "SELECT c0 FROM read_parquet($file)", { file }, out, 0, 3000, {
      ordered: true,
    });
    expect(out[0]).toEqual(ok);
  });
});

describe("readParquetInto", () => {
  // c0: a time-like sorted column with ties; row groups small enough that DuckDB's threads scan several at once
  const sorted = (rows: number) => Float64Array.from({ length: rows }, (_, i) => Math.floor(i / 3));

  it("reads a file's rows, or the consecutive rows of a range, exactly as the bindings path does (parallel scan)", async () => {
    const double = fc.double({ noDefaultInfinity: false });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2047, 2049, 6000, 9001),
        fc.constantFrom(2048, 4096, 100_000),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(double, { minLength: 1, maxLength: 64 }),
        fc.option(fc.tuple(fc.integer({ min: -5, max: 3100 }), fc.integer({ min: 0, max: 3100 }))),
        async (rows, group, extra, offset, pool, range) => {
          const cols = [
            sorted(rows),
            ...Array.from({ length: extra }, (_, j) =>
              Float64Array.from({ length: rows }, (_, i) => pool[(i * 7 + j * 13) % pool.length]!),
            ),
          ];
          const file = await parquet(cols, group);
          let from = 0;
          let to: number = rows;
          let where: { sql: string; params: Record<string, number>; firstRow: number } | undefined;
          if (range) {
            const [lo, hi] = range;
            while (from < rows && cols[0]![from]! < lo) from++;
            to = from;
            while (to < rows && cols[0]![to]! < hi) to++;
            where = { sql: "c0 >= $lo AND c0 < $hi", params: { lo, hi }, firstRow: from };
          }
          const n = to - from;
          const read = { file, columns: cols.map((_, j) => `c${j}`), ...(where ? { where } : {}) };
          for (const path of ["auto", "bindings"] as const) {
            const out = cols.map(() => new Float64Array(offset + n).fill(-1));
            await readParquetInto(con, read, out, offset, n, { path, ordered: true });
            for (let j = 0; j < cols.length; j++) {
              expect(out[j]!.subarray(offset)).toEqual(cols[j]!.subarray(from, to));
              expect(Array.from(out[j]!.subarray(0, offset))).toEqual(Array(offset).fill(-1));
            }
          }
        },
      ),
      { numRuns: 16 },
    );
  });

  for (const path of ["auto", "bindings"] as const) {
    it(`rejects a wrong row count, a NULL, an unknown column and a column-count mismatch, saying which (${path} path)`, async () => {
      const file = await parquet([sorted(5000), sorted(5000)], 2048);
      const one = [new Float64Array(5000)];
      const read = { file, columns: ["c0"] };
      await expect(readParquetInto(con, read, one, 0, 4000, { path })).rejects.toThrow(
        /more than the expected 4000 rows/,
      );
      await expect(readParquetInto(con, read, [new Float64Array(6000)], 0, 6000, { path })).rejects.toThrow(
        /expected 6000 rows, got 5000/,
      );
      await expect(readParquetInto(con, { file, columns: ["nope"] }, one, 0, 5000, { path })).rejects.toThrow(
        /nope/,
      );
      await expect(
        readParquetInto(con, { file, columns: ["c0", "c1"] }, one, 0, 5000, { path }),
      ).rejects.toThrow(/2 columns, expected 1/);
      const nulls = join(dir, `nulls-${path}.parquet`);
      await con.run(
        `COPY (SELECT range::DOUBLE AS ts, CASE WHEN range = 3000 THEN NULL ELSE 1.0 END AS v FROM range(5000))
         TO ${sqlString(nulls)} (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
      );
      const two = [new Float64Array(5000), new Float64Array(5000)];
      await expect(
        readParquetInto(con, { file: nulls, columns: ["ts", "v"] }, two, 0, 5000, { path }),
      ).rejects.toThrow(/NULL in column 1 at result row 3000/);
    });
  }

  it("fills one set of columns from 24 concurrent reads, each into its own slice", async () => {
    const files: string[] = [];
    // one connection runs one statement at a time: write the files in turn
    for (let k = 0; k < 24; k++)
      files.push(await parquet([Float64Array.from({ length: 3000 + k }, (_, i) => k * 1e6 + i)], 1024));
    const total = files.reduce((a, _, k) => a + 3000 + k, 0);
    const out = [new Float64Array(total)];
    let at = 0;
    await Promise.all(
      files.map((file, k) => {
        const offset = at;
        at += 3000 + k;
        return readParquetInto(con, { file, columns: ["c0"] }, out, offset, 3000 + k, { ordered: true });
      }),
    );
    let i = 0;
    for (let k = 0; k < 24; k++) for (let r = 0; r < 3000 + k; r++) expect(out[0]![i++]).toBe(k * 1e6 + r);
  });

  it("names the first row (in the targets) where column 0 decreases, in any row group, on both paths", async () => {
    for (const bad of [1, 2047, 2048, 4097, 8999]) {
      const ts = Float64Array.from({ length: 9000 }, (_, i) => i);
      ts[bad] = bad - 1.5;
      const file = await parquet([ts, ts], 2048);
      for (const path of ["auto", "bindings"] as const) {
        const out = [new Float64Array(9003), new Float64Array(9003)];
        const read = readParquetInto(con, { file, columns: ["c0", "c1"] }, out, 3, 9000, {
          path,
          ordered: true,
        });
        await expect(read).rejects.toBeInstanceOf(OutOfOrderError);
        await expect(read).rejects.toMatchObject({ row: 3 + bad });
        await readParquetInto(con, { file, columns: ["c0", "c1"] }, out, 3, 9000, { path }); // unordered: no check
      }
    }
  });

  it("rejects a range of a file that is not in time order (its rows are not consecutive), on both paths", async () => {
    // rows 0..4999 ascending, then 5000 rows of small values again: the range [100, 200) hits both runs
    const ts = Float64Array.from({ length: 10_000 }, (_, i) => i % 5000);
    const file = await parquet([ts], 2048);
    const where = { sql: "c0 >= $lo AND c0 < $hi", params: { lo: 100, hi: 200 }, firstRow: 100 };
    for (const path of ["auto", "bindings"] as const) {
      const out = [new Float64Array(200)];
      await expect(
        readParquetInto(con, { file, columns: ["c0"], where }, out, 0, 200, { path, ordered: true }),
      ).rejects.toThrow(/out of order|more than the expected 200 rows/);
    }
  });
});

describe("inlineParams", () => {
  it("inlines numbers, bigints and escaped strings, and declines other values", () => {
    expect(inlineParams("SELECT $a, $ab, $s", { a: 1.5, ab: 7n, s: "it's" })).toBe("SELECT 1.5, 7, 'it''s'");
    expect(inlineParams("SELECT $a", {})).toBeUndefined();
    expect(inlineParams("SELECT $a", { a: Number.NaN })).toBeUndefined();
    expect(inlineParams("SELECT $a", { a: true })).toBeUndefined();
  });
});
