import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Catalog } from "../catalog/catalog.js";
import { natsServerFixture } from "../distributed/natsServer.testutil.js";
import { spawnWorkerProcess, type WorkerProcess } from "../distributed/workerProcess.testutil.js";
import { RunPool } from "../pool/runPool.js";
import { type WalkForwardConfigInput, type WalkForwardResult, walkForward } from "./walkForward.js";

vi.setConfig({ testTimeout: 180_000 });
const nats = natsServerFixture(beforeAll, afterAll);

const config: WalkForwardConfigInput = {
  strategy: "sma-cross",
  data: { kind: "synthetic", seed: 17, length: 6000 },
  space: { fast: { int: [3, 9], step: 3 }, slow: { int: [12, 36], step: 12 } },
  folds: { train: 1500, test: 500 },
  warmup: 40,
  options: { qty: 10, slippageBps: 1 },
};

/** Keys each worker process finished, per study (`done <study> <key> …` lines of `--verbose` workers). */
function doneKeys(workers: readonly WorkerProcess[], study: string): string[] {
  return workers.flatMap((w) =>
    w.out.filter((l) => l.startsWith(`done ${study} `)).map((l) => l.split(" ")[2]!),
  );
}

/** Waits (up to 15 s) until `f()` holds: a worker prints its `done` line just after the result is collected. */
async function until(f: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !f(); i++) await new Promise((r) => setTimeout(r, 50));
}

const comparable = (r: WalkForwardResult) => r.toJSON();

describe("walkForward on NATS JetStream (real nats-server, 2 quantkit worker processes)", () => {
  it("equals the local-pool walk-forward exactly; an interrupted study resumes running only the missing runs; a rerun publishes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-wf-nats-"));
    const url = nats.url();
    const workers = ["a", "b"].map((name) => spawnWorkerProcess(url, { name, verbose: true }));
    const pool = await RunPool.create({ workers: 1 });
    try {
      const local = await walkForward(config, { pool });
      await Promise.all(workers.map((w) => w.ready));
      const folds = local.folds.length;
      const isRuns = folds * local.folds[0]!.trials;
      expect(folds).toBe(9);
      expect(isRuns).toBe(folds * 9); // 3 × 3 grid, every pair has fast < slow
      // 1) interrupted after a few in-sample results: rejects, the queued jobs keep running on the workers
      const controller = new AbortController();
      await expect(
        walkForward(config, {
          nats: { url, signal: controller.signal, idleTimeoutMs: 60_000 },
          onProgress: (done) => {
            if (done >= 5) controller.abort();
          },
        }),
      ).rejects.toThrow(/interrupted/);
      // 2) resumed: completes with the catalog recording every run
      const catalog = new Catalog(join(dir, "catalog.duckdb"));
      const remote = await walkForward(config, {
        nats: { url, idleTimeoutMs: 60_000 },
        catalog,
      });
      expect(remote.studyId).toBe(local.studyId);
      expect(comparable(remote)).toEqual(comparable(local));
      expect(remote.oos.equity).toEqual(local.oos.equity);
      expect(remote.folds.map((f) => f.params)).toEqual(local.folds.map((f) => f.params));
      expect(remote.dispatch?.inSample).toMatchObject({ total: isRuns, failed: 0 });
      expect(remote.dispatch!.inSample.alreadyPublished).toBeGreaterThanOrEqual(5);
      expect(remote.dispatch?.outOfSample).toMatchObject({ total: folds, published: folds, failed: 0 });
      // every in-sample and out-of-sample run executed exactly once over both submissions, by the two workers
      const isStudy = `wf-${local.studyId}-is`;
      const oosStudy = `wf-${local.studyId}-oos`;
      await until(
        () => doneKeys(workers, isStudy).length >= isRuns && doneKeys(workers, oosStudy).length >= folds,
      );
      const isDone = doneKeys(workers, isStudy);
      expect(isDone.length).toBe(isRuns);
      expect(new Set(isDone).size).toBe(isRuns);
      for (const f of local.folds) expect(isDone).toContain(f.inSampleKey);
      const oosDone = doneKeys(workers, oosStudy);
      expect(oosDone.sort()).toEqual(local.folds.map((f) => f.outOfSampleKey).sort());
      for (const w of workers) expect(w.out.some((l) => l.startsWith("done wf-"))).toBe(true);
      // the catalog holds the study and every run (in-sample and out-of-sample), like a local walk-forward
      const runs = await catalog.listRuns({ study: local.studyId, limit: 10_000 });
      expect(runs.length).toBe(isRuns + folds);
      expect(new Set(runs.map((r) => r.id))).toEqual(new Set([...isDone, ...oosDone]));
      expect((await catalog.listStudies()).find((s) => s.id === local.studyId)?.status).toBe("complete");
      // 3) a rerun publishes nothing and re-runs nothing: every result is read back from the results stream
      const again = await walkForward(config, { nats: { url, idleTimeoutMs: 60_000 } });
      expect(comparable(again)).toEqual(comparable(local));
      expect(again.dispatch?.inSample).toMatchObject({ published: 0, alreadyPublished: isRuns });
      expect(again.dispatch?.outOfSample).toMatchObject({ published: 0, alreadyPublished: folds });
      expect(doneKeys(workers, isStudy).length).toBe(isRuns);
    } finally {
      await pool.close();
      for (const w of workers) w.child.kill("SIGTERM");
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
