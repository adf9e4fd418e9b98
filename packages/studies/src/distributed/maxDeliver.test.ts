import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { natsServerFixture } from "./natsServer.testutil.js";
import type { StudyResult } from "./studyMessages.js";
import { ensureStudyStreams, STUDY_JOBS_STREAM, STUDY_WORKERS_CONSUMER } from "./studyStreams.js";
import { submitStudy } from "./submitStudy.js";

vi.setConfig({ testTimeout: 60_000 });
const nats = natsServerFixture(beforeAll, afterAll);

describe("a job that never gets a result (every worker dies on it)", () => {
  it("is reported as failed from the server's max-deliveries advisory instead of being waited for forever", async () => {
    const nc = await connect({ servers: nats.url() });
    try {
      const streams = { ackWaitMs: 300, maxDeliver: 2 };
      await ensureStudyStreams(nc, streams);
      // A "worker" that takes every job and dies on it: pulls, never acks, never publishes a result.
      const consumer = await jetstream(nc).consumers.get(STUDY_JOBS_STREAM, STUDY_WORKERS_CONSUMER);
      let deliveries = 0;
      let stop = false;
      const dying = (async () => {
        while (!stop) {
          const m = await consumer.next({ expires: 1000 });
          if (m !== null) deliveries++;
        }
      })();
      const results: StudyResult[] = [];
      const s = await submitStudy({
        nats: nc,
        studyId: "poison",
        jobs: [{ key: "poison-pill", spec: { crash: true } }],
        streams,
        onResult: (r) => {
          results.push(r);
        },
        idleTimeoutMs: 20_000,
      });
      stop = true;
      await dying;
      expect(s).toMatchObject({ total: 1, written: 1, failed: 1 });
      expect(deliveries).toBe(2);
      expect(results[0]).toMatchObject({ key: "poison-pill", ok: false, delivery: 2 });
      expect((results[0] as { error: string }).error).toMatch(/no result after 2 deliveries/);
    } finally {
      await nc.close();
    }
  });
});
