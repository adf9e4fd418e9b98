/**
 * Walk-forward benchmark: an SMA-crossover walk-forward on synthetic 1-minute bars (rolling, 10 folds, a 60-point
 * grid per fold = 600 in-sample runs + 10 out-of-sample runs), vectorized engine, in this thread vs a worker pool of
 * 1 and 2 threads (started before timing; the peer: the same study on one worker), and over NATS JetStream on 1 and
 * 2 local `quantkit worker` processes (its own loopback `nats-server -js`; workers started and warmed up before
 * timing; each NATS row uses another `seed`, so its run keys are new and nothing is read back from the results
 * stream). Reports runs/s, in-sample bars/s and the scaling vs 1 worker thread.
 */
import { randomBars } from "@quantkit/backtest";
import { printTable, size, timeMsAsync } from "@quantkit/core/bench";
import { startNatsServer } from "../distributed/natsServer.testutil.js";
import { spawnWorkerProcess, type WorkerProcess } from "../distributed/workerProcess.testutil.js";
import { RunPool } from "../pool/runPool.js";
import { type WalkForwardConfigInput, walkForward } from "./walkForward.js";

const BARS = size(1_000_000, 20_000);
const train = Math.floor(BARS / 6);
const test = Math.floor((BARS - train) / 10);
const bars = randomBars(BARS, 1, "SYN");
const config: WalkForwardConfigInput = {
  strategy: "sma-cross",
  data: { kind: "synthetic", seed: 1, length: BARS },
  space: { fast: { int: [5, 50], step: 5 }, slow: { int: [60, 360], step: 60 } },
  folds: { train, test },
};
let runs = 0;
let isBars = 0;
const rows: {
  name: string;
  ms: number;
  "runs/s": number;
  "IS bars/s (M)": number;
  "vs 1 worker": number;
}[] = [];
for (const workers of [0, 1, 2]) {
  // the pool is started (and the bars shared) before timing: the study's own cost, not worker start-up
  const pool = workers > 0 ? await RunPool.create({ workers }) : undefined;
  const ms = await timeMsAsync(
    async () => {
      const wf = await walkForward(config, { bars, ...(pool ? { pool } : {}) });
      runs = wf.folds.length * (wf.folds[0]!.trials + 1);
      isBars = wf.folds.reduce((s, f) => s + f.trials * (f.train[1] - f.train[0]), 0);
    },
    { repeats: 1, warmup: 0 },
  );
  await pool?.close();
  rows.push({
    name: workers === 0 ? "in this thread" : `${workers} worker thread${workers > 1 ? "s" : ""}`,
    ms,
    "runs/s": (runs / ms) * 1000,
    "IS bars/s (M)": isBars / ms / 1000,
    "vs 1 worker": 0,
  });
}
// the same study over NATS JetStream, on 1 then 2 worker processes
const server = await startNatsServer();
const procs: WorkerProcess[] = [];
try {
  for (const n of [1, 2]) {
    while (procs.length < n) procs.push(spawnWorkerProcess(server.url, { name: `wf-bench-${procs.length}` }));
    await Promise.all(procs.map((w) => w.ready));
    const nats = { url: server.url };
    // warm-up: every worker loads the bars (a one-point grid, 10 folds)
    await walkForward(
      { ...config, seed: 100 + n, space: { fast: { value: 5 }, slow: { value: 60 } } },
      { bars, nats },
    );
    const ms = await timeMsAsync(
      async () => {
        await walkForward({ ...config, seed: n }, { bars, nats });
      },
      { repeats: 1, warmup: 0 },
    );
    rows.push({
      name: `NATS, ${n} worker process${n > 1 ? "es" : ""}`,
      ms,
      "runs/s": (runs / ms) * 1000,
      "IS bars/s (M)": isBars / ms / 1000,
      "vs 1 worker": 0,
    });
  }
} finally {
  for (const w of procs) w.child.kill("SIGTERM");
  await Promise.all(procs.map((w) => w.exited));
  await server.stop();
}
for (const r of rows) r["vs 1 worker"] = rows[1]!.ms / r.ms;
printTable(`walk-forward, ${BARS} 1m bars, 10 folds × 60 parameter sets (${runs} runs)`, rows);
