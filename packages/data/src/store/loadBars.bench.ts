// Benchmark: load 5,000,000 one-minute bars (10 symbols × 500,000, seeded random walks) from the Parquet store into
// Float64Array columns (ts, OHLCV). Targets: ≤ 600 ms, ≤ 1.5× DuckDB's own scan of the same columns (measured in the
// same run), peak extra memory ≤ 2× the columns' size. Timed: repeated loads, as in a notebook; also shown: the same
// without the pool of freed result blocks, the portable path, and the first load of a fresh process. Each variant
// is measured in a fresh child process so the generation does not pollute its memory peak.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { listValue } from "@duckdb/node-api";
import { emptyBars, Rng } from "@quantkit/core";
import { printTable, size, timeMsAsync, tiny } from "@quantkit/core/bench";
import { nativeReader } from "./nativeReader.js";
import { openStore } from "./store.js";

const SYMBOLS = 10;
const PER = size(500_000, 2_000);
const T0 = Date.UTC(2023, 0, 2);

async function generate(root: string): Promise<void> {
  const store = await openStore({ root, bundled: false });
  for (let s = 0; s < SYMBOLS; s++) {
    const rng = new Rng(20260101, s);
    const b = emptyBars(`S${s}`, "1m", PER);
    let x = 100;
    for (let i = 0; i < PER; i++) {
      const o = x;
      x = Math.max(1, x * (1 + 0.0005 * rng.normal()));
      b.ts[i] = T0 + i * 60_000;
      b.open[i] = o;
      b.close[i] = x;
      b.high[i] = Math.max(o, x) * (1 + 0.0002 * Math.abs(rng.normal()));
      b.low[i] = Math.min(o, x) * (1 - 0.0002 * Math.abs(rng.normal()));
      b.volume[i] = Math.floor(1000 * rng.next());
    }
    const r = await store.importBars(b, { source: "loadBars.bench" });
    if (r.accepted !== PER) throw new Error(`generation rejected ${r.rejectedCount} rows`);
  }
  await store.close();
}

async function measure(root: string): Promise<void> {
  const store = await openStore({ root, bundled: false });
  const load = () =>
    Promise.all(
      Array.from({ length: SYMBOLS }, (_, s) => store.getBars({ symbol: `S${s}`, timeframe: "1m" })),
    );
  // memory first, in a fresh process: peak RSS during one load minus RSS before it
  await store.query("SELECT 1", []);
  const before = process.memoryUsage().rss;
  const f0 = performance.now();
  const bars = await load();
  const first = performance.now() - f0;
  const peak = process.resourceUsage().maxRSS * 1024;
  const rows = bars.reduce((a, b) => a + b.length, 0);
  const columnsBytes = rows * 6 * 8;
  // CPU time (all threads of the process) per call: a check on wall times taken on a busy shared machine
  const cpuOf = async (fn: () => Promise<unknown>, repeats: number): Promise<[number, number]> => {
    const c0 = process.cpuUsage();
    const ms = await timeMsAsync(fn, { repeats, warmup: 1 });
    const c = process.cpuUsage(c0);
    return [ms, (c.user + c.system) / 1000 / (tiny ? 1 : repeats + 1)];
  };
  const [ours, oursCpu] = await cpuOf(load, 7);
  const files = bars.map((_, s) => join(root, `bars/timeframe=1m/symbol=S${s}`));
  const { readdirSync } = await import("node:fs");
  const paths = files.flatMap((d) => readdirSync(d).map((y) => join(d, y, "data.parquet")));
  const scanSql = `SELECT sum(epoch_us(ts) / 1000.0), sum("open"), sum(high), sum(low), sum("close"), sum(volume) FROM read_parquet($files)`;
  const [duck, duckCpu] = await cpuOf(() => store.query(scanSql, { files: listValue(paths) }), 7);
  const ctasSql = `CREATE OR REPLACE TEMP TABLE qk_scan AS SELECT epoch_us(ts) / 1000.0 AS ts, "open", high, low, "close", volume FROM read_parquet($files)`;
  const [ctas, ctasCpu] = await cpuOf(() => store.query(ctasSql, { files: listValue(paths) }), 5);
  await store.close();
  console.log(
    JSON.stringify({ rows, first, ours, duck, ctas, oursCpu, duckCpu, ctasCpu, before, peak, columnsBytes }),
  );
}

