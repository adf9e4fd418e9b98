import { randomBars } from "@quantkit/backtest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { executeRun, type RunResult } from "../run/executeRun.js";
import { runKey } from "../run/runSpec.js";
import { natsServerFixture } from "./natsServer.testutil.js";
import { checkRunJob, runSpecJobHandler } from "./runSpecJobHandler.js";
import type { StudyResult } from "./studyMessages.js";
import { StudyWorker } from "./studyWorker.js";
import { submitStudy } from "./submitStudy.js";

vi.setConfig({ testTimeout: 120_000 });
const nats = natsServerFixture(beforeAll, afterAll);
const data = { kind: "synthetic", seed: 2, length: 2000 } as const;
const good = { strategy: "sma-cross", params: { fast: 5, slow: 20 }, data };

describe("runSpecJobHandler", () => {
  it("checkRunJob(spec, key) names what is wrong: schema field, unknown strategy, params, key ≠ runKey(spec)", () => {
    expect(checkRunJob(good, runKey(good)).strategy).toBe("sma-cross");
    expect(() => checkRunJob({ ...good, engine: "quantum" }, "k")).toThrow(/Invalid run spec: engine/);
    expect(() => checkRunJob({ ...good, strategy: "nope" }, "k")).toThrow(/Unknown study strategy "nope"/);
    expect(() => checkRunJob({ ...good, params: { fast: "x" } }, "k")).toThrow(/sma-cross params: fast/);
    expect(() => checkRunJob(good, "f00")).toThrow(/job key f00 is not runKey\(spec\)/);
  });

  it("a worker with 2 run threads returns executeRun's result; bad specs are terminated at once with their reason", async () => {
    const runs = runSpecJobHandler({ threads: 2 });
    const logs: string[] = [];
    const w = await StudyWorker.start({
      nats: nats.url(),
      handler: runs.handler,
      concurrency: 2,
      log: (l) => logs.push(l),
    });
    try {
      const specs = [good, { ...good, params: { fast: 10, slow: 40 }, engine: "event" as const }];
      const bad = { ...good, strategy: "nope" };
      const results = new Map<string, StudyResult>();
      const s = await submitStudy<unknown>({
        nats: nats.url(),
        studyId: "handler",
        jobs: [
          ...specs.map((spec) => ({ key: runKey(spec), spec })),
          { key: "bad-strategy", spec: bad },
          { key: "bad-engine", spec: { ...good, engine: 3 } },
        ],
        onResult: (r) => {
          results.set(r.key, r);
        },
        idleTimeoutMs: 60_000,
      });
      expect(s).toMatchObject({ total: 4, written: 4, failed: 2 });
      const bars = randomBars(2000, 2, "SYN");
      for (const spec of specs) {
        const r = results.get(runKey(spec));
        expect(r?.ok).toBe(true);
        const got = (r as { result: RunResult }).result;
        expect(got.metrics).toEqual(executeRun(spec, bars).metrics);
      }
      expect(results.get("bad-strategy")).toMatchObject({ ok: false, delivery: 1 });
      expect((results.get("bad-strategy") as { error: string }).error).toMatch(
        /Unknown study strategy "nope"/,
      );
      expect((results.get("bad-engine") as { error: string }).error).toMatch(
        /ValidationError: Invalid run spec: engine/,
      );
      expect(logs.filter((l) => l.includes("rejected")).length).toBe(2);
    } finally {
      await w.drain();
      await runs.close();
    }
  });
});
