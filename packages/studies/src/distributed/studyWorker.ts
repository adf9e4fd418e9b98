import { hostname } from "node:os";
import { type Consumer, type JetStreamClient, type JsMsg, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { parseWith, QuantkitError, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { type StudyResult, studyJobSchema } from "./studyMessages.js";
import {
  ensureStudyStreams,
  type ResolvedStudyStreams,
  resultSubject,
  STUDY_JOBS_STREAM,
  STUDY_WORKERS_CONSUMER,
  type StudyStreamOptions,
  studyIdOfSubject,
  studyMsgId,
} from "./studyStreams.js";
import { decodeWire, encodeWire } from "./wireJson.js";

/** What a job handler is told about the job it runs. */
export interface StudyJobContext {
  readonly key: string;
  readonly studyId: string;
  /** Delivery attempt (1 = first; > 1 after a worker died or a transient error). */
  readonly delivery: number;
  /** Aborted when the worker is stopped without draining (the job is then nak'ed for another worker). */
  readonly signal: AbortSignal;
}

/**
 * Runs one job's spec and returns its JSON-serialisable result (numbers, strings, arrays, objects, Float64Array).
 * Throw a {@link ValidationError} or {@link PermanentJobError} for a job that can never succeed (it is terminated and
 * reported at once); any other error is retried on another delivery until `maxDeliver`.
 */
export type StudyJobHandler = (spec: unknown, ctx: StudyJobContext) => unknown | Promise<unknown>;

/**
 * A job that can never succeed (bad spec, unknown strategy): the worker terminates it instead of retrying.
 * @example
 * throw new PermanentJobError('unknown strategy "foo"')
 */
export class PermanentJobError extends QuantkitError {
  override name = "PermanentJobError";
}

/**
 * zod schema of the plain options of {@link StudyWorker.start}.
 * @example
 * studyWorkerOptionsSchema.safeParse({ concurrency: 0 }).success // → false
 */
export const studyWorkerOptionsSchema = z
  .object({
    concurrency: z.number().int().min(1).max(256).optional(),
    name: z.string().min(1).optional(),
    retryDelayMs: z.number().int().min(0).optional(),
    pullExpiresMs: z.number().int().min(1000).optional(),
  })
  .passthrough();

/** Options of {@link StudyWorker.start}. */
export interface StudyWorkerOptions {
  /** NATS server URL(s) (`"nats://host:4222"`) or an open connection (not closed by the worker). */
  nats: string | string[] | NatsConnection;
  /** Runs a job's spec. */
  handler: StudyJobHandler;
  /** Jobs run at the same time by this process. @default 1 */
  concurrency?: number;
  /** Stream/consumer settings (ack wait, max deliveries); must match the submitter's. */
  streams?: StudyStreamOptions;
  /** Worker name recorded in results. @default `<hostname>:<pid>` */
  name?: string;
  /** Where log lines go (bad messages, retries). @default console.error */
  log?: (line: string) => void;
  /** Delay before a job that failed with a transient error is redelivered (ms). @default 1_000 */
  retryDelayMs?: number;
  /** How long one pull request waits for a job (ms, ≥ 1000). @default 2_000 */
  pullExpiresMs?: number;
  /** Called after every job this worker finished (result published, job acked or terminated). */
  onJob?: (event: { key: string; studyId: string; ok: boolean; ms: number }) => void;
}

/** Counters of one worker process. */
export interface StudyWorkerStats {
  /** Jobs whose result was published and acked. */
  done: number;
  /** Jobs given up (bad message, permanent error, last delivery failed) and terminated. */
  failed: number;
  /** Jobs handed back (transient error, or the worker stopped without draining). */
  naked: number;
}

interface InFlight {
  readonly msg: JsMsg;
  readonly abort: AbortController;
  released: boolean;
}

/**
 * A `quantkit worker`: pulls study jobs from the shared JetStream work queue (durable pull consumer, explicit acks),
 * runs each with `handler` while sending in-progress heartbeats (`msg.working()` every ack-wait/3), publishes the
 * result on `quantkit.study.<id>.results` with `<id>.<key>` as message id, and only then acks the job. A worker that
 * dies mid-job leaves the job unacknowledged, so JetStream redelivers it to another worker after the ack wait; a
 * malformed job message is terminated with a logged reason (and, when its key is readable, a failure result so the
 * submitter does not wait for it).
 *
 * @example
 * const w = await StudyWorker.start({ nats: "nats://127.0.0.1:4222", handler: (spec) => executeRun(spec, bars) });
 * process.once("SIGTERM", () => w.drain());
 * await w.finished; // resolves after drain()/stop()
 * @see https://docs.nats.io/nats-concepts/jetstream/consumers#ackpolicy
 */
export class StudyWorker {
  readonly stats: StudyWorkerStats = { done: 0, failed: 0, naked: 0 };
  /** Resolves when the worker has stopped and closed its connection. */
  readonly finished: Promise<void>;
  readonly name: string;
  readonly settings: ResolvedStudyStreams;
  private stopping = false;
  private readonly inFlight = new Set<InFlight>();
  private readonly ownsConnection: boolean;
  private resolveFinished!: () => void;
  private loops: Promise<void>[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly consumer: Consumer,
    private readonly options: StudyWorkerOptions,
    settings: ResolvedStudyStreams,
    ownsConnection: boolean,
  ) {
    this.settings = settings;
    this.ownsConnection = ownsConnection;
    this.name = options.name ?? `${hostname()}:${process.pid}`;
    this.finished = new Promise((r) => {
      this.resolveFinished = r;
    });
  }

  /**
   * Connects, ensures the streams and the shared consumer exist, and starts `concurrency` pull loops.
   * @param options - {@link StudyWorkerOptions} (validated).
   */
  static async start(options: StudyWorkerOptions): Promise<StudyWorker> {
    parseWith(studyWorkerOptionsSchema, options, "study worker options");
    const owns = typeof options.nats === "string" || Array.isArray(options.nats);
    const nc =
      typeof options.nats === "string" || Array.isArray(options.nats)
        ? await connect({ servers: options.nats, name: "quantkit-worker", maxReconnectAttempts: -1 })
        : options.nats;
    const settings = await ensureStudyStreams(nc, options.streams);
    const js = jetstream(nc);
    const consumer = await js.consumers.get(STUDY_JOBS_STREAM, STUDY_WORKERS_CONSUMER);
    const w = new StudyWorker(nc, js, consumer, options, settings, owns);
    const n = options.concurrency ?? 1;
    for (let slot = 0; slot < n; slot++) w.loops.push(w.loop(slot));
    return w;
  }

  /** Stops pulling, lets the jobs in flight finish (publish + ack), then closes. */
  async drain(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
    await this.close();
  }

  /** Stops pulling and hands every job in flight back at once (nak), without waiting for its handler; then closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const f of this.inFlight) this.release(f, "stopped");
    await this.close();
  }

  private async close(): Promise<void> {
    if (this.ownsConnection && !this.nc.isClosed()) {
      try {
        await this.nc.flush();
      } catch {
        // connection already gone
      }
      await this.nc.close();
    }
    this.resolveFinished();
  }

  private log(line: string): void {
    (this.options.log ?? ((l: string) => console.error(l)))(`[worker ${this.name}] ${line}`);
  }

  private release(f: InFlight, why: string): void {
    if (f.released) return;
    f.released = true;
    f.abort.abort(new QuantkitError(`worker ${why}`));
    try {
      f.msg.nak();
    } catch {
      // connection closed: the server redelivers after ack wait
    }
    this.stats.naked++;
  }

  private async loop(slot: number): Promise<void> {
    const expires = this.options.pullExpiresMs ?? 2_000;
    // The next pull is issued as soon as the current job's handler has returned, while its result is being
    // published: the two round trips overlap, and no job is ever held while another one computes.
    let next: Promise<JsMsg | null> | undefined;
    const pull = () => {
      if (next === undefined && !this.stopping) next = this.consumer.next({ expires });
    };
    while (!this.stopping || next !== undefined) {
      pull();
      if (next === undefined) break;
      let m: JsMsg | null;
      try {
        m = await next;
      } catch (e) {
        next = undefined;
        if (this.stopping || this.nc.isClosed()) break;
        this.log(`pull failed (${(e as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      next = undefined;
      if (m === null) continue;
      if (this.stopping) {
        m.nak();
        this.stats.naked++;
        continue;
      }
      await this.handle(m, slot, pull);
    }
  }

  private async handle(m: JsMsg, slot: number, computed: () => void): Promise<void> {
    const studyId = studyIdOfSubject(m.subject);
    const delivery = m.info.deliveryCount;
    const worker = `${this.name}:${slot}`;
    const t0 = performance.now();
    let key: string;
    let spec: unknown;
    try {
      const job = parseWith(studyJobSchema, decodeWire(m.string()), "study job message");
      key = job.key;
      spec = job.spec;
    } catch (e) {
      computed();
      const reason = `bad job message (stream seq ${m.seq}, ${m.subject}): ${(e as Error).message}`;
      this.log(`${reason}; terminated`);
      const k = readableKey(m);
      if (k !== undefined)
        await this.publishQuiet(studyId, { key: k, ok: false, error: reason, worker, delivery, ms: 0 });
      m.term(); // no reason text: nats-server 2.9 does not parse "+TERM <reason>" (the reason is logged and published)
      this.stats.failed++;
      this.options.onJob?.({ key: k ?? "", studyId, ok: false, ms: 0 });
      return;
    }
    const f: InFlight = { msg: m, abort: new AbortController(), released: false };
    this.inFlight.add(f);
    const beat = setInterval(
      () => {
        if (!f.released) m.working();
      },
      Math.max(50, Math.floor(this.settings.ackWaitMs / 3)),
    );
    try {
      const result = await this.options.handler(spec, { key, studyId, delivery, signal: f.abort.signal });
      computed();
      if (f.released) return;
      const ms = performance.now() - t0;
      const body = encodeWire({ key, ok: true, result, worker, delivery, ms } satisfies StudyResult);
      // A result over the server's max_payload can never be published: fail the job at once, saying why.
      const limit = this.nc.info?.max_payload;
      const size = Buffer.byteLength(body);
      if (limit !== undefined && size > limit)
        throw new PermanentJobError(
          `its result is ${size} bytes, over the NATS server's max_payload of ${limit} bytes (raise max_payload in the nats-server config)`,
        );
      await this.js.publish(resultSubject(studyId), body, { msgID: studyMsgId(studyId, key) });
      if (f.released) return;
      f.released = true;
      m.ack(); // result is durable; a lost ack only means a redelivery whose result is a duplicate
      this.stats.done++;
      this.options.onJob?.({ key, studyId, ok: true, ms });
    } catch (e) {
      computed();
      if (f.released) return;
      const err = e as Error;
      const permanent = err instanceof ValidationError || err instanceof PermanentJobError;
      const ms = performance.now() - t0;
      if (permanent || delivery >= this.settings.maxDeliver) {
        const reason = permanent
          ? `${err.name}: ${err.message}`
          : `failed on delivery ${delivery}/${this.settings.maxDeliver}: ${err.name}: ${err.message}`;
        this.log(`job ${key} (${studyId}) rejected: ${reason}; terminated`);
        f.released = true;
        await this.publishQuiet(studyId, { key, ok: false, error: reason, worker, delivery, ms });
        m.term(); // no reason text: nats-server 2.9 does not parse "+TERM <reason>" (the reason is logged and published)
        this.stats.failed++;
        this.options.onJob?.({ key, studyId, ok: false, ms });
      } else {
        this.log(`job ${key} (${studyId}) failed on delivery ${delivery}: ${err.message}; retrying`);
        f.released = true;
        m.nak(this.options.retryDelayMs ?? 1_000);
        this.stats.naked++;
      }
    } finally {
      clearInterval(beat);
      this.inFlight.delete(f);
    }
  }

  private async publishQuiet(studyId: string, r: StudyResult): Promise<void> {
    try {
      await this.js.publish(resultSubject(studyId), encodeWire(r), {
        msgID: studyMsgId(studyId, r.key),
      });
    } catch (e) {
      this.log(`could not publish the failure of ${r.key}: ${(e as Error).message}`);
    }
  }
}

function readableKey(m: JsMsg): string | undefined {
  try {
    const o = JSON.parse(m.string()) as { key?: unknown };
    return typeof o.key === "string" && o.key.length > 0 && o.key.length <= 256 ? o.key : undefined;
  } catch {
    return undefined;
  }
}
