import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Bars, SimulatedClock, type TradeColumns } from "@quantkit/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseName, listPartition, logName, partName } from "./partition.js";
import { openStore, type Store } from "./store.js";

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qk-part-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fresh(
  opts: { compactAfterParts?: number; logMaxRows?: number; bundled?: string; root?: string } = {},
): Promise<Store> {
  return openStore({
    root: opts.root ?? join(dir, `s${n++}`),
    bundled: opts.bundled ?? false,
    clock: new SimulatedClock(Date.UTC(2026, 0, 1)),
    ...(opts.compactAfterParts ? { compactAfterParts: opts.compactAfterParts } : {}),
    ...(opts.logMaxRows ? { logMaxRows: opts.logMaxRows } : {}),
  });
}

const T0 = Date.UTC(2024, 11, 31, 23, 50); // batches cross into 2025: two year partitions

function bars(symbol: string, ts: number[], seed: number): Bars {
  const k = ts.length;
  const b = {
    symbol,
    timeframe: "1m" as const,
    length: k,
    ts: Float64Array.from(ts),
    open: new Float64Array(k),
    high: new Float64Array(k),
    low: new Float64Array(k),
    close: new Float64Array(k),
    volume: new Float64Array(k),
  };
  for (let i = 0; i < k; i++) {
    const o = 100 + ((ts[i]! / 60_000 + seed) % 17);
    const c = o + ((seed % 5) - 2) * 0.25;
    b.open[i] = o;
    b.close[i] = c;
    b.high[i] = Math.max(o, c) + 0.5;
    b.low[i] = Math.min(o, c) - 0.5;
    b.volume[i] = seed * 10 + i;
  }
  return b;
}

function trades(symbol: string, ts: number[], seed: number): TradeColumns {
  const k = ts.length;
  return {
    symbol,
    length: k,
    ts: Float64Array.from(ts),
    price: Float64Array.from(ts, (_, i) => 100 + seed + i * 0.5),
    size: Float64Array.from(ts, (_, i) => (seed + i) % 7),
    side: Float64Array.from(ts, (_, i) => ((seed + i) % 3) - 1),
  };
}

const plain = (x: Bars | TradeColumns) =>
  Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v instanceof Float64Array ? Array.from(v) : v]));

