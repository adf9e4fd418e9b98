/**
 * GBM Monte Carlo benchmark (issue 6): 100,000 paths × 252 steps with the full path matrix, then 95 %/99 % VaR and
 * CVaR of terminal P&L — single thread vs numpy (Debian python3-numpy, run by this script), and 2 workers vs 1;
 * then 1,000,000 paths × 252 steps terminal-only on 2 workers. Targets: ≤ 1.0× numpy, ≥ 1.8× speed-up, ≤ 3 s.
 */
import { spawnSync } from "node:child_process";
import { Rng } from "@quantkit/core";
import { printTable, size, timeMs, timeMsAsync, tiny } from "@quantkit/core/bench";
import { NormalStream } from "./normal-stream.js";
import { simulateGbm, simulateGbmSync } from "./simulate-gbm.js";
import { riskMeasures } from "./value-at-risk.js";
import { WorkerPool } from "./worker-pool.js";

const PATHS = size(100_000, 2_000);
const BIG = size(1_000_000, 10_000);
const STEPS = 252;
const base = { s0: 100, mu: 0.07, sigma: 0.2, dt: 1 / 252, steps: STEPS, seed: 42 };

/** VaR/CVaR at 95 % and 99 % of terminal P&L (historical, Rockafellar–Uryasev rule). */
function risk(terminal: Float64Array): number[] {
  const pnl = new Float64Array(terminal.length);
  for (let i = 0; i < pnl.length; i++) pnl[i] = terminal[i]! - base.s0;
  const out: number[] = [];
  for (const level of [0.95, 0.99]) {
    const r = riskMeasures(pnl, { level });
    out.push(r.valueAtRisk, r.expectedShortfall);
  }
  return out;
}

const python = `
import json, math, sys, time
import numpy as np
paths, steps, reps = ${PATHS}, ${STEPS}, ${tiny ? 1 : 5}
s0, mu, sigma, dt = 100.0, 0.07, 0.2, 1 / 252
def run():
    rng = np.random.default_rng(42)
    z = rng.standard_normal((paths, steps))
    inc = (mu - 0.5 * sigma * sigma) * dt + sigma * math.sqrt(dt) * z
    np.cumsum(inc, axis=1, out=inc)
    m = np.empty((paths, steps + 1))
    m[:, 0] = s0
    np.exp(inc, out=m[:, 1:])
    m[:, 1:] *= s0
    pnl = np.sort(m[:, -1] - s0)
    out = []
    for level in (0.95, 0.99):
        k = math.ceil(round((1 - level) * paths * 1e9) / 1e9)
        q = pnl[k - 1]
        out += [-q, -q - np.sum(pnl[:k] - q) / ((1 - level) * paths)]
    return out
run()
times, cpu = [], []
for _ in range(reps):
    t0, c0 = time.perf_counter(), time.process_time()
    res = run()
    times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
print(json.dumps({"ms": sorted(times)[len(times) // 2] * 1000, "cpuMs": sorted(cpu)[len(cpu) // 2] * 1000, "risk": res}))
`;

