// Benchmark of the store's streaming commit (no feed, no network): what one group commit of the ingest pipeline costs.
// One commit = appendTrades(300 trades) + appendBars(the 1s bars they closed), then a poller's getBars of the newest
// 1s bar; measured per commit: wall time to "appended" and to "readable", and the process CPU time (all threads:
// DuckDB's too), which depends less on the machine's load than wall time.
// Peer (same run): the previous commit path's core, a DuckDB COPY of the same rows into one zstd Parquet part per
// series (appendColumns into a staging table + COPY … TO part.parquet + rename), without its per-append catalog
// rewrite (so the peer is, if anything, cheaper than what it stands for).
// Input: synthetic trades, 10 per second of data time.

import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { printTable, size } from "@quantkit/core/bench";
import { aggregateTicks } from "../ticks/aggregateTicks.js";
import { appendColumns, sqlString } from "./duck.js";
import { openStore } from "./store.js";

const commits = size(400, 20);
const per = 300;
const T0 = Date.UTC(2024, 5, 3);
const n = commits * per;
const ts = new Float64Array(n);
const price = new Float64Array(n);
const qty = new Float64Array(n);
const side = new Float64Array(n);
for (let i = 0; i < n; i++) {
  ts[i] = T0 + i * 100 + (i % 7) * 0.001; // µs fractions
  price[i] = 100 + Math.sin(i / 50) * 3 + (i % 13) * 0.01;
  qty[i] = 0.001 * (1 + (i % 17));
  side[i] = i % 3 === 0 ? -1 : 1;
}
const trades = { symbol: "BTCUSDT", length: n, ts, price, size: qty, side };
// the 1s bars closed by each commit (complete ones only, as the pipeline writes them)
const bars = aggregateTicks(trades, "1s");
const barAt = (from: number, to: number) => {
  let a = 0;
  while (a < bars.length && bars.ts[a]! + 1000 <= from) a++;
  let b = a;
  while (b < bars.length && bars.ts[b]! + 1000 <= to) b++;
  return [a, b] as const;
};
const slice = (k: number) => [k * per, (k + 1) * per] as const;

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;

async function measure(
  name: string,
  commit: (k: number) => Promise<void>,
  read: (k: number) => Promise<void>,
): Promise<{ name: string; ms: number } & Record<string, string | number>> {
  const appended: number[] = [];
  const readable: number[] = [];
  const warm = Math.min(5, commits - 1);
  let user = 0;
  let sys = 0;
  for (let k = 0; k < commits; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await commit(k);
    const t1 = performance.now();
    await read(k);
    const t2 = performance.now();
    const c = process.cpuUsage(c0);
    if (k < warm) continue;
    appended.push(t1 - t0);
    readable.push(t2 - t0);
    user += c.user / 1000;
    sys += c.system / 1000;
  }
  appended.sort((a, b) => a - b);
  readable.sort((a, b) => a - b);
  const m = appended.length;
  return {
    name,
    ms: readable.reduce((a, b) => a + b, 0),
    commits: m,
    "appended p50 ms": pct(appended, 0.5),
    "appended p99 ms": pct(appended, 0.99),
    "readable p50 ms": pct(readable, 0.5),
    "readable p99 ms": pct(readable, 0.99),
    "cpu ms / commit": (user + sys) / m,
    "of which kernel": sys / m,
  };
}