describe("append-only partitions", () => {
  it("listPartition: newest base + later parts and logs in sequence order; superseded files and temp files are left out", () => {
    const d = join(dir, "list", "year=2024");
    mkdirSync(d, { recursive: true });
    for (const f of [
      "data.parquet",
      partName(1),
      logName(2), // inside the base
      partName(2),
      baseName(2),
      partName(3),
      logName(3), // its part exists: the part holds it
      logName(4),
      partName(10),
      logName(12),
      `.${partName(11)}.tmp4`,
    ])
      writeFileSync(join(d, f), "");
    const l = listPartition(d)!;
    expect(l.files.map((f) => f.slice(d.length + 1))).toEqual([
      baseName(2),
      partName(3),
      logName(4),
      partName(10),
      logName(12),
    ]);
    expect(l.parts).toBe(2);
    expect(l.logs).toBe(2);
    expect(l.maxSeq).toBe(12);
    expect(l.obsolete.map((f) => f.slice(d.length + 1)).sort()).toEqual(
      ["data.parquet", partName(1), partName(2), logName(2), logName(3)].sort(),
    );
    expect(listPartition(join(dir, "nope"))).toBeNull();
  });

  it("appends + compactions give exactly what the same imports give through the full merge (property: trades range-replace, bars last-wins, overlaps, corrections)", async () => {
    const op = fc.record({
      kind: fc.constantFrom("trades", "bars"),
      // offset from the current tail in minutes: ≤ 0 overlaps stored rows (slow path), > 0 is a pure append
      back: fc.integer({ min: -3, max: 4 }),
      len: fc.integer({ min: 1, max: 6 }),
      ties: fc.boolean(),
      compact: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        // small logs: sealing, log → part compaction and part merges interleave with the slow path
        const a = await fresh({ compactAfterParts: 3, logMaxRows: 4 });
        const b = await fresh();
        try {
          let tailT = T0;
          let tailB = T0;
          let seed = 0;
          for (const o of ops) {
            seed++;
            if (o.kind === "trades") {
              const start = tailT + o.back * 60_000;
              const ts = Array.from(
                { length: o.len },
                (_, i) => start + (o.ties ? Math.floor(i / 2) : i) * 30_000,
              );
              const t = trades("X", ts, seed);
              const path = join(dir, `t${n++}.csv`);
              writeFileSync(
                path,
                `ts,price,size,side\n${ts.map((x, i) => `${x},${t.price[i]},${t.size[i]},${t.side[i]}`).join("\n")}\n`,
              );
              await a.appendTrades(t);
              await b.importTrades(path, { symbol: "X", tsUnit: "ms" });
              tailT = Math.max(tailT, ts[ts.length - 1]!);
            } else {
              const start = tailB + o.back * 60_000;
              const ts = Array.from({ length: o.len }, (_, i) => start + i * 60_000);
              const x = bars("X", ts, seed);
              await a.appendBars(x);
              await b.importBars(x);
              tailB = Math.max(tailB, ts[ts.length - 1]!);
            }
            if (o.compact) await a.compact();
            // readers see a consistent set after every operation
            expect(plain(await a.getTrades({ symbol: "X" }).catch(() => emptyTrades()))).toEqual(
              plain(await b.getTrades({ symbol: "X" }).catch(() => emptyTrades())),
            );
          }
          await a.flushCompactions();
          if (ops.some((o) => o.kind === "bars"))
            expect(plain(await a.getBars({ symbol: "X", timeframe: "1m" }))).toEqual(
              plain(await b.getBars({ symbol: "X", timeframe: "1m" })),
            );
          await a.compact();
          expect(plain(await a.getTrades({ symbol: "X" }))).toEqual(
            plain(await b.getTrades({ symbol: "X" })),
          );
          // after a full compaction every partition is one file
          for (const sub of ["trades/symbol=X", "bars/timeframe=1m/symbol=X"]) {
            const td = join(a.root, sub);
            if (!existsSync(td)) continue;
            for (const y of readdirSync(td)) expect(listPartition(join(td, y))!.files).toHaveLength(1);
          }
        } finally {
          await a.close();
          await b.close();
        }
      }),
      { numRuns: 12, seed: 20261125 },
    );
  }, 120_000);

  it("streaming appends go to the partition's write-ahead log (no Parquet write), keep one catalog record per (series, source), and compaction is idempotent", async () => {
    const s = await fresh({ compactAfterParts: 1000 });
    try {
      for (let i = 0; i < 20; i++) {
        const r = await s.appendTrades(trades("Y", [T0 + i * 1000, T0 + i * 1000 + 500], i), {
          source: "feed",
        });
        expect(r.inserted).toBe(2);
        await s.appendBars(bars("Y", [T0 + i * 60_000], i), { source: "feed" });
      }
      const pdir = join(s.root, "trades", "symbol=Y", "year=2024");
      expect(readdirSync(pdir)).toEqual([logName(1)]); // 20 appends, one log, no Parquet file
      expect(listPartition(pdir)).toMatchObject({ parts: 0, logs: 1 });
      const cat = await s.catalog();
      const tr = cat.find((e) => e.kind === "trades" && e.symbol === "Y")!;
      expect(tr.rows).toBe(40);
      expect(tr.provenance).toHaveLength(1);
      expect(tr.provenance[0]).toMatchObject({ source: "feed", format: "append", appends: 20, accepted: 40 });
      const before = plain(await s.getTrades({ symbol: "Y" }));
      expect(await s.compact()).toEqual({ partitions: 3, parts: 3 }); // one log each: trades 2024, bars 2024 and 2025
      expect(readdirSync(pdir)).toEqual([baseName(1)]);
      expect(plain(await s.getTrades({ symbol: "Y" }))).toEqual(before);
      const bytes = readFileSync(join(pdir, baseName(1)));
      expect(await s.compact()).toEqual({ partitions: 0, parts: 0 });
      expect(readFileSync(join(pdir, baseName(1))).equals(bytes)).toBe(true);
      // a rejected row is reported by row number, never stored
      const bad = trades("Y", [T0 + 50_000, T0 + 50_001], 1);
      bad.price[1] = -1;
      const r = await s.appendTrades(bad);
      expect(r.accepted).toBe(1);
      expect(r.rejected[0]).toMatchObject({ line: 2 });
    } finally {
      await s.close();
    }
  });

  it("a crash between publishing a compacted file and deleting its parts or logs (or during a part write) leaves a consistent store", async () => {
    const s = await fresh({ compactAfterParts: 1000, logMaxRows: 2 });
    const pdir = join(s.root, "trades", "symbol=Z", "year=2024");
    for (let i = 0; i < 5; i++) await s.appendTrades(trades("Z", [T0 + i * 1000], i));
    await s.flushCompactions(); // logs 1 and 2 (sealed at 2 rows) became parts 1 and 2; log 3 is open
    expect(readdirSync(pdir).sort()).toEqual([partName(1), partName(2), logName(3)].sort());
    const expected = plain(await s.getTrades({ symbol: "Z" }));
    expect(expected.length).toBe(5);
    const saved = join(dir, `saved${n++}`);
    mkdirSync(saved);
    for (const f of readdirSync(pdir)) copyFileSync(join(pdir, f), join(saved, f));
    // the log a part was made of, as if killed between the part's rename and the log's deletion
    await s.appendTrades(trades("Z", [T0 + 5000], 5));
    await s.appendTrades(trades("Z", [T0 + 6000], 6));
    await s.flushCompactions();
    expect(readdirSync(pdir)).toContain(partName(3));
    copyFileSync(join(saved, logName(3)), join(pdir, logName(3)));
    expect((await s.getTrades({ symbol: "Z" })).length).toBe(7);
    await s.compact();
    // put the superseded parts and logs back, as if killed right after the rename, plus a half-written temp part
    for (const f of readdirSync(saved)) copyFileSync(join(saved, f), join(pdir, f));
    writeFileSync(join(pdir, `.${partName(9)}.tmp9`), "PAR1 truncated");
    const all = plain(await s.getTrades({ symbol: "Z" }));
    expect(all.ts).toEqual([...expected.ts, T0 + 5000, T0 + 6000]);
    expect((await s.query("SELECT count(*)::INTEGER AS n FROM trades WHERE symbol = $1", ["Z"]))[0]).toEqual({
      n: 7,
    });
    await s.appendTrades(trades("Z", [T0 + 9000], 9));
    expect((await s.getTrades({ symbol: "Z" })).length).toBe(8);
    await s.compact();
    const files = readdirSync(pdir).filter((f) => !f.startsWith("."));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^data-\d+\.parquet$/);
    expect((await s.getTrades({ symbol: "Z" })).length).toBe(8);
    await s.close();
  });

  it("a log torn by a crash in the middle of a record: readers and compaction keep every whole record and never the torn one; the next run appends to a new log", async () => {
    const root = join(dir, `torn${n++}`);
    const a = await fresh({ root });
    for (let i = 0; i < 3; i++) await a.appendTrades(trades("T", [T0 + i * 1000, T0 + i * 1000 + 1], i));
    const whole = plain(await a.getTrades({ symbol: "T" }));
    await a.close();
    const pdir = join(root, "trades", "symbol=T", "year=2024");
    const log = join(pdir, logName(1));
    const bytes = readFileSync(log);
    // a 4th record cut short, then the same record complete but with one payload byte flipped (bad checksum)
    const b = await fresh({ root: join(dir, `torn${n++}`) });
    await b.appendTrades(trades("T", [T0 + 9000], 9));
    await b.close();
    const rec = readFileSync(join(b.root, "trades", "symbol=T", "year=2024", logName(1)));
    for (const tail of [rec.subarray(0, rec.length - 3), Buffer.from(rec).fill(7, 20, 21)]) {
      writeFileSync(log, Buffer.concat([bytes, tail]));
      const r = await fresh({ root });
      try {
        expect(plain(await r.getTrades({ symbol: "T" }))).toEqual(whole);
        await r.appendTrades(trades("T", [T0 + 5000], 5)); // a new log: never behind the torn bytes
        expect(readdirSync(pdir)).toContain(logName(2)); // (the old log may already be a part)
        expect((await r.getTrades({ symbol: "T" })).length).toBe(7);
        await r.flushCompactions(); // the old log became a part (its whole records only)
        expect(readdirSync(pdir).sort()).toEqual([partName(1), logName(2)].sort());
        expect(Array.from((await r.getTrades({ symbol: "T" })).ts)).toEqual([...whole.ts, T0 + 5000]);
      } finally {
        await r.close();
      }
      rmSync(join(pdir, partName(1)));
      rmSync(join(pdir, logName(2)));
    }
  });

  it("a second store on the same root (another process) reads the writer's log incrementally, up to its last whole record", async () => {
    const w = await fresh();
    const r = await fresh({ root: w.root });
    try {
      const all: number[] = [];
      for (let i = 0; i < 30; i++) {
        const ts = [T0 + i * 1000, T0 + i * 1000 + 0.5];
        await w.appendTrades(trades("R", ts, i));
        all.push(...ts);
        if (i % 7 === 0) {
          expect(plain(await r.getTrades({ symbol: "R" }))).toEqual(
            plain(await w.getTrades({ symbol: "R" })),
          );
          expect(Array.from((await r.getTrades({ symbol: "R", start: T0 + i * 1000 })).ts)).toEqual(ts);
        }
      }
      // a record in flight (its bytes partly written) is not visible yet
      const log = join(w.root, "trades", "symbol=R", "year=2024", logName(1));
      writeFileSync(log, Buffer.from([0x51, 0x4b, 0x4c, 0x31, 5, 0, 0, 0]), { flag: "a" });
      expect(Array.from((await r.getTrades({ symbol: "R" })).ts)).toEqual(all);
    } finally {
      await w.close();
      await r.close();
    }
  });

  it("rows read from a log are bit-identical to the same rows after compaction and to an import (µs rounding, range bounds), and SQL and the catalog see them (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        async (steps, bound) => {
          // strictly increasing ts with sub-µs fractions (steps in 1/1000 µs)
          const ts: number[] = [];
          let t = T0;
          for (const d of steps) {
            t += 0.001 + d / 1e6;
            ts.push(t);
          }
          const x = trades("M", ts, 3);
          const a = await fresh();
          const b = await fresh();
          try {
            await a.appendTrades({
              ...x,
              length: 1,
              ts: x.ts.subarray(0, 1),
              price: x.price.subarray(0, 1),
              size: x.size.subarray(0, 1),
              side: x.side.subarray(0, 1),
            });
            if (ts.length > 1)
              await a.appendTrades({
                ...x,
                length: ts.length - 1,
                ts: x.ts.subarray(1),
                price: x.price.subarray(1),
                size: x.size.subarray(1),
                side: x.side.subarray(1),
              });
            const path = join(dir, `m${n++}.csv`);
            writeFileSync(
              path,
              `ts,price,size,side\n${ts.map((v, i) => `${v},${x.price[i]},${x.size[i]},${x.side[i]}`).join("\n")}\n`,
            );
            await b.importTrades(path, { symbol: "M", tsUnit: "ms" });
            const start = T0 + bound / 1e3;
            const fromLog = plain(await a.getTrades({ symbol: "M" }));
            const rangeLog = plain(await a.getTrades({ symbol: "M", start, end: start + 1 }));
            const sql = await a.query("SELECT count(*)::INTEGER AS n, sum(price) AS p FROM trades");
            const cat = (await a.catalog())[0]!;
            expect(cat).toMatchObject({
              rows: ts.length,
              start: fromLog.ts[0],
              end: fromLog.ts[ts.length - 1],
            });
            await a.compact();
            expect(readdirSync(join(a.root, "trades", "symbol=M", "year=2024"))).toEqual([baseName(1)]);
            expect(fromLog).toEqual(plain(await a.getTrades({ symbol: "M" })));
            expect(fromLog).toEqual(plain(await b.getTrades({ symbol: "M" })));
            expect(rangeLog).toEqual(plain(await a.getTrades({ symbol: "M", start, end: start + 1 })));
            expect(await a.query("SELECT count(*)::INTEGER AS n, sum(price) AS p FROM trades")).toEqual(sql);
          } finally {
            await a.close();
            await b.close();
          }
        },
      ),
      { numRuns: 10, seed: 20261126 },
    );
  }, 60_000);

  it("background compaction under concurrent readers: every read is a consistent prefix of the appended rows", async () => {
    const s = await fresh({ compactAfterParts: 4, logMaxRows: 6 });
    try {
      const all: number[] = [];
      let done = false;
      let reads = 0;
      const reader = (async () => {
        while (!done) {
          const t = await s.getTrades({ symbol: "W" });
          expect(Array.from(t.ts)).toEqual(all.slice(0, t.length));
          reads++;
          await new Promise((r) => setImmediate(r)); // an empty series reads without I/O: let the writer run
        }
      })();
      for (let i = 0; i < 60; i++) {
        const ts = [T0 + i * 1000, T0 + i * 1000 + 1, T0 + i * 1000 + 1];
        all.push(...ts); // readable once written to the log, acknowledged once fsynced
        await s.appendTrades(trades("W", ts, i));
        await new Promise((r) => setTimeout(r, 1)); // a log append does no I/O wait: let the reader run
      }
      done = true;
      await reader;
      await s.flushCompactions();
      expect(reads).toBeGreaterThan(5);
      expect(Array.from((await s.getTrades({ symbol: "W" })).ts)).toEqual(all);
      expect(listPartition(join(s.root, "trades", "symbol=W", "year=2024"))!.parts).toBeLessThan(8);
    } finally {
      await s.close();
    }
  });

  it("appending to a year that lives only in the bundled root copies it on write (full merge), never hiding it", async () => {
    const bundled = await fresh();
    await bundled.importBars(bars("B", [T0, T0 + 60_000], 1));
    await bundled.close();
    const s = await fresh({ bundled: bundled.root });
    try {
      await s.appendBars(bars("B", [T0 + 120_000], 2));
      expect(Array.from((await s.getBars({ symbol: "B", timeframe: "1m" })).ts)).toEqual([
        T0,
        T0 + 60_000,
        T0 + 120_000,
      ]);
      await s.appendBars(bars("B", [T0 + 180_000], 3)); // now the root owns the year: its log
      expect(listPartition(join(s.root, "bars", "timeframe=1m", "symbol=B", "year=2024"))!.logs).toBe(1);
      expect((await s.getBars({ symbol: "B", timeframe: "1m" })).length).toBe(4);
    } finally {
      await s.close();
    }
  });

  it("SIGKILL while appending to the log: after restart each batch is stored entirely or not at all, in order, once", async () => {
    await killAndCheck(65_536, [150, 400]);
  }, 60_000);

  it("SIGKILL while logs are compacted into parts and parts merged (a log sealed every batch): after restart each batch is stored entirely or not at all, in order, once", async () => {
    await killAndCheck(10, [150, 500]);
  }, 90_000);
});

