import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { natsServerFixture } from "./natsServer.testutil.js";
import type { StudyResult } from "./studyMessages.js";
import { jobSubject, STUDY_JOBS_STREAM, studyMsgId } from "./studyStreams.js";
import { PermanentJobError, StudyWorker } from "./studyWorker.js";
import { submitStudy } from "./submitStudy.js";
import { decodeWire, encodeWire } from "./wireJson.js";

vi.setConfig({ testTimeout: 60_000 });

const nats = natsServerFixture(beforeAll, afterAll);
const quiet = () => undefined;
/** Waits until `f()` is true (worker counters are updated just after the result is published). */
async function until(f: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !f(); i++) await new Promise((r) => setTimeout(r, 10));
}
const doneBy = (ws: StudyWorker[]) => ws.reduce((a, w) => a + w.stats.done, 0);

/** A deterministic job: the sum of squares 1..n, computed by the handler. */
const squares = (n: number) => (n * (n + 1) * (2 * n + 1)) / 6;
const handler = async (spec: unknown) => {
  const { n } = spec as { n: number };
  if (typeof n !== "number") throw new PermanentJobError("spec.n: expected a number");
  let s = 0;
  for (let i = 1; i <= n; i++) s += i * i;
  await new Promise((r) => setTimeout(r, 1));
  return { n, sum: s, nan: Number.NaN, col: Float64Array.of(n, -0) };
};

