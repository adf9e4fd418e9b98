import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadDataRef } from "../run/dataRef.js";
import { executeRun, type RunResult } from "../run/executeRun.js";
import { type RunSpecInput, runKey } from "../run/runSpec.js";
import { natsServerFixture } from "./natsServer.testutil.js";
import type { StudyResult } from "./studyMessages.js";
import { submitStudy } from "./submitStudy.js";
import { spawnWorkerProcess, type WorkerProcess } from "./workerProcess.testutil.js";

vi.setConfig({ testTimeout: 180_000 });

const nats = natsServerFixture(beforeAll, afterAll);
const spawnWorker = (url: string, name: string, ackWaitMs: number) =>
  spawnWorkerProcess(url, { name, ackWaitMs, verbose: true });
type Proc = WorkerProcess;

const data = { kind: "synthetic", seed: 11, length: 25_000 } as const;
const specs: RunSpecInput[] = [];
for (const fast of [4, 8, 12, 16])
  for (const slow of [30, 60, 90, 120])
    specs.push({
      strategy: "sma-cross",
      engine: "event",
      params: { fast, slow },
      data,
      options: { qty: 10 },
    });
for (const period of [7, 14])
  specs.push({ strategy: "rsi-reversion", engine: "vectorized", params: { period }, data, seed: 3 });

const strip = (r: RunResult) => ({ key: r.key, metrics: r.metrics });

describe("distributed study on NATS JetStream: 3 worker processes, one SIGKILLed mid-study", () => {
  it("completes with every run's result present exactly once and equal to the single-machine executeRun", async () => {
    const url = nats.url();
    const ackWaitMs = 1500;
    const workers = ["w1", "w2", "w3"].map((n) => spawnWorker(url, n, ackWaitMs));
    try {
      await Promise.all(workers.map((w) => w.ready)); // all three pull from the start
      const jobs = specs.map((spec) => ({ key: runKey(spec), spec }));
      expect(new Set(jobs.map((j) => j.key)).size).toBe(specs.length);
      const writes = new Map<string, number>();
      const results = new Map<string, StudyResult>();
      let killed: { key: string } | undefined;
      const victim = workers[0] as Proc;
      const submitted = submitStudy({
        nats: url,
        studyId: "killtest",
        jobs,
        streams: { ackWaitMs },
        idleTimeoutMs: 60_000,
        onResult: (r) => {
          writes.set(r.key, (writes.get(r.key) ?? 0) + 1);
          results.set(r.key, r);
        },
      });
      // Kill w1 in the middle of a run once the study is under way (≥ 3 results collected): right after it prints
      // the start of a new run (a run takes hundreds of ms), or when one run has lasted over 2 s (its first run
      // waits for the run thread to load). Reading its stdout lags, so a kill just after a run's end is avoided.
      let finished = false;
      void submitted.finally(() => {
        finished = true;
      });
      const killer = (async () => {
        let seen = 0;
        let since = performance.now();
        while (!finished) {
          const starts = victim.out.filter((l) => l.startsWith("start killtest "));
          const dones = victim.out.filter((l) => l.startsWith("done killtest "));
          const running = starts.length === dones.length + 1;
          const fresh = starts.length > seen;
          if (fresh) since = performance.now();
          seen = starts.length;
          if (writes.size >= 3 && running && (fresh || performance.now() - since > 2000)) {
            killed = { key: (starts.at(-1) as string).split(" ")[2] as string };
            victim.child.kill("SIGKILL");
            return;
          }
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      const summary = await submitted;
      await killer;
      expect(killed, `the victim was killed mid-run; its output:\n${victim.out.join("\n")}`).toBeDefined();
      expect(await victim.exited).toBe(null); // killed by signal
      expect(victim.child.signalCode).toBe("SIGKILL");

      // Every key written exactly once, none failed.
      expect(summary).toMatchObject({
        total: specs.length,
        published: specs.length,
        failed: 0,
        written: specs.length,
      });
      expect([...writes.keys()].sort()).toEqual(jobs.map((j) => j.key).sort());
      expect([...writes.values()].every((n) => n === 1)).toBe(true);
      // The job(s) the victim held when it died were redelivered (delivery ≥ 2) and finished by a surviving worker.
      // Found from the results, not from the victim's stdout: under load its "done" line can lag, so the run it
      // printed last may have finished (and its prefetched next job be the one in flight) when the signal landed.
      const redone = [...results.values()].filter((r) => r.delivery >= 2);
      expect(
        redone.length,
        `no job was redelivered after the kill (killed during ${killed?.key})`,
      ).toBeGreaterThan(0);
      for (const r of redone) {
        expect(r.ok).toBe(true);
        expect(r.worker.startsWith("w1")).toBe(false);
      }
      // All three workers took part: the survivors wrote results, the victim started at least the run it died in.
      for (const n of ["w2", "w3"])
        expect(
          [...results.values()].some((r) => r.worker.startsWith(`${n}:`)),
          n,
        ).toBe(true);
      expect(victim.out.some((l) => l.startsWith("start killtest "))).toBe(true);

      // Equal to the single-machine results, run in this process.
      const bars = await loadDataRef(data);
      for (const j of jobs) {
        const r = results.get(j.key);
        if (!r?.ok) throw new Error(`no result for ${j.key}`);
        expect(strip(r.result as RunResult)).toEqual(strip(executeRun(j.spec, bars)));
      }

      // Resubmitting the finished study publishes nothing and re-runs nothing.
      const again = await submitStudy({ nats: url, studyId: "killtest", jobs, onResult: () => undefined });
      expect(again).toMatchObject({ published: 0, alreadyPublished: specs.length });
    } finally {
      // SIGTERM drains the survivors: they exit 0.
      for (const w of workers.slice(1)) w.child.kill("SIGTERM");
      const codes = await Promise.all(workers.slice(1).map((w) => w.exited));
      expect(codes).toEqual([0, 0]);
      for (const w of workers)
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    }
  });
});
