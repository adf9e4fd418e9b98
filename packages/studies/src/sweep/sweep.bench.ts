/**
 * Sweep benchmarks (`npm run bench`): a 1,000-combination SMA-crossover sweep on 1,000,000 one-minute bars through
 * the vectorized fast path on 2 workers (target ≤ 30 s) and on 1 worker (scaling, target ≥ 1.8×, with the CPU-time
 * ratio, which the machine's load distorts less), in alternating pairs (verdict: the median pair; peer: a compute-only
 * loop on 1 vs 2 threads, the machine's own ceiling); then the
 * fused single-pass kernel single-threaded, the column path it replaced (cached SMA columns → signal columns →
 * equity column → metrics pass) and the naive peer — the column path with every run recomputing its two SMAs — all
 * measured in the same run; then event-engine sweep throughput (runs/s and bars/s) at a smaller size.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { backtestSignals, crossSignals, randomBars } from "@quantkit/backtest";
import { printTable, size, tiny } from "@quantkit/core/bench";
import { sma } from "@quantkit/indicators";
import { RunPool } from "../pool/runPool.js";
import { defaultPeriodsPerYear, equityMetrics, executeRun } from "../run/executeRun.js";
import { IndicatorCache } from "../run/indicatorCache.js";
import { parseRunSpec } from "../run/runSpec.js";
import { grid, paramSpace } from "../space/paramSpace.js";
import { runSweep } from "./runSweep.js";

const n = size(1_000_000, 5_000);
const data = { kind: "synthetic", seed: 42, length: n } as const;
const bars = randomBars(n, 42, "SYN");
// fast 5…50 (10 values) × slow 60…1050 (100 values) = 1,000 combinations (tiny: 10 × 10 = 100)
const space = {
  fast: { int: [5, 50], step: 5 },
  slow: { int: [60, size(1050, 150)], step: 10 },
} as const;
const options = { qty: 10, commission: { perShare: 0.005, minimum: 1 }, slippageBps: 1 };
const dir = mkdtempSync(join(tmpdir(), "qk-sweep-bench-"));
const load = () => loadavg()[0]!.toFixed(2);
console.log(`sweep bench: ${n} bars, ${availableParallelism()} cores, load average ${load()} at start`);

/** CPU seconds of this process (all threads) spent in `fn`: what the work costs, whatever the machine's load. */
async function withCpu<T>(fn: () => Promise<T> | T): Promise<{ value: T; cpuS: number }> {
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, cpuS: (c.user + c.system) / 1e6 };
}

async function sweepOn(workers: number, name: string) {
  const pool = await RunPool.create({ workers });
  try {
    return await withCpu(() =>
      runSweep(
        { study: name, strategy: "sma-cross", space, data, options, workers, out: join(dir, name) },
        { pool, bars },
      ),
    );
  } finally {
    await pool.close();
  }
}

// Alternating 2-worker / 1-worker pairs (neighbours in time share the machine's state); the scaling verdict is the
// median of the pairs' ratios, the time tables use the fastest sweep of each kind, and every pair is printed.
const pairs = size(5, 2);
type Measured = Awaited<ReturnType<typeof sweepOn>>;
const twos: Measured[] = [];
const ones: Measured[] = [];
const pairLines: string[] = [];
let loadAfterTwo = "";
for (let k = 0; k < pairs; k++) {
  const l0 = load();
  const t = await sweepOn(2, `two-workers-${k}`);
  loadAfterTwo = load();
  const o = await sweepOn(1, `one-worker-${k}`);
  twos.push(t);
  ones.push(o);
  pairLines.push(
    `pair ${k + 1} (load ${l0}): 2 workers ${(t.value.timings.runMs / 1000).toFixed(2)} s (${t.cpuS.toFixed(2)} CPU s),` +
      ` 1 worker ${(o.value.timings.runMs / 1000).toFixed(2)} s (${o.cpuS.toFixed(2)} CPU s)` +
      ` → ${(o.value.timings.runMs / t.value.timings.runMs).toFixed(2)}×, CPU(1)/CPU(2) ${(o.cpuS / t.cpuS).toFixed(3)}`,
  );
}
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};
const pairSpeedups = twos.map((t, k) => ones[k]!.value.timings.runMs / t.value.timings.runMs);
const pairCpu = twos.map((t, k) => ones[k]!.cpuS / t.cpuS);

