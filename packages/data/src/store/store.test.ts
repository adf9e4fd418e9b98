import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Bars, emptyBars, QuantkitError, SimulatedClock, ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resample } from "../resample/resample.js";
import { appendColumns } from "./duck.js";
import { openStore, type Store } from "./store.js";

let dir: string;
let store: Store;
let n = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "qk-store-"));
  store = await openStore({
    root: join(dir, "root"),
    bundled: false,
    clock: new SimulatedClock(Date.UTC(2026, 0, 1)),
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2024, 0, 2, 14, 0);
/** Writes bars as CSV with shortest round-trip number text (`String(x)`), epoch-ms timestamps. */
function csv(rows: { ts: number; o: number; h: number; l: number; c: number; v: number }[]): string {
  const p = join(dir, `b${n++}.csv`);
  writeFileSync(
    p,
    `ts,open,high,low,close,volume\n${rows.map((r) => `${r.ts},${r.o},${r.h},${r.l},${r.c},${r.v}`).join("\n")}\n`,
  );
  return p;
}
function walk(count: number, seed: number, start = T0, step = 60_000) {
  let x = 100 + seed;
  return Array.from({ length: count }, (_, i) => {
    const o = x;
    x = Math.max(1, x + Math.sin(i * 1.3 + seed) * 0.7);
    const c = x;
    return {
      ts: start + i * step,
      o,
      h: Math.max(o, c) + 0.25,
      l: Math.min(o, c) - 0.25,
      c,
      v: (i * 37 + seed) % 500,
    };
  });
}
const toArr = (b: Bars) => ({
  ts: Array.from(b.ts),
  open: Array.from(b.open),
  high: Array.from(b.high),
  low: Array.from(b.low),
  close: Array.from(b.close),
  volume: Array.from(b.volume),
});

describe("Store", () => {
  it("CSV → store → getBars is bit-exact (property over random prices, volumes and 1-second timestamps)", async () => {
    const row = fc.record({
      o: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
      spread: fc.double({ min: 0, max: 1e3, noNaN: true }),
      c: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
      v: fc.double({ min: 0, max: 1e12, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 4e9 }),
        async (rows, sec) => {
          const symbol = `P${n++}`;
          const bars = rows.map((r, i) => ({
            ts: (sec + i) * 1000,
            o: r.o,
            h: Math.max(r.o, r.c) + r.spread,
            l: Math.min(r.o, r.c),
            c: r.c,
            v: r.v,
          }));
          const rep = await store.importCsv(csv(bars), { symbol, timeframe: "1s", tsUnit: "ms" });
          expect(rep.rejectedCount).toBe(0);
          const b = await store.getBars({ symbol, timeframe: "1s" });
          expect(toArr(b)).toEqual({
            ts: bars.map((r) => r.ts),
            open: bars.map((r) => r.o),
            high: bars.map((r) => r.h),
            low: bars.map((r) => r.l),
            close: bars.map((r) => r.c),
            volume: bars.map((r) => r.v),
          });
        },
      ),
      { numRuns: 6, seed: 42 },
    );
  });

  it("re-importing the same file is idempotent: every row unchanged, nothing duplicated", async () => {
    const p = csv(walk(3000, 1));
    const first = await store.importCsv(p, { symbol: "IDEM", timeframe: "1m" });
    expect([first.inserted, first.replaced, first.unchanged]).toEqual([3000, 0, 0]);
    const again = await store.importCsv(p, { symbol: "IDEM", timeframe: "1m" });
    expect([again.inserted, again.replaced, again.unchanged]).toEqual([0, 0, 3000]);
    const b = await store.getBars({ symbol: "IDEM", timeframe: "1m" });
    expect(b.length).toBe(3000);
    const cat = (await store.catalog()).find((e) => e.symbol === "IDEM")!;
    expect(cat.rows).toBe(3000);
    expect(cat.provenance.map((x) => x.unchanged)).toEqual([0, 3000]);
    expect(cat.provenance[0]!.sha256).toBe(createHash("sha256").update(readFileSync(p)).digest("hex"));
    expect(cat.provenance[0]!.importedAt).toBe("2026-01-01T00:00:00.000Z");
  });

  it("overlapping imports merge by timestamp, the later import winning, deterministically", async () => {
    const a = walk(100, 2);
    const b = walk(100, 3, T0 + 50 * 60_000);
    const pa = csv(a);
    const pb = csv(b);
    const ra = await store.importCsv(pa, { symbol: "OV1", timeframe: "1m" });
    const rb = await store.importCsv(pb, { symbol: "OV1", timeframe: "1m" });
    expect([ra.inserted, rb.inserted, rb.replaced, rb.unchanged]).toEqual([100, 50, 50, 0]);
    const got = await store.getBars({ symbol: "OV1", timeframe: "1m" });
    const want = [...a.slice(0, 50), ...b];
    expect(Array.from(got.ts)).toEqual(want.map((r) => r.ts));
    expect(Array.from(got.close)).toEqual(want.map((r) => r.c));
    // the other order: A wins on the overlap
    await store.importCsv(pb, { symbol: "OV2", timeframe: "1m" });
    await store.importCsv(pa, { symbol: "OV2", timeframe: "1m" });
    const got2 = await store.getBars({ symbol: "OV2", timeframe: "1m" });
    expect(Array.from(got2.close)).toEqual([...a, ...b.slice(50)].map((r) => r.c));
    // the same sequence in a fresh store gives byte-identical Parquet files
    const other = await openStore({ root: join(dir, "root2"), bundled: false });
    await other.importCsv(pa, { symbol: "OV1", timeframe: "1m" });
    await other.importCsv(pb, { symbol: "OV1", timeframe: "1m" });
    await other.close();
    const f = (root: string) =>
      readFileSync(join(root, "bars/timeframe=1m/symbol=OV1/year=2024/data.parquet"));
    expect(f(join(dir, "root2")).equals(f(store.root))).toBe(true);
  });

  it("getBars: start inclusive, end exclusive; ISO strings, Dates and epoch ms select the same bars", async () => {
    const iso = await store.getBars({
      symbol: "IDEM",
      timeframe: "1m",
      start: "2024-01-02T15:00:00Z",
      end: "2024-01-02 16:00",
    });
    const date = await store.getBars({
      symbol: "IDEM",
      timeframe: "1m",
      start: new Date(Date.UTC(2024, 0, 2, 15)),
      end: new Date(Date.UTC(2024, 0, 2, 16)),
    });
    const ms = await store.getBars({
      symbol: "IDEM",
      timeframe: "1m",
      start: Date.UTC(2024, 0, 2, 15),
      end: Date.UTC(2024, 0, 2, 16),
    });
    expect(iso.length).toBe(60);
    expect(iso.ts[0]).toBe(Date.UTC(2024, 0, 2, 15));
    expect(iso.ts[59]).toBe(Date.UTC(2024, 0, 2, 15, 59));
    expect(toArr(date)).toEqual(toArr(iso));
    expect(toArr(ms)).toEqual(toArr(iso));
  });

  it("getBars resamples 1m to 1h like a DuckDB GROUP BY over the same rows, leaving out the incomplete last hour", async () => {
    const r = await store.getBarsWithReport({ symbol: "IDEM", timeframe: "1h" });
    expect(r.source).toBe("1m");
    // 3000 minutes from 14:00 = 50 full hours; the last bucket is full too, so nothing is incomplete
    const oracle = await store.query(
      `SELECT epoch_ms(time_bucket(INTERVAL 1 hour, ts))::DOUBLE AS t, first(open ORDER BY ts) AS o, max(high) AS h,
              min(low) AS l, last(close ORDER BY ts) AS c, sum(volume) AS v
       FROM bars WHERE symbol = $sym AND timeframe = '1m' GROUP BY 1 ORDER BY 1`,
      { sym: "IDEM" },
    );
    expect(r.bars.length).toBe(oracle.length);
    oracle.forEach((o, i) => {
      expect([r.bars.ts[i], r.bars.open[i], r.bars.high[i], r.bars.low[i], r.bars.close[i]]).toEqual([
        o.t,
        o.o,
        o.h,
        o.l,
        o.c,
      ]);
      expect(r.bars.volume[i]).toBeCloseTo(o.v as number, 6);
    });
    const cut = await store.getBarsWithReport({
      symbol: "IDEM",
      timeframe: "1h",
      end: Date.UTC(2024, 0, 2, 16, 30),
    });
    expect(Array.from(cut.bars.ts)).toEqual([Date.UTC(2024, 0, 2, 14), Date.UTC(2024, 0, 2, 15)]);
    expect(cut.incomplete).toEqual({ ts: Date.UTC(2024, 0, 2, 16), included: false });
    const incl = await store.getBarsWithReport({
      symbol: "IDEM",
      timeframe: "1h",
      end: Date.UTC(2024, 0, 2, 16, 30),
      includeIncomplete: true,
    });
    expect(incl.bars.length).toBe(3);
    expect(incl.incomplete).toEqual({ ts: Date.UTC(2024, 0, 2, 16), included: true });
    // and equals resample() of the minute bars
    const m = await store.getBars({ symbol: "IDEM", timeframe: "1m" });
    expect(toArr(r.bars)).toEqual(toArr(resample(m, "1h")));
  });

  it("a symbol such as x'; DROP TABLE bars; -- is only a name: stored, listed, read and queried with bound parameters", async () => {
    const evil = "x'; DROP TABLE bars; --";
    await store.importCsv(csv(walk(10, 4)), { symbol: evil, timeframe: "1m" });
    const dirs = readdirSync(join(store.root, "bars", "timeframe=1m"));
    expect(dirs).toContain("symbol=x%27%3B%20DROP%20TABLE%20bars%3B%20--");
    expect((await store.getBars({ symbol: evil, timeframe: "1m" })).length).toBe(10);
    const rows = await store.query("SELECT count(*) AS n FROM bars WHERE symbol = $1", [evil]);
    expect(rows).toEqual([{ n: 10n }]);
    expect(await store.query("SELECT count(*) AS n FROM bars WHERE symbol = $s", { s: "x" })).toEqual([
      { n: 0n },
    ]);
    // the view still exists and holds every series
    const all = await store.query("SELECT count(DISTINCT symbol) AS k FROM bars", []);
    expect(Number(all[0]!.k)).toBeGreaterThan(3);
    expect((await store.catalog()).map((e) => e.symbol)).toContain(evil);
    await expect(store.getBars({ symbol: "..", timeframe: "1m" })).rejects.toThrow(ValidationError);
  });

  it("importParquet maps TIMESTAMP or epoch columns by name and stores the same bars as the CSV import", async () => {
    const rows = walk(500, 5);
    const p1 = join(dir, "t.parquet");
    const p2 = join(dir, "e.parquet");
    const inst = await DuckDBInstance.create(":memory:");
    const con = await inst.connect();
    // exact doubles in (SQL text literals would go through DuckDB's decimal parser)
    await con.run("CREATE TABLE x (ms DOUBLE, o DOUBLE, h DOUBLE, l DOUBLE, c DOUBLE, vol DOUBLE)");
    const col = (f: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, f);
    await appendColumns(con, "x", [
      col((r) => r.ts),
      col((r) => r.o),
      col((r) => r.h),
      col((r) => r.l),
      col((r) => r.c),
      col((r) => r.v),
    ]);
    await con.run(
      `COPY (SELECT make_timestamp((ms * 1000)::BIGINT) AS "Time", o AS "Open", h AS "High", l AS "Low", c AS "Close", vol AS "Volume" FROM x) TO '${p1}' (FORMAT parquet)`,
    );
    await con.run(
      `COPY (SELECT ms::BIGINT AS open_time, o AS open, h AS high, l AS low, c AS close, vol AS volume FROM x) TO '${p2}' (FORMAT parquet)`,
    );
    con.closeSync();
    inst.closeSync();
    const r1 = await store.importParquet(p1, { symbol: "PQ1", timeframe: "1m", columns: { ts: "Time" } });
    const r2 = await store.importParquet(p2, { symbol: "PQ2", timeframe: "1m" });
    await store.importCsv(csv(rows), { symbol: "PQ3", timeframe: "1m" });
    expect([r1.accepted, r2.accepted]).toEqual([500, 500]);
    const [a, b, c] = await Promise.all(
      ["PQ1", "PQ2", "PQ3"].map((symbol) => store.getBars({ symbol, timeframe: "1m" })),
    );
    expect(toArr(a!)).toEqual(toArr(c!));
    expect(toArr(b!)).toEqual(toArr(c!));
  });

  it("a stored file whose rows are out of time order is reported as corrupt, naming the row", async () => {
    const root = join(dir, "corrupt");
    const s = await openStore({ root, bundled: false });
    const b = emptyBars("COR", "1m", 5000);
    for (let i = 0; i < 5000; i++) {
      b.ts[i] = T0 + i * 60_000;
      b.open[i] = b.high[i] = b.low[i] = b.close[i] = 100 + (i % 7);
      b.volume[i] = 1;
    }
    expect((await s.importBars(b)).accepted).toBe(5000);
    await s.close();
    // swap rows 3000 and 3001 of the one Parquet file, behind the store's back
    const file = join(root, "bars/timeframe=1m/symbol=COR/year=2024/data.parquet");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const swapped = join(dir, "swapped.parquet");
    await con.run(
      `COPY (SELECT * EXCLUDE (r) FROM (SELECT *, row_number() OVER () - 1 AS r FROM read_parquet('${file}'))
        ORDER BY CASE r WHEN 3000 THEN 3001 WHEN 3001 THEN 3000 ELSE r END) TO '${swapped}' (FORMAT parquet)`,
    );
    con.closeSync();
    db.closeSync();
    writeFileSync(file, readFileSync(swapped));
    const again = await openStore({ root, bundled: false });
    await expect(again.getBars({ symbol: "COR", timeframe: "1m" })).rejects.toThrow(
      "Store corrupt: bars COR not in time order at row 3001",
    );
    await again.close();
  });

  it("importBars(bars) stores in-memory bars with the same checks, reporting rejected rows by 1-based row number", async () => {
    const b = emptyBars("MEM", "1m", 4);
    walk(4, 10).forEach((r, i) => {
      b.ts[i] = r.ts;
      b.open[i] = r.o;
      b.high[i] = r.h;
      b.low[i] = r.l;
      b.close[i] = r.c;
      b.volume[i] = r.v;
    });
    b.close[1] = Number.NaN;
    b.ts[3] += 1;
    const r = await store.importBars(b);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, "close: NaN"],
      [
        4,
        "ts: 2024-01-02T14:03:00.001Z is not the open of a 1m bar in UTC (nearest open 2024-01-02T14:03:00.000Z)",
      ],
    ]);
    expect(Array.from((await store.getBars({ symbol: "MEM", timeframe: "1m" })).ts)).toEqual([
      T0,
      T0 + 120_000,
    ]);
  });

  it("trades: µs survive, re-import is idempotent (unchanged), ties keep file order", async () => {
    const p = join(dir, "trades.csv");
    writeFileSync(
      p,
      "ts,price,size,side\n1582329602111123,9682,0.132,buy\n1582329602111123,9683,0.5,sell\n1582329602111124,9681.5,1,\n",
    );
    const r1 = await store.importTrades(p, { symbol: "TR", tsUnit: "us" });
    const r2 = await store.importTrades(p, { symbol: "TR", tsUnit: "us" });
    expect([r1.inserted, r2.inserted, r2.unchanged, r2.removed]).toEqual([3, 0, 3, 3]);
    const t = await store.getTrades({ symbol: "TR" });
    expect(Array.from(t.ts)).toEqual([1582329602111.123, 1582329602111.123, 1582329602111.124]);
    expect(Array.from(t.price)).toEqual([9682, 9683, 9681.5]);
    expect(Array.from(t.side)).toEqual([1, -1, 0]);
  });

  it("importTrades/importQuotes read Parquet files too, giving the same columns as the CSV", async () => {
    const csvPath = join(dir, "tq.csv");
    writeFileSync(
      csvPath,
      "timestamp,side,price,amount\n1582329602111123,buy,9682.5,0.25\n1582329602111200,sell,9682,1.5\n",
    );
    const pq = join(dir, "tq.parquet");
    const inst = await DuckDBInstance.create(":memory:");
    const con = await inst.connect();
    await con.run(
      `COPY (SELECT * FROM read_csv('${csvPath}', types = {'timestamp': 'BIGINT'})) TO '${pq}' (FORMAT parquet)`,
    );
    con.closeSync();
    inst.closeSync();
    await store.importTrades(csvPath, { symbol: "TQC", format: "tardis" });
    const r = await store.importTrades(pq, { symbol: "TQP", format: "tardis" });
    expect([r.format, r.accepted]).toEqual(["parquet", 2]);
    const [a, b] = await Promise.all([
      store.getTrades({ symbol: "TQC" }),
      store.getTrades({ symbol: "TQP" }),
    ]);
    expect([Array.from(b.ts), Array.from(b.price), Array.from(b.size), Array.from(b.side)]).toEqual([
      Array.from(a.ts),
      Array.from(a.price),
      Array.from(a.size),
      Array.from(a.side),
    ]);
    expect(b.ts[0]).toBe(1582329602111.123);
  });

  it("getPanel aligns symbols on the union of timestamps with NaN where one is missing", async () => {
    await store.importCsv(csv(walk(5, 6)), { symbol: "PA", timeframe: "1m" });
    await store.importCsv(csv(walk(5, 7, T0 + 2 * 60_000)), { symbol: "PB", timeframe: "1m" });
    const p = await store.getPanel({ symbols: ["PA", "PB"], timeframe: "1m" });
    expect(Array.from(p.ts)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => T0 + i * 60_000));
    const pb = p.bars[1]!;
    expect(Number.isNaN(pb.close[0]!)).toBe(true);
    expect(pb.close[2]).toBe(walk(5, 7)[0]!.c);
  });

  it("a second, read-only bundled root is readable without import and copy-on-write on import", async () => {
    const bundled = join(dir, "bundled");
    const b = await openStore({ root: bundled, bundled: false });
    await b.importCsv(csv(walk(10, 8)), { symbol: "BUN", timeframe: "1m" });
    await b.close();
    const bundledFile = join(bundled, "bars/timeframe=1m/symbol=BUN/year=2024/data.parquet");
    const before = readFileSync(bundledFile);
    const s = await openStore({ root: join(dir, "cow"), bundled });
    expect((await s.getBars({ symbol: "BUN", timeframe: "1m" })).length).toBe(10);
    const r = await s.importCsv(csv(walk(10, 9, T0 + 10 * 60_000)), { symbol: "BUN", timeframe: "1m" });
    expect(r.inserted).toBe(10);
    expect((await s.getBars({ symbol: "BUN", timeframe: "1m" })).length).toBe(20);
    expect((await s.catalog()).find((e) => e.symbol === "BUN")!.location).toBe("both");
    expect(readFileSync(bundledFile).equals(before)).toBe(true);
    await s.close();
  });

  it("QUANTKIT_HOME is the default root; errors name what is missing; a closed store refuses work", async () => {
    const home = join(dir, "home");
    process.env.QUANTKIT_HOME = home;
    try {
      const s = await openStore({ bundled: false });
      expect(s.root).toBe(home);
      expect(existsSync(home)).toBe(true);
      await expect(s.getBars({ symbol: "NOPE", timeframe: "1d" })).rejects.toThrow(
        'No 1d bars for symbol "NOPE" and none finer to resample from (stored timeframes: none)',
      );
      await expect(s.getBars({ symbol: "NOPE", timeframe: "7m" as "1m" })).rejects.toThrow(ValidationError);
      await s.close();
      await expect(s.getBars({ symbol: "NOPE", timeframe: "1d" })).rejects.toThrow(QuantkitError);
    } finally {
      delete process.env.QUANTKIT_HOME;
    }
  });
});
