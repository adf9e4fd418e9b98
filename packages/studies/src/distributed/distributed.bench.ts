/**
 * Distributed studies over NATS JetStream (loopback): per-run dispatch overhead (publish → worker → result
 * collected) with trivially small runs, and throughput scaling from 1 to 3 local `quantkit worker` processes on real
 * event-engine runs. The peer is the same runs executed one by one in this process with `executeRun` (one core).
 * Starts and stops its own `nats-server -js`; tiny-size capable (`QK_BENCH_TINY=1`).
 */
import { printTable, size } from "@quantkit/core/bench";
import { loadDataRef } from "../run/dataRef.js";
import { executeRun } from "../run/executeRun.js";
import { type RunSpecInput, runKey } from "../run/runSpec.js";
import { startNatsServer } from "./natsServer.testutil.js";
import { runSpecJobHandler } from "./runSpecJobHandler.js";
import { StudyWorker } from "./studyWorker.js";
import { submitStudy } from "./submitStudy.js";
import { spawnWorkerProcess, type WorkerProcess } from "./workerProcess.testutil.js";

const server = await startNatsServer();
const running: WorkerProcess[] = [];
let studies = 0;

async function startWorkers(n: number): Promise<WorkerProcess[]> {
  const ws = Array.from({ length: n }, () =>
    spawnWorkerProcess(server.url, { name: `bench${running.length}` }),
  );
  running.push(...ws);
  await Promise.all(ws.map((w) => w.ready));
  return ws;
}

async function stopWorkers(ws: WorkerProcess[]): Promise<void> {
  for (const w of ws) w.child.kill("SIGTERM");
  await Promise.all(ws.map((w) => w.exited));
}

/** Submits the specs as one study and waits for every result; returns wall ms. */
async function study(specs: RunSpecInput[]): Promise<number> {
  const jobs = specs.map((spec) => ({ key: runKey(spec), spec }));
  const t0 = performance.now();
  const s = await submitStudy({
    nats: server.url,
    studyId: `bench-${studies++}`,
    jobs,
    onResult: () => undefined,
  });
  const ms = performance.now() - t0;
  if (s.written !== specs.length || s.failed !== 0)
    throw new Error(`bench study incomplete: ${JSON.stringify(s)}`);
  return ms;
}

function inProcess(specs: RunSpecInput[], bars: Awaited<ReturnType<typeof loadDataRef>>): number {
  const t0 = performance.now();
  for (const s of specs) executeRun(s, bars);
  return performance.now() - t0;
}

try {
  const n = size(2000, 40);
  const small = { kind: "synthetic", seed: 1, length: 50 } as const;
  const smallBars = await loadDataRef(small);
  /** A trivially small run (50 bars, vectorized); `tag` keeps the keys of each measurement distinct. */
  const noop = (i: number, tag: number): RunSpecInput => ({
    strategy: "sma-cross",
    params: { fast: 5, slow: 20 },
    data: small,
    seed: tag * 1_000_000 + i,
  });
  const length = size(100_000, 2_000);
  const runs = size(24, 6);
  const data = { kind: "synthetic", seed: 9, length } as const;
  const bars = await loadDataRef(data);
  /** A real run: SMA crossover on the event engine. */
  const real = (i: number, tag: number): RunSpecInput => ({
    strategy: "sma-cross",
    engine: "event",
    params: { fast: 5 + (i % 8) * 2, slow: 40 + Math.floor(i / 8) * 20 },
    data,
    seed: tag,
  });
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);

  const localSmall = inProcess(
    range(n).map((i) => noop(i, 0)),
    smallBars,
  );
  const local = inProcess(
    range(runs).map((i) => real(i, 0)),
    bars,
  );
  // The same dispatch with the worker inside this process (still publish → server → worker → server → collector
  // over loopback TCP; no extra process to schedule on the busy cores), runs on a worker thread as in `quantkit worker`.
  const inner = runSpecJobHandler({ threads: 1 });
  const innerWorker = await StudyWorker.start({ nats: server.url, handler: inner.handler });
  await study(range(size(50, 3)).map((i) => noop(i, 90)));
  const inProcessWorker = await study(range(n).map((i) => noop(i, 91)));
  await innerWorker.drain();
  await inner.close();
  // Workers are added one at a time (1, then 2, then 3 processes), each warmed up (data loaded, code JIT-compiled).
  const dispatch: Record<number, number> = {};
  const scaling: Record<number, number> = {};
  for (const k of [1, 2, 3]) {
    await startWorkers(1);
    await study(range(size(20, 3) * k).map((i) => noop(i, 100 + k)));
    await study(range(2 * k).map((i) => real(i, 100 + k)));
    if (k !== 2) dispatch[k] = await study(range(n).map((i) => noop(i, k)));
    scaling[k] = await study(range(runs).map((i) => real(i, k)));
  }
  await stopWorkers(running);
  printTable(`Dispatch overhead per run over loopback NATS JetStream (${n} trivially small runs)`, [
    { name: "in-process executeRun (peer)", ms: localSmall, perRunMs: localSmall / n },
    {
      name: "NATS, worker in the submitting process",
      ms: inProcessWorker,
      perRunMs: inProcessWorker / n,
      overheadMs: (inProcessWorker - localSmall) / n,
      target: "≤ 5 ms/run",
    },
    {
      name: "NATS, 1 worker process",
      ms: dispatch[1] as number,
      perRunMs: (dispatch[1] as number) / n,
      overheadMs: ((dispatch[1] as number) - localSmall) / n,
      target: "≤ 5 ms/run",
    },
    {
      name: "NATS, 3 worker processes",
      ms: dispatch[3] as number,
      perRunMs: (dispatch[3] as number) / n,
      overheadMs: ((dispatch[3] as number) - localSmall) / n,
    },
  ]);
  const base = scaling[1] as number;
  printTable(
    `Scaling: ${runs} SMA-crossover runs on the event engine, ${length.toLocaleString("en-US")} bars each (machine: 2 cores)`,
    [
      { name: "in-process executeRun, 1 core (peer)", ms: local, runsPerS: (runs / local) * 1000, vsPeer: 1 },
      ...[1, 2, 3].map((k) => ({
        name: `NATS, ${k} worker process${k > 1 ? "es" : ""}`,
        ms: scaling[k] as number,
        runsPerS: (runs / (scaling[k] as number)) * 1000,
        vsPeer: local / (scaling[k] as number),
        vs1Worker: base / (scaling[k] as number),
      })),
    ],
  );
} finally {
  for (const w of running)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  await server.stop();
}