// The machine's own ceiling (peer for the scaling): a compute-only loop (no memory traffic, no I/O) split over 1 and
// 2 threads, timed from a start signal to the last thread's end (thread start-up excluded), in alternating pairs.
const spinSource = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (iters) => {
  let x = 0.5;
  for (let i = 0; i < iters; i++) x = x * 1.0000001 + (x > 2 ? -1 : 0.25);
  parentPort.postMessage(x);
});
parentPort.postMessage("ready");`;
async function spin(threads: number, totalIters: number): Promise<number> {
  const ws = Array.from({ length: threads }, () => new Worker(spinSource, { eval: true }));
  await Promise.all(ws.map((w) => new Promise((r) => w.once("message", r))));
  const t0 = performance.now();
  await Promise.all(
    ws.map((w) => {
      const done = new Promise((r) => w.once("message", r));
      w.postMessage(Math.round(totalIters / threads));
      return done;
    }),
  );
  const ms = performance.now() - t0;
  await Promise.all(ws.map((w) => w.terminate()));
  return ms;
}
const spinIters = size(400_000_000, 2_000_000);
const ceiling: number[] = [];
for (let k = 0; k < pairs; k++) {
  const two = await spin(2, spinIters);
  ceiling.push((await spin(1, spinIters)) / two);
}

const fastest = (xs: Measured[]) =>
  xs.reduce((a, b) => (b.value.timings.runMs < a.value.timings.runMs ? b : a));
const { value: two, cpuS: twoCpu } = fastest(twos);
const { value: one, cpuS: oneCpu } = fastest(ones);
const combos = two.executed;

// Single-threaded, in the calling thread: the fused kernel through executeRun (what the workers run), then the
// column path it replaced, with the SMA columns cached (the previous fast path) and recomputed per run (naive peer).
const allParams = [...grid(paramSpace(space, (p) => (p.fast as number) < (p.slow as number)))];
function fused(): number {
  const t0 = performance.now();
  let sink = 0;
  for (const params of allParams) {
    const spec = parseRunSpec({ strategy: "sma-cross", params, data, options });
    sink += executeRun(spec, bars).metrics.fills;
  }
  if (sink < 0) console.log(sink);
  return performance.now() - t0;
}
function columns(cache: boolean): number {
  const c = new IndicatorCache(cache ? 1024 ** 3 : 0);
  const scratch = new Float64Array(n);
  const costs = { initialCash: 100_000, ...options };
  const ppy = defaultPeriodsPerYear(bars.timeframe);
  const t0 = performance.now();
  let sink = 0;
  for (const params of allParams) {
    const spec = parseRunSpec({ strategy: "sma-cross", params, data, options });
    const f = spec.params.fast as number;
    const sl = spec.params.slow as number;
    const fast = c.get(`sma:${f}`, () => sma(bars.close, { period: f }));
    const slow = c.get(`sma:${sl}`, () => sma(bars.close, { period: sl }));
    const sig = crossSignals(fast, slow);
    const r = backtestSignals(bars, sig.entries, sig.exits, costs, scratch);
    sink += equityMetrics(r.equity, costs.initialCash, ppy, r.fills, r.trades).fills;
  }
  if (sink < 0) console.log(sink);
  return performance.now() - t0;
}
const { value: fusedMs, cpuS: fusedCpu } = await withCpu(() => fused());
const { value: cachedMs, cpuS: cachedCpu } = await withCpu(() => columns(true));
const { value: naiveMs, cpuS: naiveCpu } = await withCpu(() => columns(false));

const rate = (runs: number, ms: number) => runs / (ms / 1000);
const perRun = (cpuS: number) => (cpuS * 1000) / combos;
printTable(
  `SMA-crossover sweep, ${combos} combinations on ${n.toLocaleString("en")} 1m bars, vectorized fast path`,
  [
    {
      name: `quantkit runSweep, 2 workers (fastest of ${pairs})`,
      ms: two.timings.runMs,
      seconds: two.timings.runMs / 1000,
      "runs/s": two.runsPerSecond,
      "vs naive": naiveMs / two.timings.runMs,
      "CPU s": twoCpu,
      "CPU ms/run": perRun(twoCpu),
      target: "≤ 30 s",
    },
    {
      name: `quantkit runSweep, 1 worker (fastest of ${pairs})`,
      ms: one.timings.runMs,
      seconds: one.timings.runMs / 1000,
      "runs/s": one.runsPerSecond,
      "vs naive": naiveMs / one.timings.runMs,
      "CPU s": oneCpu,
      "CPU ms/run": perRun(oneCpu),
    },
    {
      name: "single thread, fused kernel (executeRun)",
      ms: fusedMs,
      seconds: fusedMs / 1000,
      "runs/s": rate(combos, fusedMs),
      "vs naive": naiveMs / fusedMs,
      "CPU s": fusedCpu,
      "CPU ms/run": perRun(fusedCpu),
    },
    {
      name: "single thread, column path, SMA columns cached (previous fast path)",
      ms: cachedMs,
      seconds: cachedMs / 1000,
      "runs/s": rate(combos, cachedMs),
      "vs naive": naiveMs / cachedMs,
      "CPU s": cachedCpu,
      "CPU ms/run": perRun(cachedCpu),
    },
    {
      name: "naive: single thread, column path, SMAs recomputed per run (peer)",
      ms: naiveMs,
      seconds: naiveMs / 1000,
      "runs/s": rate(combos, naiveMs),
      "vs naive": 1,
      "CPU s": naiveCpu,
      "CPU ms/run": perRun(naiveCpu),
    },
  ],
);
printTable(`Worker scaling (same sweep, execution time only; median of ${pairs} alternating pairs)`, [
  {
    name: "quantkit runSweep: 2 workers vs 1 worker",
    ms: median(twos.map((t) => t.value.timings.runMs)),
    speedup: median(pairSpeedups),
    "min–max": `${Math.min(...pairSpeedups).toFixed(2)}–${Math.max(...pairSpeedups).toFixed(2)}`,
    "CPU(1) / CPU(2)": median(pairCpu),
    "projected on 2 idle cores, s": twoCpu / 2,
    target: "≥ 1.8×",
  },
  {
    name: "machine ceiling: compute-only loop, 2 threads vs 1 (peer)",
    ms: Number.NaN,
    speedup: median(ceiling),
    "min–max": `${Math.min(...ceiling).toFixed(2)}–${Math.max(...ceiling).toFixed(2)}`,
    "CPU(1) / CPU(2)": Number.NaN,
    "projected on 2 idle cores, s": Number.NaN,
    target: "what 2 cores deliver here",
  },
]);
console.log(`\n${pairLines.join("\n")}`);
console.log(
  "\nCPU s = CPU time of the whole process (all threads, the main thread's result writing included): on a loaded" +
    " machine wall time includes waiting for a core; CPU time does not. CPU(1)/CPU(2) is the parallel efficiency" +
    " (1 = the two workers do no more work than one).",
);
console.log(
  `2-worker sweep wall time including data load and pool start: ${(two.timings.totalMs / 1000).toFixed(2)} s ` +
    `(pool start ${(two.timings.poolStartMs / 1000).toFixed(2)} s); load average ${loadAfterTwo} after it, ${load()} now`,
);

// event-driven engine throughput
const en = size(100_000, 2_000);
const ebars = randomBars(en, 7, "SYN");
const espace = { fast: { int: [5, 20], step: 5 }, slow: { int: [40, 100], step: 20 } } as const;
const eresults: { name: string; ms: number; "runs/s": number; "bars/s": number }[] = [];
for (const workers of [1, 2]) {
  const pool = await RunPool.create({ workers });
  const s = await runSweep(
    {
      study: "event",
      strategy: "sma-cross",
      engine: "event",
      space: espace,
      data: { kind: "synthetic", seed: 7, length: en },
      options,
      workers,
      batchSize: 1,
      out: join(dir, `event-${workers}`),
    },
    { pool, bars: ebars },
  );
  await pool.close();
  eresults.push({
    name: `event engine, ${workers} worker(s), ${s.executed} runs × ${en.toLocaleString("en")} bars`,
    ms: s.timings.runMs,
    "runs/s": s.runsPerSecond,
    "bars/s": s.runsPerSecond * en,
  });
}
printTable("Event-driven engine sweep throughput", eresults);
console.log(`\nload average at the end: ${load()}${tiny ? " (tiny)" : ""}`);
rmSync(dir, { recursive: true, force: true });