describe("distributed study transport (real nats-server -js)", () => {
  it("submitStudy collects every key exactly once from 2 in-process workers; a resubmission publishes only the missing keys", async () => {
    const workers = await Promise.all(
      [0, 1].map((i) =>
        StudyWorker.start({ nats: nats.url(), handler, concurrency: 2, name: `w${i}`, log: quiet }),
      ),
    );
    try {
      const jobs = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, spec: { n: i + 1 } }));
      const got = new Map<string, StudyResult>();
      const seen: string[] = [];
      const progress: number[] = [];
      const s1 = await submitStudy({
        nats: nats.url(),
        studyId: "t1",
        jobs: jobs.slice(0, 25),
        onResult: (r) => {
          seen.push(r.key);
          got.set(r.key, r);
        },
        onProgress: (p) => progress.push(p.done),
        idleTimeoutMs: 20_000,
      });
      expect(s1).toMatchObject({ total: 25, published: 25, written: 25, failed: 0, alreadyPublished: 0 });
      expect(seen.length).toBe(25);
      expect(new Set(seen).size).toBe(25);
      expect(progress).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      for (const [key, r] of got) {
        const n = Number(key.slice(1)) + 1;
        expect(r.ok).toBe(true);
        if (r.ok) {
          const v = r.result as { n: number; sum: number; nan: number; col: Float64Array };
          expect(v.sum).toBe(squares(n));
          expect(v.nan).toBeNaN();
          expect(Object.is(v.col[1], -0)).toBe(true);
        }
      }
      // Resubmission of the whole study with 10 keys already in the local table: the 15 others already on the
      // results stream are written from it (not re-run), only the 15 new keys are published.
      const local = new Set(jobs.slice(0, 10).map((j) => j.key));
      const seen2: string[] = [];
      const s2 = await submitStudy({
        nats: nats.url(),
        studyId: "t1",
        jobs,
        existingKeys: local,
        onResult: (r) => {
          seen2.push(r.key);
        },
        idleTimeoutMs: 20_000,
      });
      expect(s2).toMatchObject({
        total: 40,
        alreadyLocal: 10,
        alreadyPublished: 15,
        published: 15,
        written: 30,
      });
      expect(seen2.slice(0, 15).sort()).toEqual(
        jobs
          .slice(10, 25)
          .map((j) => j.key)
          .sort(),
      );
      expect(new Set(seen2).size).toBe(30);
      await until(() => doneBy(workers) >= 40);
      expect(doneBy(workers)).toBe(40);
      // Third submission: everything is there; nothing is published or run.
      const s3 = await submitStudy({ nats: nats.url(), studyId: "t1", jobs, onResult: quiet });
      expect(s3).toMatchObject({ published: 0, alreadyPublished: 40, written: 40 });
      await new Promise((r) => setTimeout(r, 100));
      expect(doneBy(workers)).toBe(40);
    } finally {
      await Promise.all(workers.map((w) => w.drain()));
    }
  });

  it("two studies sharing a key each get their own job and result (message ids are scoped by study)", async () => {
    const w = await StudyWorker.start({ nats: nats.url(), handler, name: "shared", log: quiet });
    try {
      const jobs = [{ key: "same", spec: { n: 5 } }];
      for (const studyId of ["shared-a", "shared-b"]) {
        const got: StudyResult[] = [];
        const s = await submitStudy({
          nats: nats.url(),
          studyId,
          jobs,
          onResult: (r) => {
            got.push(r);
          },
          idleTimeoutMs: 20_000,
        });
        expect(s).toMatchObject({ published: 1, duplicateJobs: 0, written: 1, failed: 0 });
        expect(got[0]).toMatchObject({ key: "same", ok: true, result: { sum: squares(5) } });
      }
      await until(() => w.stats.done === 2);
      expect(w.stats.done).toBe(2);
    } finally {
      await w.drain();
    }
  });

  it("a result larger than the server's max_payload fails its job at once with the sizes (not after max_deliver retries)", async () => {
    const logs: string[] = [];
    const w = await StudyWorker.start({
      nats: nats.url(),
      handler: () => ({ returns: new Float64Array(150_000) }),
      log: (l) => logs.push(l),
    });
    try {
      const got: StudyResult[] = [];
      const s = await submitStudy({
        nats: nats.url(),
        studyId: "too-big",
        jobs: [{ key: "big", spec: {} }],
        onResult: (r) => {
          got.push(r);
        },
        idleTimeoutMs: 20_000,
      });
      expect(s).toMatchObject({ written: 1, failed: 1 });
      expect(got[0]).toMatchObject({ key: "big", ok: false, delivery: 1 });
      expect((got[0] as { error: string }).error).toMatch(
        /PermanentJobError: its result is \d+ bytes, over the NATS server's max_payload of 1048576 bytes/,
      );
    } finally {
      await w.drain();
    }
  });

  it("a duplicate job publish (same key) is dropped by the server and runs once; a bad message is terminated with a logged reason and reported", async () => {
    const nc = await connect({ servers: nats.url() });
    const logs: string[] = [];
    const ran: string[] = [];
    let w: StudyWorker | undefined;
    try {
      const js = jetstream(nc);
      // No worker yet: the same job published twice is stored once; the submitter's own publish is a duplicate too.
      const a1 = await js.publish(jobSubject("t2"), encodeWire({ key: "dup", spec: { n: 3 } }), {
        msgID: studyMsgId("t2", "dup"),
      });
      const a2 = await js.publish(jobSubject("t2"), encodeWire({ key: "dup", spec: { n: 3 } }), {
        msgID: studyMsgId("t2", "dup"),
      });
      expect([a1.duplicate, a2.duplicate]).toEqual([false, true]);
      const results: StudyResult[] = [];
      const submitted = submitStudy({
        nats: nc,
        studyId: "t2",
        jobs: [
          { key: "dup", spec: { n: 3 } },
          { key: "bad-spec", spec: { m: 1 } },
          { key: "good", spec: { n: 4 } },
        ],
        onResult: (r) => {
          results.push(r);
        },
        idleTimeoutMs: 20_000,
      });
      await new Promise((r) => setTimeout(r, 200));
      w = await StudyWorker.start({
        nats: nats.url(),
        handler,
        log: (l) => logs.push(l),
        onJob: (e) => ran.push(e.key),
      });
      const s = await submitted;
      expect(s).toMatchObject({ total: 3, published: 2, duplicateJobs: 1, failed: 1, written: 3 });
      await until(() => ran.length >= 3);
      expect(ran.sort()).toEqual(["bad-spec", "dup", "good"]);
      const bad = results.find((r) => r.key === "bad-spec");
      expect(bad).toMatchObject({ ok: false, error: "PermanentJobError: spec.n: expected a number" });
      expect(logs.some((l) => l.includes("job bad-spec (t2) rejected: PermanentJobError: spec.n"))).toBe(
        true,
      );
      await js.publish(jobSubject("t2"), "not json {", { msgID: "garbage" });
      await js.publish(jobSubject("t2"), JSON.stringify({ key: "extra", spec: {}, what: 1 }), {
        msgID: "extra",
      });
      const s2 = await submitStudy({
        nats: nc,
        studyId: "t2",
        jobs: [{ key: "extra", spec: {} }],
        onResult: (r) => {
          results.push(r);
        },
        idleTimeoutMs: 20_000,
      });
      expect(s2).toMatchObject({ published: 0, duplicateJobs: 0, alreadyPublished: 1, failed: 1 });
      expect(results.at(-1)).toMatchObject({ key: "extra", ok: false });
      expect((results.at(-1) as { error: string }).error).toMatch(/bad job message .*what/);
      for (let i = 0; i < 100 && !logs.some((l) => l.includes("Unexpected token")); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(logs.find((l) => l.includes("bad job message") && l.includes("JSON"))).toMatch(/terminated$/);
      await until(() => w?.stats.failed === 3);
      expect(w.stats).toMatchObject({ done: 2, failed: 3 });
      // Terminated and acked jobs are gone from the work queue (nothing left to redeliver).
      const jsm = await jetstreamManager(nc);
      let left = -1;
      for (let i = 0; i < 50 && left !== 0; i++) {
        left = (await jsm.streams.info(STUDY_JOBS_STREAM)).state.messages;
        if (left !== 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(left).toBe(0);
    } finally {
      await w?.drain();
      await nc.close();
    }
  });

  it("in-progress heartbeats keep a job that runs 4× the ack wait from being redelivered; a stopped worker's job goes to another worker", async () => {
    let runs = 0;
    const slow = async (spec: unknown, ctx: { signal: AbortSignal }) => {
      runs++;
      const ms = (spec as { ms: number }).ms;
      await new Promise((r, j) => {
        const t = setTimeout(r, ms);
        ctx.signal.addEventListener("abort", () => {
          clearTimeout(t);
          j(ctx.signal.reason);
        });
      });
      return { ms };
    };
    const streams = { ackWaitMs: 400 };
    const w1 = await StudyWorker.start({ nats: nats.url(), handler: slow, streams, name: "hb1", log: quiet });
    const results: StudyResult[] = [];
    try {
      const s = await submitStudy({
        nats: nats.url(),
        studyId: "t3",
        jobs: [{ key: "long", spec: { ms: 1600 } }],
        streams,
        onResult: (r) => {
          results.push(r);
        },
        idleTimeoutMs: 20_000,
      });
      expect(s.written).toBe(1);
      expect(results[0]).toMatchObject({ key: "long", ok: true, delivery: 1 });
      expect(runs).toBe(1);
      // stop() (second Ctrl-C) hands the job in flight back at once; another worker finishes it.
      const collecting = submitStudy({
        nats: nats.url(),
        studyId: "t3",
        jobs: [{ key: "handed-back", spec: { ms: 1000 } }],
        streams,
        onResult: (r) => {
          results.push(r);
        },
        idleTimeoutMs: 20_000,
      });
      await until(() => runs === 2);
      expect(runs).toBe(2);
      await w1.stop();
      expect(w1.stats.naked).toBe(1);
      const w2 = await StudyWorker.start({
        nats: nats.url(),
        handler: slow,
        streams,
        name: "hb2",
        log: quiet,
      });
      await collecting;
      await w2.drain();
      expect(results[1]).toMatchObject({ key: "handed-back", ok: true, delivery: 2 });
      expect(results[1]?.worker).toBe("hb2:0");
    } finally {
      await w1.drain();
    }
  });

  it("encodeWire/decodeWire round-trip doubles bit for bit (NaN, ±Infinity, -0, Float64Array)", () => {
    const v = { a: [1.1, -0, Number.NaN], b: Float64Array.of(Math.PI, Number.NEGATIVE_INFINITY, -0, 5e-324) };
    const back = decodeWire(encodeWire(v)) as typeof v;
    expect(back.a[0]).toBe(1.1);
    expect(Object.is(back.a[1], -0)).toBe(true);
    expect(back.a[2]).toBeNaN();
    expect(back.b).toBeInstanceOf(Float64Array);
    expect(Buffer.from(back.b.buffer).equals(Buffer.from(v.b.buffer))).toBe(true);
  });
});