/**
 * Runs appendWorker.testutil.ts on one root, SIGKILLs it after each delay, and checks the store after each restart:
 * whole batches only, in order, each once, every acknowledged batch present, and the same after a full compaction.
 */
async function killAndCheck(logMaxRows: number, delays: number[]): Promise<void> {
  {
    const root = join(dir, `kill${n++}`);
    const worker = fileURLToPath(new URL("./appendWorker.testutil.ts", import.meta.url));
    for (const killAfterMs of delays) {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=@quantkit/source", worker, root, String(logMaxRows)],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout.on("data", (d) => {
        out += String(d);
      });
      const exited = new Promise<NodeJS.Signals | null>((r) => child.once("exit", (_c, sig) => r(sig)));
      let err = "";
      child.stderr.on("data", (d) => {
        err += String(d);
      });
      while (!out.includes("batch")) {
        if (child.exitCode !== null) throw new Error(`worker exited: ${err}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, killAfterMs));
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      const s = await openStore({ root, bundled: false });
      try {
        const t = await s.getTrades({ symbol: "K" });
        // batch b = 10 trades at T0 + b s + k ms (k = 0…9, ties at k = 4, 5)
        expect(t.length % 10).toBe(0);
        const batches = t.length / 10;
        expect(batches).toBeGreaterThan(0);
        const want = Array.from({ length: t.length }, (_, i) => workerTs(Math.floor(i / 10), i % 10));
        expect(Array.from(t.ts)).toEqual(want);
        const acked = out.split("\n").filter((l) => l.startsWith("batch")).length;
        expect(batches).toBeGreaterThanOrEqual(acked); // every acknowledged batch survived
        await s.compact();
        expect(Array.from((await s.getTrades({ symbol: "K" })).ts)).toEqual(want);
      } finally {
        await s.close();
      }
    }
  }
}

/** Timestamp of trade k of batch b written by appendWorker.testutil.ts. */
function workerTs(b: number, k: number): number {
  return T0 + b * 1000 + (k === 5 ? 4 : k);
}

function emptyTrades(): TradeColumns {
  const e = new Float64Array(0);
  return { symbol: "X", length: 0, ts: e, price: e, size: e, side: e };
}