function numpy(): { ms: number; cpuMs: number; risk: number[] } | undefined {
  const r = spawnSync("/usr/bin/python3", ["-c", python], { encoding: "utf8" });
  if (r.status !== 0) {
    console.error(`numpy peer unavailable: ${r.stderr || r.error}`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

const repeats = { repeats: tiny ? 1 : 5, warmup: tiny ? 0 : 1 };
const np = numpy();
let ours: number[] = [];
const single = timeMs(() => {
  ours = risk(simulateGbmSync({ ...base, paths: PATHS }).terminal);
}, repeats);
// CPU time of the same single-thread run (less sensitive than wall time when other processes share the cores)
const cpuRuns: number[] = [];
for (let i = 0; i < (tiny ? 1 : 5); i++) {
  const c0 = process.cpuUsage();
  risk(simulateGbmSync({ ...base, paths: PATHS }).terminal);
  const c = process.cpuUsage(c0);
  cpuRuns.push((c.user + c.system) / 1000);
}
cpuRuns.sort((a, b) => a - b);
const singleCpu = cpuRuns[Math.floor(cpuRuns.length / 2)]!;

const pool1 = new WorkerPool(1);
const pool2 = new WorkerPool(2);
// warm both pools (worker start-up and JIT) before timing
await simulateGbm({ ...base, paths: 2000, pool: pool1 });
await simulateGbm({ ...base, paths: 2000, pool: pool2 });
const w1 = await timeMsAsync(
  async () => risk((await simulateGbm({ ...base, paths: PATHS, pool: pool1 })).terminal),
  repeats,
);
const w2 = await timeMsAsync(
  async () => risk((await simulateGbm({ ...base, paths: PATHS, pool: pool2 })).terminal),
  repeats,
);

printTable(
  `GBM ${PATHS.toLocaleString("en")} paths × ${STEPS} steps, full path matrix + 95/99 % VaR & CVaR of terminal P&L`,
  [
    {
      name: "numpy (default_rng, cumsum, exp)",
      ms: np?.ms ?? Number.NaN,
      cpuMs: np?.cpuMs ?? Number.NaN,
      ratio: "1.00×",
    },
    {
      name: "quantkit single thread (simulateGbmSync)",
      ms: single,
      cpuMs: singleCpu,
      ratio: np
        ? `${(single / np.ms).toFixed(2)}× numpy (CPU time ${(singleCpu / np.cpuMs).toFixed(2)}×)`
        : "n/a",
      target: "≤ 1.0× numpy",
    },
    { name: "quantkit pool of 1 worker", ms: w1, ratio: "1.00×" },
    {
      name: "quantkit pool of 2 workers",
      ms: w2,
      ratio: `${(w1 / w2).toFixed(2)}× faster than 1 worker`,
      target: "≥ 1.8×",
    },
  ],
);
const load = (await import("node:os")).loadavg()[0]!;
console.log(
  `\n1-minute load average during this run: ${load.toFixed(1)} on ${(await import("node:os")).availableParallelism()} cores`,
);
console.log(
  `\nVaR95, CVaR95, VaR99, CVaR99 of terminal P&L (s0 = 100): quantkit ${ours.map((v) => v.toFixed(3)).join(", ")}; numpy ${np?.risk.map((v) => v.toFixed(3)).join(", ") ?? "n/a"} (different random streams: agree to MC error)`,
);

let bigRisk: number[] = [];
const big2 = await timeMsAsync(
  async () => {
    bigRisk = risk((await simulateGbm({ ...base, paths: BIG, terminalOnly: true, pool: pool2 })).terminal);
  },
  { repeats: tiny ? 1 : 3, warmup: 0 },
);
const big1 = await timeMsAsync(
  async () => risk((await simulateGbm({ ...base, paths: BIG, terminalOnly: true, pool: pool1 })).terminal),
  { repeats: 1, warmup: 0 },
);
await pool1.close();
await pool2.close();
const startMs = await timeMsAsync(
  async () => {
    await simulateGbm({ ...base, paths: BIG, terminalOnly: true, workers: 2 });
  },
  { repeats: 1, warmup: 0 },
);
printTable(`GBM ${BIG.toLocaleString("en")} paths × ${STEPS} steps, terminal values only (+ VaR/CVaR)`, [
  { name: "pool of 1 worker", ms: big1, ratio: "1.00×" },
  { name: "pool of 2 workers", ms: big2, ratio: `${(big1 / big2).toFixed(2)}×`, target: "≤ 3000 ms" },
  { name: "workers: 2 incl. pool start-up", ms: startMs, ratio: `${(big1 / startMs).toFixed(2)}×` },
]);
console.log(`\n1M-path VaR95, CVaR95, VaR99, CVaR99: ${bigRisk.map((v) => v.toFixed(3)).join(", ")}`);

const N = size(10_000_000, 100_000);
const buf = new Float64Array(N);
const coreMs = timeMs(() => new Rng(1).fillNormal(buf), { repeats: tiny ? 1 : 3, warmup: tiny ? 0 : 1 });
const zigMs = timeMs(() => new NormalStream(1).fillNormal(buf), {
  repeats: tiny ? 1 : 3,
  warmup: tiny ? 0 : 1,
});
printTable(`${N.toLocaleString("en")} standard normals`, [
  { name: "core Rng.fillNormal (polar method)", ms: coreMs, ratio: "1.00×" },
  { name: "NormalStream.fillNormal (ziggurat)", ms: zigMs, ratio: `${(coreMs / zigMs).toFixed(2)}× faster` },
]);
