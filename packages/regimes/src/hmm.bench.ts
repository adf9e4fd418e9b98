/**
 * Benchmark: GaussianHmm fit (2 and 3 states, univariate, nInit 1, ≤ 100 iterations) on 10,000 returns vs
 * statsmodels' MarkovRegression(switching_variance=True).fit() run through Debian's /usr/bin/python3 in the same
 * run, plus the online filter's cost per update for K = 3.
 * Run: `npm run bench -- regimes` (or `QK_BENCH_TINY=1` for a smoke run).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchRow, printTable, size, timeMs, tiny } from "@quantkit/core/bench";
import { GaussianHmm } from "./hmm/gaussian-hmm.js";
import { OnlineHmmFilter } from "./hmm/online-filter.js";

const n = size(10_000, 500);
const truth = GaussianHmm.fromParams({
  startProb: [0.5, 0.3, 0.2],
  transMat: [
    [0.98, 0.015, 0.005],
    [0.02, 0.97, 0.01],
    [0.02, 0.03, 0.95],
  ],
  means: [0.08, 0.0, -0.2],
  covars: [0.6, 1.5, 6],
});
const x = truth.sample(n, 2024).columns[0]!;

const PY = `
import json, sys, time, warnings
import numpy as np
import statsmodels.api as sm
warnings.simplefilter("ignore")
y = np.array(json.load(open(sys.argv[1])))
out = {}
for k in (2, 3):
    mod = sm.tsa.MarkovRegression(y, k_regimes=k, trend="c", switching_variance=True)
    best = None
    times = []
    cpus = []
    for rep in range(int(sys.argv[2]) if k == 2 else 1):
        t0 = time.perf_counter()
        c0 = time.process_time()
        res = mod.fit(disp=False)
        cpus.append(time.process_time() - c0)
        times.append(time.perf_counter() - t0)
    times.sort()
    cpus.sort()
    out[str(k)] = {"ms": 1000 * times[len(times) // 2], "cpuMs": 1000 * cpus[len(cpus) // 2], "llf": float(res.llf)}
print(json.dumps(out))
`;

function statsmodels(): Record<string, { ms: number; cpuMs: number; llf: number }> | null {
  const dir = mkdtempSync(join(tmpdir(), "qk-regimes-bench-"));
  try {
    const file = join(dir, "y.json");
    writeFileSync(file, JSON.stringify(Array.from(x)));
    const r = spawnSync("/usr/bin/python3", ["-c", PY, file, tiny ? "1" : "3"], { encoding: "utf8" });
    if (r.status !== 0) {
      console.log(`statsmodels unavailable: ${r.stderr || r.error}`);
      return null;
    }
    return JSON.parse(r.stdout.trim().split("\n").pop()!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median CPU time (user + system, ms) of `fn`: robust to other processes on a shared machine. */
function cpuMs(fn: () => unknown, repeats = tiny ? 1 : 7, warmup = tiny ? 0 : 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    out.push((c.user + c.system) / 1000);
  }
  out.sort((a, b) => a - b);
  return out[Math.floor(out.length / 2)]!;
}

const sm = statsmodels();
const rows: BenchRow[] = [];
for (const K of [2, 3]) {
  let ll = 0;
  let iterations = 0;
  const fit = () => {
    const m = new GaussianHmm({ nStates: K, nInit: 1, maxIter: 100, seed: 1 }).fit(x);
    ll = m.report!.logLikelihood;
    iterations = m.report!.iterations;
  };
  const ms = timeMs(fit);
  const cpu = cpuMs(fit);
  const peer = sm?.[String(K)];
  rows.push({
    name: `quantkit GaussianHmm K=${K}`,
    ms,
    cpuMs: cpu,
    logLik: ll.toFixed(4),
    iterations,
    "ours − statsmodels logLik": peer ? (ll - peer.llf).toFixed(4) : "",
    "ratio (wall)": peer ? peer.ms / ms : Number.NaN,
    "ratio (cpu)": peer ? peer.cpuMs / cpu : Number.NaN,
  });
  if (peer)
    rows.push({
      name: `statsmodels MarkovRegression K=${K}`,
      ms: peer.ms,
      cpuMs: peer.cpuMs,
      logLik: peer.llf.toFixed(4),
      iterations: "",
      "ours − statsmodels logLik": "",
      "ratio (wall)": 1,
      "ratio (cpu)": 1,
    });
}
printTable(
  `Fit on ${n} simulated 3-regime returns (nInit 1, ≤ 100 iterations); ratio = statsmodels / ours (median wall and CPU ms); load average ${loadavg()[0]!.toFixed(1)}`,
  rows,
);

const f = new OnlineHmmFilter(new GaussianHmm({ nStates: 3, seed: 1, nInit: 1 }).fit(x));
const updates = Math.ceil(size(2_000_000, 10_000) / n) * n;
const online = () => {
  f.reset();
  for (let done = 0; done < updates; done += n) for (let i = 0; i < n; i++) f.update(x[i]!);
  return f.probs[0];
};
const ms = timeMs(online);
const onlineCpu = cpuMs(online, tiny ? 1 : 5, tiny ? 0 : 1);
printTable("Online filter, K = 3", [
  {
    name: "OnlineHmmFilter.update",
    ms,
    nsPerUpdate: (ms * 1e6) / updates,
    cpuNsPerUpdate: (onlineCpu * 1e6) / updates,
    target: "≤ 200 ns",
  },
]);