const root = mkdtempSync(join(tmpdir(), "qk-append-bench-"));
try {
  // quantkit: write-ahead log hot tier
  const store = await openStore({ root: join(root, "store"), bundled: false });
  let lastBar = Number.NaN;
  const ours = await measure(
    "quantkit store.appendTrades + appendBars (write-ahead log, fsync) → getBars",
    async (k) => {
      const [i, j] = slice(k);
      await store.appendTrades({
        symbol: "BTCUSDT",
        length: j - i,
        ts: ts.subarray(i, j),
        price: price.subarray(i, j),
        size: qty.subarray(i, j),
        side: side.subarray(i, j),
      });
      const [a, b] = barAt(k === 0 ? Number.NEGATIVE_INFINITY : ts[i - 1]!, ts[j - 1]!);
      if (b > a) {
        await store.appendBars({
          symbol: "BTCUSDT",
          timeframe: "1s",
          length: b - a,
          ts: bars.ts.subarray(a, b),
          open: bars.open.subarray(a, b),
          high: bars.high.subarray(a, b),
          low: bars.low.subarray(a, b),
          close: bars.close.subarray(a, b),
          volume: bars.volume.subarray(a, b),
        });
        lastBar = bars.ts[b - 1]!;
      }
    },
    async () => {
      const got = await store.getBars({ symbol: "BTCUSDT", timeframe: "1s", start: lastBar });
      if (got.ts[got.length - 1] !== lastBar) throw new Error("newest bar not readable");
    },
  );
  await store.close();

  // peer: one Parquet part per series and commit (the previous path), read back by DuckDB
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const reader = await db.connect();
  await con.run("CREATE TEMP TABLE st (ts DOUBLE, price DOUBLE, size DOUBLE, side DOUBLE)");
  await con.run(
    'CREATE TEMP TABLE sb (ts DOUBLE, "open" DOUBLE, high DOUBLE, low DOUBLE, "close" DOUBLE, volume DOUBLE)',
  );
  const tdir = join(root, "peer", "trades");
  const bdir = join(root, "peer", "bars");
  mkdirSync(tdir, { recursive: true });
  mkdirSync(bdir, { recursive: true });
  const part = async (table: string, cols: string, dir: string, k: number, data: Float64Array[]) => {
    await appendColumns(con, table, data);
    const tmp = join(dir, `.part-${k}.tmp`);
    await con.run(
      `COPY (SELECT make_timestamp(round(ts * 1000)::BIGINT) AS ts, ${cols} FROM ${table}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd); DELETE FROM ${table}`,
    );
    renameSync(tmp, join(dir, `part-${k}.parquet`));
  };
  let lastPart = "";
  const peer = await measure(
    "peer: DuckDB COPY of the same rows to one Parquet part per series → read_parquet",
    async (k) => {
      const [i, j] = slice(k);
      await part("st", "price, size, side", tdir, k, [
        ts.subarray(i, j),
        price.subarray(i, j),
        qty.subarray(i, j),
        side.subarray(i, j),
      ]);
      const [a, b] = barAt(k === 0 ? Number.NEGATIVE_INFINITY : ts[i - 1]!, ts[j - 1]!);
      if (b > a) {
        await part("sb", '"open", high, low, "close", volume', bdir, k, [
          bars.ts.subarray(a, b),
          bars.open.subarray(a, b),
          bars.high.subarray(a, b),
          bars.low.subarray(a, b),
          bars.close.subarray(a, b),
          bars.volume.subarray(a, b),
        ]);
        lastPart = join(bdir, `part-${k}.parquet`);
      }
    },
    async () => {
      const r = await reader.runAndReadAll(
        `SELECT epoch_us(max(ts)) / 1000.0 AS m FROM read_parquet(${sqlString(lastPart)})`,
      );
      if (!(Number(r.getRowObjectsJS()[0]!.m) > 0)) throw new Error("peer: part not readable");
    },
  );
  con.closeSync();
  reader.closeSync();
  db.closeSync();
  const rows = [ours, peer].map((r) => ({
    ...r,
    "× peer (readable p99)": (r["readable p99 ms"] as number) / (peer["readable p99 ms"] as number),
    "× peer (cpu)": (r["cpu ms / commit"] as number) / (peer["cpu ms / commit"] as number),
  }));
  printTable(
    `store commit (${per} trades + the 1s bars they close) → newest bar readable, ${commits} commits (load average ${loadavg()[0]!.toFixed(1)})`,
    rows,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
