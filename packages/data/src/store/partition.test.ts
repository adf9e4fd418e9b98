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
import { baseName, listPartition, partName } from "./partition.js";
import { openStore, type Store } from "./store.js";

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qk-part-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fresh(opts: { compactAfterParts?: number; bundled?: string } = {}): Promise<Store> {
  return openStore({
    root: join(dir, `s${n++}`),
    bundled: opts.bundled ?? false,
    clock: new SimulatedClock(Date.UTC(2026, 0, 1)),
    ...(opts.compactAfterParts ? { compactAfterParts: opts.compactAfterParts } : {}),
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
  it("listPartition: newest base + later parts in sequence order; superseded files and temp files are left out", () => {
    const d = join(dir, "list", "year=2024");
    mkdirSync(d, { recursive: true });
    for (const f of [
      "data.parquet",
      partName(1),
      partName(2),
      baseName(2),
      partName(3),
      partName(10),
      `.${partName(11)}.tmp4`,
    ])
      writeFileSync(join(d, f), "");
    const l = listPartition(d)!;
    expect(l.files.map((f) => f.slice(d.length + 1))).toEqual([baseName(2), partName(3), partName(10)]);
    expect(l.parts).toBe(2);
    expect(l.maxSeq).toBe(10);
    expect(l.obsolete.map((f) => f.slice(d.length + 1)).sort()).toEqual(
      ["data.parquet", partName(1), partName(2)].sort(),
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
        const a = await fresh({ compactAfterParts: 3 });
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

  it("streaming appends write parts (no year-file rewrite), keep one catalog record per (series, source), and compaction is idempotent", async () => {
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
      expect(listPartition(pdir)!.parts).toBe(20);
      expect(readdirSync(pdir).filter((f) => f.startsWith("data"))).toEqual([]);
      const cat = await s.catalog();
      const tr = cat.find((e) => e.kind === "trades" && e.symbol === "Y")!;
      expect(tr.rows).toBe(40);
      expect(tr.provenance).toHaveLength(1);
      expect(tr.provenance[0]).toMatchObject({ source: "feed", format: "append", appends: 20, accepted: 40 });
      const before = plain(await s.getTrades({ symbol: "Y" }));
      expect(await s.compact()).toEqual({ partitions: 3, parts: 40 }); // trades 2024 + bars 2024 and 2025
      expect(readdirSync(pdir)).toEqual([baseName(20)]);
      expect(plain(await s.getTrades({ symbol: "Y" }))).toEqual(before);
      const bytes = readFileSync(join(pdir, baseName(20)));
      expect(await s.compact()).toEqual({ partitions: 0, parts: 0 });
      expect(readFileSync(join(pdir, baseName(20))).equals(bytes)).toBe(true);
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

  it("a crash between publishing a compacted file and deleting its parts (or during a part write) leaves a consistent store", async () => {
    const s = await fresh({ compactAfterParts: 1000 });
    const pdir = join(s.root, "trades", "symbol=Z", "year=2024");
    for (let i = 0; i < 5; i++) await s.appendTrades(trades("Z", [T0 + i * 1000], i));
    const expected = plain(await s.getTrades({ symbol: "Z" }));
    const saved = join(dir, `saved${n++}`);
    mkdirSync(saved);
    for (const f of readdirSync(pdir)) copyFileSync(join(pdir, f), join(saved, f));
    await s.compact();
    // put the superseded parts back, as if killed right after the rename, plus a half-written temp part
    for (const f of readdirSync(saved)) copyFileSync(join(saved, f), join(pdir, f));
    writeFileSync(join(pdir, `.${partName(6)}.tmp9`), "PAR1 truncated");
    expect(plain(await s.getTrades({ symbol: "Z" }))).toEqual(expected);
    expect((await s.query("SELECT count(*)::INTEGER AS n FROM trades WHERE symbol = $1", ["Z"]))[0]).toEqual({
      n: 5,
    });
    await s.appendTrades(trades("Z", [T0 + 9000], 9));
    expect((await s.getTrades({ symbol: "Z" })).length).toBe(6);
    await s.compact();
    expect(readdirSync(pdir).filter((f) => !f.startsWith("."))).toEqual([baseName(6)]);
    await s.close();
  });

  it("background compaction under concurrent readers: every read is a consistent prefix of the appended rows", async () => {
    const s = await fresh({ compactAfterParts: 4 });
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
        await s.appendTrades(trades("W", ts, i));
        all.push(...ts);
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
      await s.appendBars(bars("B", [T0 + 180_000], 3)); // now the root owns the year: a part
      expect(listPartition(join(s.root, "bars", "timeframe=1m", "symbol=B", "year=2024"))!.parts).toBe(1);
      expect((await s.getBars({ symbol: "B", timeframe: "1m" })).length).toBe(4);
    } finally {
      await s.close();
    }
  });

  it("SIGKILL while appending and compacting: after restart each batch is stored entirely or not at all, in order, once", async () => {
    const root = join(dir, `kill${n++}`);
    const worker = fileURLToPath(new URL("./appendWorker.testutil.ts", import.meta.url));
    for (const killAfterMs of [150, 400]) {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=@quantkit/source", worker, root],
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
        expect((await s.getTrades({ symbol: "K" })).length).toBe(t.length);
      } finally {
        await s.close();
      }
    }
  }, 60_000);
});

/** Timestamp of trade k of batch b written by appendWorker.testutil.ts. */
function workerTs(b: number, k: number): number {
  return T0 + b * 1000 + (k === 5 ? 4 : k);
}

function emptyTrades(): TradeColumns {
  const e = new Float64Array(0);
  return { symbol: "X", length: 0, ts: e, price: e, size: e, side: e };
}