/** A table row for one measured variant of the load, its ratios against the peers of its own run. */
function loadRow(name: string, r: Record<string, number>, target: string) {
  return {
    name,
    ms: r.ours!,
    ratio: r.ours! / r.duck!,
    "vs CTAS": r.ours! / r.ctas!,
    "CPU ms": r.oursCpu!,
    "CPU ratio": r.oursCpu! / r.duckCpu!,
    target,
  };
}

const self = fileURLToPath(import.meta.url);
const i = process.argv.indexOf("--measure");
if (i >= 0) {
  await measure(process.argv[i + 1]!);
} else {
  const root = mkdtempSync(join(tmpdir(), "qk-loadbars-"));
  try {
    const g0 = performance.now();
    await generate(root);
    const genMs = performance.now() - g0;
    const measureIn = (env: NodeJS.ProcessEnv) => {
      const child = spawnSync(process.execPath, [...process.execArgv, self, "--measure", root], {
        encoding: "utf8",
        env,
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`measure failed: ${child.stderr}`);
      return JSON.parse(child.stdout.trim().split("\n").pop()!) as Record<string, number>;
    };
    const m = measureIn(process.env);
    // the portable path (no native reader), measured the same way in its own process
    const js = measureIn({ ...process.env, QUANTKIT_NATIVE: "0" });
    // without the pool of freed result blocks: every load faults its 240 MB of fresh memory in again
    const noPool = measureIn({ ...process.env, QUANTKIT_POOL_MB: "0" });
    const MB = 1024 * 1024;
    const extra = m.peak! - m.before!;
    printTable(
      `Load ${m.rows!.toLocaleString("en-US")} 1m bars (10 symbols) from Parquet into Float64Array columns`,
      [
        loadRow(
          "quantkit store.getBars ×10 (concurrent)",
          m,
          `≤ 600 ms, ≤ 1.5× DuckDB scan (native reader: ${nativeReader() ? "built" : "NOT built"})`,
        ),
        loadRow(
          "quantkit store.getBars ×10, no block pool (QUANTKIT_POOL_MB=0)",
          noPool,
          "(fresh memory every load; ratio vs its own run's scan)",
        ),
        loadRow(
          "quantkit store.getBars ×10, bindings path only (QUANTKIT_NATIVE=0)",
          js,
          "(portable path, ratio vs its own run's scan)",
        ),
        {
          name: "DuckDB scan of the same columns (sum of each, no transfer)",
          ms: m.duck!,
          ratio: 1,
          "vs CTAS": m.duck! / m.ctas!,
          "CPU ms": m.duckCpu!,
          "CPU ratio": 1,
          target: "peer",
        },
        {
          name: "DuckDB scan into a temp table (CREATE TABLE AS: materialized)",
          ms: m.ctas!,
          ratio: m.ctas! / m.duck!,
          "vs CTAS": 1,
          "CPU ms": m.ctasCpu!,
          "CPU ratio": m.ctasCpu! / m.duckCpu!,
          target: "second peer",
        },
      ],
    );
    printTable("Peak memory while loading", [
      {
        name: "RSS peak − RSS before the load (first load, fresh process)",
        ms: m.first!,
        MB: extra / MB,
        "columns MB": m.columnsBytes! / MB,
        ratio: extra / m.columnsBytes!,
        target: "≤ 2× columns",
      },
    ]);
    console.log(
      `\n(generation + import of the seeded store: ${(genMs / 1000).toFixed(1)} s, not timed above)`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
