import { randomBars } from "@quantkit/backtest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { executeRun, type RunResult } from "../run/executeRun.js";
import { runKey } from "../run/runSpec.js";
import { natsServerFixture } from "./natsServer.testutil.js";
import { checkRunJob, parseRunJob, runSpecJobHandler } from "./runSpecJobHandler.js";
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

  it("parseRunJob(spec, key) accepts a bare run spec or { run, returns: true }, with checkRunJob's checks on the run", () => {
    expect(parseRunJob(good, runKey(good))).toMatchObject({ returns: false, run: { strategy: "sma-cross" } });
    expect(parseRunJob({ run: good, returns: true }, runKey(good))).toMatchObject({ returns: true });
    expect(() => parseRunJob({ run: good, returns: false }, runKey(good))).toThrow(/run request: returns/);
    expect(() => parseRunJob({ run: good, returns: true, x: 1 }, runKey(good))).toThrow(/run request/);
    expect(() => parseRunJob({ run: { ...good, strategy: "nope" }, returns: true }, "k")).toThrow(
      /Unknown study strategy "nope"/,
    );
    expect(() => parseRunJob({ run: good, returns: true }, "f00")).toThrow(/job key f00 is not runKey/);
  });

  it("a run request ({ run, returns: true }) returns executeRun's per-bar returns bit for bit, without ts (the thread-pool path is covered by walkForwardNats.test.ts)", async () => {
    const bars = randomBars(2000, 2, "SYN");
    const spec = { ...good, range: { start: bars.ts[300]!, end: bars.ts[1700]! } };
    const alone = executeRun(spec, bars, { returns: true });
    const runs = runSpecJobHandler({ threads: 0 });
    const w = await StudyWorker.start({ nats: nats.url(), handler: runs.handler, log: () => undefined });
    try {
      const got: StudyResult[] = [];
      await submitStudy<unknown>({
        nats: nats.url(),
        studyId: "request",
        jobs: [
          { key: runKey(spec), spec: { run: spec, returns: true } },
          { key: runKey(good), spec: good },
        ],
        onResult: (r) => {
          got.push(r);
        },
        idleTimeoutMs: 60_000,
      });
      const req = got.find((r) => r.key === runKey(spec)) as { ok: true; result: RunResult };
      expect(req.ok).toBe(true);
      expect(req.result.metrics).toEqual(alone.metrics);
      expect(req.result.returns).toBeInstanceOf(Float64Array);
      const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      expect(bytes(req.result.returns!)).toEqual(bytes(alone.returns!));
      expect(req.result.ts).toBeUndefined();
      const bare = got.find((r) => r.key === runKey(good)) as { ok: true; result: RunResult };
      expect(bare.result.returns).toBeUndefined();
    } finally {
      await w.drain();
      await runs.close();
    }
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
