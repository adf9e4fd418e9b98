import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openResults } from "../sweep/resultsTable.js";
import { runSweep } from "../sweep/runSweep.js";
import type { SweepConfigInput } from "../sweep/sweepConfig.js";
import { natsServerFixture } from "./natsServer.testutil.js";
import { runSweepOnNats } from "./natsSweep.js";
import { runSpecJobHandler } from "./runSpecJobHandler.js";
import { StudyWorker } from "./studyWorker.js";

vi.setConfig({ testTimeout: 120_000 });
const nats = natsServerFixture(beforeAll, afterAll);

async function rows(out: string): Promise<Record<string, unknown>[]> {
  const con = await openResults(out);
  const r = await con.runAndReadAll(
    "SELECT key, p_fast, p_slow, sharpe, total_return, max_drawdown, trades, fills, final_equity, error FROM results ORDER BY key",
  );
  return r.getRowObjectsJS() as Record<string, unknown>[];
}

describe("runSweepOnNats", () => {
  it("writes the same Parquet results table as runSweep on a local pool, and a rerun resumes (nothing re-run)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-nats-sweep-"));
    const runs = runSpecJobHandler({ threads: 0 });
    const workers = await Promise.all(
      [0, 1].map((i) =>
        StudyWorker.start({ nats: nats.url(), handler: runs.handler, name: `w${i}`, log: () => undefined }),
      ),
    );
    try {
      const config: SweepConfigInput = {
        study: "nats-vs-local",
        strategy: "sma-cross",
        space: { fast: { int: [5, 20], step: 5 }, slow: { int: [30, 90], step: 30 } },
        data: { kind: "synthetic", seed: 5, length: 3000 },
        options: { qty: 5, slippageBps: 2 },
        partSize: 4,
      };
      const local = await runSweep({ ...config, workers: 0, out: join(dir, "local") });
      const progress: number[] = [];
      const remote = await runSweepOnNats(
        { ...config, out: join(dir, "nats") },
        { nats: nats.url(), idleTimeoutMs: 30_000, onProgress: (p) => progress.push(p.done) },
      );
      expect(remote.studyId).toBe(local.studyId);
      expect(remote).toMatchObject({
        total: 12,
        executed: 12,
        skipped: 0,
        failed: 0,
        aborted: false,
        workers: 2,
      });
      expect(progress.at(-1)).toBe(12);
      expect(await rows(join(dir, "nats"))).toEqual(await rows(join(dir, "local")));
      expect(remote.best?.key).toBe(local.best?.key);
      const again = await runSweepOnNats({ ...config, out: join(dir, "nats") }, { nats: nats.url() });
      expect(again).toMatchObject({ total: 12, executed: 0, skipped: 12 });
      await Promise.all(workers.map((w) => w.drain()));
      expect(workers.reduce((a, w) => a + w.stats.done, 0)).toBe(12);
    } finally {
      await Promise.all(workers.map((w) => w.drain()));
      await runs.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a successive-halving sweep (search: halving) on NATS gives the same rungs, best and table as on a local pool", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-nats-halving-"));
    const runs = runSpecJobHandler({ threads: 0 });
    const worker = await StudyWorker.start({ nats: nats.url(), handler: runs.handler, log: () => undefined });
    try {
      const config: SweepConfigInput = {
        study: "nats-halving",
        strategy: "sma-cross",
        space: { fast: { int: [5, 20], step: 5 }, slow: { int: [30, 90], step: 30 } },
        search: { kind: "halving", eta: 2 },
        data: { kind: "synthetic", seed: 6, length: 4000 },
      };
      const local = await runSweep({ ...config, workers: 0, out: join(dir, "local") });
      const remote = await runSweepOnNats({ ...config, out: join(dir, "nats") }, { nats: nats.url() });
      expect(local.halving?.rungs.map((r) => r.candidates)).toEqual([12, 6, 3, 2]);
      expect(remote.halving).toEqual(local.halving);
      expect(remote.top).toEqual(local.top);
      expect(remote).toMatchObject({ total: 23, executed: 23, failed: 0, aborted: false });
      expect(await rows(join(dir, "nats"))).toEqual(await rows(join(dir, "local")));
    } finally {
      await worker.drain();
      await runs.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
